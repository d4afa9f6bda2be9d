"""Writes of the staffing quotas: only the county's establishment office (编办), validated,
recorded (a ChangeRecord, and a QuotaChange with its document for every change of the
approved number), atomic. Sinking posts tells the township and the department."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from quanze.core.errors import Forbidden, refuses_control_chars, validate_model
from quanze.core.history import diff_states, model_state, record_change
from quanze.core.notices import Kind, notify, unit_users
from quanze.enforcement.staffing.models import PostKind, PostSinking, QuotaChange, StaffingQuota
from quanze.org.models import Department, Division
from quanze.org.roles import is_office

QUOTA_FIELDS = ["approved", "filled"]
SINKING_FIELDS = ["department", "township", "kind", "count", "filled", "document_number", "on"]
OFFICE_ONLY = "只有本县(市、区)编办可以管理编制"


def require_office(by, county_id) -> None:
    if not (is_office(by) and by.county_id == county_id):
        raise Forbidden(OFFICE_ONLY)


def unit_county(*, township: Division | None, department: Department | None):
    if township is not None:
        if township.level != Division.Level.TOWNSHIP:
            raise ValidationError({"township": "单位:请选择一个乡镇(街道)"})
        return township.parent_id
    if department is not None:
        return department.division_id
    raise ValidationError({"unit": "单位:请选择一个乡镇(街道)或一个部门"})


def sunk_from(department, kind: str, *, exclude_pk=None) -> int:
    rows = PostSinking.objects.filter(department=department, kind=kind)
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    return rows.aggregate(n=Sum("count"))["n"] or 0


@transaction.atomic
@refuses_control_chars(document_number="文号", reason="事由")
def quota_set(
    *,
    by,
    kind: str,
    approved: int,
    filled: int,
    township: Division | None = None,
    department: Department | None = None,
    document_number: str = "",
    on: date | None = None,
    reason: str = "",
) -> StaffingQuota:
    """Set a unit's approved and filled posts of one kind (creating the quota if new)."""
    county_id = unit_county(township=township, department=department)
    require_office(by, county_id)
    if kind not in PostKind.values:
        raise ValidationError({"kind": "编制类型:应为行政编制、事业编制或编外辅助人员"})
    unit = {"township": township} if township else {"department": department}
    quota = StaffingQuota.objects.select_for_update(of=("self",)).filter(kind=kind, **unit).first()
    before = model_state(quota, QUOTA_FIELDS) if quota else {}
    if quota is None:
        quota = StaffingQuota(county_id=county_id, kind=kind, **unit)
    old_approved = quota.approved if quota.pk else 0
    quota.approved, quota.filled = approved, filled
    validate_model(quota)
    if department is not None:
        sunk = sunk_from(department, kind)
        if approved < sunk:
            raise ValidationError(
                {
                    "approved": f"核定编制数:该部门已下沉{sunk}名{quota.get_kind_display()},不能少于此数"
                }
            )
    old, new = diff_states(before, model_state(quota, QUOTA_FIELDS))
    if not new:
        return quota
    created = quota.pk is None
    if not created:
        quota.row_version += 1
    quota.save()
    record_change(
        quota,
        action="create" if created else "update",
        actor=by,
        before=old,
        after=new,
        reason=" ".join(x for x in (document_number.strip(), reason.strip()) if x),
    )
    if approved != old_approved:
        change = QuotaChange(
            quota=quota,
            change=approved - old_approved,
            approved_after=approved,
            document_number=document_number.strip(),
            on=on or timezone.localdate(),
            reason=reason.strip(),
            by=by if by is not None and by.is_authenticated else None,
        )
        validate_model(change)
        change.save()
    return quota


@transaction.atomic
def sinking_create(
    *,
    by,
    department: Department,
    township: Division,
    kind: str,
    count: int,
    on: date,
    filled: int = 0,
    document_number: str = "",
    note: str = "",
) -> PostSinking:
    """Sink `count` posts of the department's team to a township (县属乡用): they stay the
    department's (its approved number does not change) and are used in the township."""
    require_office(by, department.division_id)
    if township.level != Division.Level.TOWNSHIP or township.parent_id != department.division_id:
        raise ValidationError({"township": "下沉至乡镇(街道):应为本县(市、区)的乡镇(街道)"})
    quota = (
        StaffingQuota.objects.select_for_update(of=("self",))
        .filter(department=department, kind=kind)
        .first()
    )
    label = dict(PostKind.choices).get(kind, kind)
    if quota is None:
        raise ValidationError({"kind": f"编制类型:{department}尚未核定{label},不能下沉"})
    sinking = PostSinking(
        county_id=department.division_id,
        department=department,
        township=township,
        kind=kind,
        count=count,
        filled=filled,
        on=on,
        document_number=(document_number or "").strip(),
        note=(note or "").strip(),
    )
    validate_model(sinking)
    already = sunk_from(department, kind)
    if already + count > quota.approved:
        raise ValidationError(
            {
                "count": f"下沉编制数:{department}核定{label}{quota.approved}名,"
                f"已下沉{already}名,最多还能下沉{quota.approved - already}名"
            }
        )
    sinking.save()
    record_change(sinking, action="create", actor=by, after=model_state(sinking, SINKING_FIELDS))
    notify(
        unit_users(townships=[township], departments=[department]),
        kind=Kind.STAFFING,
        title=f"{department}下沉{label}{count}名至{township}(县属乡用)",
        body=sinking.document_number,
        link=sinking.get_absolute_url(),
    )
    return sinking
