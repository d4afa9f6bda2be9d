"""Reads of the duties app. The routing interface for quanze.dispatch lives in `routing`
and is re-exported here:

    responsibility_for(*, matter, township, on) -> Responsibility | None
    matters_for_county(*, county, on=None) -> QuerySet[Matter]
    version_in_force(*, county, on=None) -> ResponsibilityVersion | None
    is_on_list(*, township, matter_or_duty=None, on=None, matter=None) -> bool

`is_on_list` says whether a task may be given to a township: the territorial list in
force gives the township a part in the matter (all townships, or it is named), or
the township's published duty list carries a duty of that name (basic, cooperating
or newly delegated; a returned item is, by definition, no longer the township's).
Anything else is outside the list and needs an admission (准入) first.
"""

from datetime import date

from django.utils import timezone

from quanze.duties.models import DutyEntry, DutyVersion, Matter, ResponsibilityItem
from quanze.duties.models.dutylist import DutyClass
from quanze.duties.routing import (  # noqa: F401  (the interface)
    Responsibility,
    matters_for_county,
    responsibility_for,
    township_on_list,
    version_in_force,
)

ON_LIST_CLASSES = (DutyClass.BASIC, DutyClass.COOPERATING, DutyClass.NEW)


def duty_version_in_force(*, township, on: date | None = None):
    on = on or timezone.localdate()
    return (
        DutyVersion.objects.filter(
            duty_list__township=township, published_at__isnull=False, effective_date__lte=on
        )
        .order_by("-effective_date", "-number")
        .first()
    )


def is_on_list(*, township, matter_or_duty=None, on: date | None = None, matter=None) -> bool:
    """Whether `township` may be given this matter or duty (a Matter, its pk, or a name)."""
    subject = matter_or_duty if matter_or_duty is not None else matter
    on = on or timezone.localdate()
    if isinstance(subject, (Matter, int)):
        if township_on_list(township=township, matter=subject, on=on):
            return True
        name = subject.name if isinstance(subject, Matter) else None
    else:
        name = str(subject or "").strip()
        found = Matter.objects.filter(county_id=township.parent_id, name=name).first()
        if found and township_on_list(township=township, matter=found, on=on):
            return True
    if not name:
        return False
    version = duty_version_in_force(township=township, on=on)
    return bool(
        version
        and DutyEntry.objects.filter(
            version=version, name=name, duty_class__in=ON_LIST_CLASSES
        ).exists()
    )


def townships_text(item: ResponsibilityItem) -> str:
    if item.township_scope == ResponsibilityItem.Scope.ALL:
        return "全部乡镇(街道)"
    if item.township_scope == ResponsibilityItem.Scope.NONE:
        return "无"
    return "、".join(t.name for t in sorted(item.townships.all(), key=lambda t: t.code))


def item_data(item: ResponsibilityItem) -> dict:
    """An item as plain values, keyed like importing.COLUMNS: what the pages show, the
    export writes (and the import reads back) and the diff compares."""
    return {
        "matter": item.matter.name,
        "field": item.matter.field.name if item.matter.field_id else "",
        "synonyms": item.matter.synonyms,
        "primary_department": str(item.primary_department),
        "primary_duty": item.primary_duty,
        "townships": townships_text(item),
        "township_duty": item.township_duty,
        "fallback_department": str(item.fallback_department or item.primary_department),
        "basis": item.basis,
        "accept_hours": item.accept_hours,
        "handle_days": item.handle_days,
        "co_departments": ";".join(f"{c.department}:{c.duty}" for c in item.co_departments.all()),
        "steps": ";".join(
            f"{s.position}.{s.unit}:{s.action}({s.time_limit_hours}小时)" for s in item.steps.all()
        ),
    }


ITEM_LABELS = {
    "matter": "事项名称",
    "field": "领域",
    "synonyms": "同义词",
    "primary_department": "主体责任部门",
    "primary_duty": "主体责任",
    "townships": "配合乡镇(街道)",
    "township_duty": "配合责任",
    "fallback_department": "兜底牵头部门",
    "basis": "依据",
    "accept_hours": "响应时限(小时)",
    "handle_days": "办结时限(天)",
    "co_departments": "配合部门",
    "steps": "说明书",
}


def version_items(version):
    return (
        version.items.select_related("matter__field", "primary_department", "fallback_department")
        .prefetch_related("townships", "co_departments__department", "steps__department")
        .order_by("position")
    )


def version_diff(*, old, new) -> dict:
    """Matters added, removed and changed (field by field) from `old` to `new`."""
    before = {i.matter_id: item_data(i) for i in version_items(old)} if old else {}
    after = {i.matter_id: item_data(i) for i in version_items(new)}
    changed = []
    for matter_id in sorted(set(before) & set(after), key=lambda m: after[m]["matter"]):
        fields = [
            (ITEM_LABELS[k], before[matter_id][k], after[matter_id][k])
            for k in ITEM_LABELS
            if before[matter_id][k] != after[matter_id][k]
        ]
        if fields:
            changed.append({"matter": after[matter_id]["matter"], "fields": fields})
    return {
        "added": [after[m] for m in after if m not in before],
        "removed": [before[m] for m in before if m not in after],
        "changed": changed,
    }


def lookup(*, county, matter_text: str = "", township=None, on: date | None = None) -> list:
    """ "Who is responsible for …": matters of the list in force whose name or synonyms
    contain the text, each with its answer for the township (or for any township)."""
    on = on or timezone.localdate()
    matters = matters_for_county(county=county, on=on).order_by("responsibility_items__position")
    text = (matter_text or "").strip()
    if text:
        from django.db.models import Q

        matters = matters.filter(Q(name__contains=text) | Q(synonyms__contains=text))
    out = []
    for matter in matters[:50]:
        if township is not None:
            out.append(responsibility_for(matter=matter, township=township, on=on))
        else:
            out.append(_any_township(county, matter, on))
    return [r for r in out if r is not None]


class _AnyTownship:
    """Stands for "a township of the county" when a lookup names none."""

    pk = 0

    def __init__(self, county):
        self.parent_id = county.pk

    def __str__(self) -> str:
        return "属地乡镇(街道)"


def _any_township(county, matter, on):
    return responsibility_for(matter=matter, township=_AnyTownship(county), on=on)
