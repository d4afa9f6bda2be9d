"""Correcting one matter of the territorial list where a dispute showed it wrong or unclear.

The establishment office, ruling a dispute (quanze.dispatch.disputes.services.dispute_rule), may state
in the same ruling what the list must say for the disputed matter. `list_correct` turns that
into a new published version that differs from the version in force in that one matter only:
it opens a draft (a copy of the version in force), rewrites the matter's row, and publishes it
from the given effective date, through the same services as any other version, so the draft,
publication and superseding each write their event row and ChangeRecord. Events that happened
before the effective date keep the old version's answer; routing picks the new one after.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from quanze.core.errors import refuses_control_chars
from quanze.core.history import record_change
from quanze.duties.corrections.selectors import current_item, version_current
from quanze.duties.rules import require_office
from quanze.duties.territorial import services as territorial
from quanze.duties.territorial.models import (
    ResponsibilityItem,
    ResponsibilityList,
    ResponsibilityVersion,
)
from quanze.duties.territorial.rows import ItemData
from quanze.duties.territorial.selectors import version_diff
from quanze.org.models import Division

Scope = ResponsibilityItem.Scope
Status = ResponsibilityVersion.Status


@dataclass
class Correction:
    """What the list must say for one matter; empty or None fields stay as they are."""

    effective_date: date | None = None
    document_number: str = ""
    primary_department: object = None
    primary_duty: str = ""
    fallback_department: object = None
    add_co_department: object = None
    add_co_duty: str = ""
    remove_co_department: object = None
    township_scope: str = ""
    townships: list = field(default_factory=list)
    township_duty: str = ""
    basis: str = ""

    def is_empty(self) -> bool:
        return not any(
            [
                self.primary_department,
                (self.primary_duty or "").strip(),
                self.fallback_department,
                self.add_co_department,
                self.remove_co_department,
                self.township_scope,
                (self.township_duty or "").strip(),
                (self.basis or "").strip(),
            ]
        )


@dataclass(frozen=True)
class Corrected:
    base: ResponsibilityVersion  # the version in force before
    version: ResponsibilityVersion  # the new, published version
    changes: list  # (label, before, after) of the one changed matter


# The departments a correction may name, with the field and its Chinese label.
DEPARTMENT_FIELDS = [
    ("primary_department", "更正主体责任部门"),
    ("fallback_department", "更正兜底牵头部门"),
    ("add_co_department", "增加配合部门"),
    ("remove_co_department", "移除配合部门"),
]


def _check(county, matter, correction: Correction) -> None:
    errors = {}
    if correction.effective_date is None:
        errors["effective_date"] = "更正生效日期:更正清单时必须填写"
    for name, label in DEPARTMENT_FIELDS:
        department = getattr(correction, name)
        if department is not None and department.division_id != county.pk:
            errors[name] = f"{label}:「{department}」不是本县部门"
    if matter.county_id != county.pk:
        errors["matter"] = f"事项:「{matter}」不是本县的属地管理事项"
    if correction.township_scope and correction.township_scope not in Scope.values:
        errors["township_scope"] = "更正配合乡镇(街道):范围无效"
    towns = [t for t in correction.townships if t.parent_id != county.pk]
    if towns:
        errors["townships"] = f"指定配合乡镇(街道):「{towns[0]}」不是本县的乡镇(街道)"
    if errors:
        raise ValidationError(errors)


def _row(item: ResponsibilityItem, c: Correction) -> ItemData:
    """The item as a list row with the correction applied; refuses what cannot apply."""
    co = [(x.department, x.duty) for x in item.co_departments.all()]
    errors = {}
    if c.remove_co_department is not None:
        if c.remove_co_department not in [d for d, _ in co]:
            errors["remove_co_department"] = (
                f"移除配合部门:「{c.remove_co_department}」不是「{item.matter}」的配合部门"
            )
        co = [(d, duty) for d, duty in co if d != c.remove_co_department]
    if c.add_co_department is not None:
        if c.add_co_department in [d for d, _ in co]:
            errors["add_co_department"] = (
                f"增加配合部门:「{c.add_co_department}」已是「{item.matter}」的配合部门"
            )
        co.append((c.add_co_department, (c.add_co_duty or "").strip()))
    scope = c.township_scope or item.township_scope
    townships = list(c.townships) if c.township_scope else list(item.townships.all())
    if scope == Scope.NAMED and not townships:
        errors["townships"] = "指定配合乡镇(街道):选择「指定乡镇(街道)」时须至少选一个"
    primary = c.primary_department or item.primary_department
    if any(d == primary for d, _ in co):
        name, label = (
            ("primary_department", "更正主体责任部门")
            if c.primary_department
            else ("add_co_department", "增加配合部门")
        )
        errors.setdefault(
            name, f"{label}:「{primary}」同时是配合部门;主体责任部门不能兼任配合部门,请一并移除"
        )
    if errors:
        raise ValidationError(errors)
    return ItemData(
        matter_name=item.matter.name,
        primary_department=primary,
        primary_duty=(c.primary_duty or "").strip() or item.primary_duty,
        township_scope=scope,
        townships=townships if scope == Scope.NAMED else [],
        township_duty=(c.township_duty or "").strip() or item.township_duty,
        fallback_department=c.fallback_department or item.fallback_department,
        basis=(c.basis or "").strip() or item.basis,
        accept_hours=item.accept_hours,
        handle_days=item.handle_days,
        co_departments=co,
        steps=[
            (None if s.by_township else s.department, s.action, s.time_limit_hours)
            for s in item.steps.all()
        ],
    )


@transaction.atomic
@refuses_control_chars(correction="更正内容", reason="理由")
def list_correct(
    *, by, county: Division, matter, correction: Correction, reason: str, note: str = ""
) -> Corrected:
    """Publish a version of the county's list that changes `matter` as `correction` says.

    `reason` says where the correction comes from (the dispute ruling, an adjustment
    project), for the history; `note` is the version's note (default: a ruling's)."""
    require_office(by, county.pk, "只有本县编办可以更正属地管理责任清单")
    if matter is None:
        raise ValidationError({"matter": "事项:更正清单须先确定事项"})
    if correction.is_empty():
        raise ValidationError({"correction": "清单更正:未填写任何更正内容"})
    _check(county, matter, correction)
    base = version_current(county)
    item = current_item(county=county, matter=matter)
    if item is None:
        where = f"现行「{base}」" if base else "本县属地清单(尚未发布)"
        raise ValidationError(
            {"matter": f"事项:「{matter}」不在{where}上,不能在裁定中更正;新增事项须经准入"}
        )
    responsibility_list = ResponsibilityList.objects.get(pk=base.responsibility_list_id)
    pending = responsibility_list.versions.filter(status=Status.DRAFT).first()
    if pending is not None:
        raise ValidationError(
            {"correction": f"清单更正:{pending}是未发布的草稿;请先发布或处理该草稿,再更正"}
        )
    _row(item, correction)  # refuse what cannot apply before opening a draft
    draft = territorial.version_draft(by=by, responsibility_list=responsibility_list)
    # version_draft locked the list: read the version in force again, so a correction
    # another ruling published while this one waited is kept, not overwritten.
    base = version_current(county)
    item = current_item(county=county, matter=matter)
    if item is None:
        raise ValidationError({"matter": f"事项:「{matter}」已不在现行「{base}」上,不能更正"})
    row = _row(item, correction)
    territorial.version_set_items(by=by, version=draft, rows=[row], replace=False)
    diff = version_diff(old=base, new=draft)
    if not diff["changed"]:
        raise ValidationError({"correction": "清单更正:更正内容与现行清单相同"})
    version = territorial.version_publish(
        by=by,
        version=draft,
        effective_date=correction.effective_date,
        document_number=correction.document_number or "",
        note=(note or f"争议裁定更正「{matter}」")[:500],
    )
    changes = [list(f) for f in diff["changed"][0]["fields"]]
    record_change(
        version,
        action="correct",
        actor=by,
        before={"version": base.number, **{label: old for label, old, _ in changes}},
        after={"version": version.number, **{label: new for label, _, new in changes}},
        reason=reason,
    )
    return Corrected(base=base, version=version, changes=changes)
