"""Reads of the territorial lists: the access choke points of lists and versions, items as
plain values, diffs between versions, and the "who is responsible for …" lookup. The
routing interface for quanze.dispatch lives in `routing`."""

from datetime import date

from django.db.models import Q
from django.utils import timezone

from quanze.core.errors import NotFound
from quanze.duties.rules import in_county, office_of
from quanze.duties.territorial.models import (
    ClaimMeeting,
    ResponsibilityItem,
    ResponsibilityList,
    ResponsibilityVersion,
)
from quanze.duties.territorial.routing import matters_for_county, responsibility_for
from quanze.org.models import Division


def access_list(user, pk, *, for_write=False) -> ResponsibilityList:
    obj = ResponsibilityList.objects.select_related("county").filter(pk=pk).first()
    if obj is None:
        raise NotFound("属地清单")
    if for_write and not office_of(user, obj.county_id):
        raise NotFound("属地清单")
    return obj


def access_version(user, pk, *, for_write=False) -> ResponsibilityVersion:
    obj = (
        ResponsibilityVersion.objects.select_related("responsibility_list__county")
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise NotFound("清单版本")
    county_id = obj.responsibility_list.county_id
    if for_write and not office_of(user, county_id):
        raise NotFound("清单版本")
    if obj.published_at is None and not in_county(user, county_id):
        raise NotFound("清单版本")
    return obj


def access_meeting(user, pk) -> ClaimMeeting:
    """A claiming meeting, for the county only (its minutes are not published)."""
    meeting = (
        ClaimMeeting.objects.select_related("version__responsibility_list").filter(pk=pk).first()
    )
    if meeting is None or not in_county(user, meeting.version.responsibility_list.county_id):
        raise NotFound("认领会")
    return meeting


def township_or_404(pk) -> Division:
    """The township with this id, or NotFound (for the API's query parameters)."""
    found = Division.objects.filter(pk=pk, level=Division.Level.TOWNSHIP).first()
    if found is None:
        raise NotFound("乡镇(街道)")
    return found


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
        "township_primary": "是" if item.township_primary else "",
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
    "township_primary": "乡镇(街道)主体责任",
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
