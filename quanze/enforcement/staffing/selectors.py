"""Reads of the staffing quotas and their access choke points.

The county's office and justice bureau read the county's quotas and sunk posts; a
department its own quotas and the posts it sinks; a township its own quotas and the posts
sunk to it. Only the office writes (services.py).
"""

import re

from django.db.models import Q

from quanze.core.errors import NotFound
from quanze.enforcement.staffing.models import PostSinking, QuotaChange, StaffingQuota
from quanze.org.models import Department, Division
from quanze.org.roles import is_county_wide, is_department_clerk, is_township_clerk

SORTS = {
    "unit": ("township__code", "department__name", "kind", "id"),
    "kind": ("kind", "township__code", "department__name", "id"),
    "-approved": ("-approved", "id"),
    "-vacant": ("-vacancy", "id"),
}


def quotas_visible(user):
    if is_county_wide(user):
        return StaffingQuota.objects.filter(county_id=user.county_id)
    if is_department_clerk(user):
        return StaffingQuota.objects.filter(department_id=user.department_id)
    if is_township_clerk(user):
        return StaffingQuota.objects.filter(township_id=user.township_id)
    return StaffingQuota.objects.none()


def sinkings_visible(user):
    if is_county_wide(user):
        return PostSinking.objects.filter(county_id=user.county_id)
    if is_department_clerk(user):
        return PostSinking.objects.filter(department_id=user.department_id)
    if is_township_clerk(user):
        return PostSinking.objects.filter(township_id=user.township_id)
    return PostSinking.objects.none()


def access_quota(user, pk: int) -> StaffingQuota:
    quota = quotas_visible(user).select_related("township", "department").filter(pk=pk).first()
    if quota is None:
        raise NotFound("编制")
    return quota


def access_sinking(user, pk: int) -> PostSinking:
    found = sinkings_visible(user).select_related("township", "department").filter(pk=pk).first()
    if found is None:
        raise NotFound("下沉编制")
    return found


UNIT_KEY = re.compile(r"[td][0-9]{1,12}")


def unit_filter(key: str) -> Q:
    """A filter on a unit key (t<township id> / d<department id>); anything else matches
    nothing rather than everything."""
    if not UNIT_KEY.fullmatch(key or ""):
        return Q(pk__in=[])
    if key[0] == "t":
        return Q(township_id=int(key[1:]))
    return Q(department_id=int(key[1:]))


def quota_list(user, *, unit: str = "", kind: str = "", sort: str = "unit"):
    """Quotas, filtered by unit key (t<id> / d<id>) and kind, sorted."""
    from django.db.models import F

    rows = quotas_visible(user).select_related("township", "department")
    if unit:
        rows = rows.filter(unit_filter(unit))
    if kind:
        rows = rows.filter(kind=kind)
    rows = rows.annotate(vacancy=F("approved") - F("filled"))
    return rows.order_by(*SORTS.get(sort, SORTS["unit"]))


def sinking_list(user, *, unit: str = ""):
    rows = sinkings_visible(user).select_related("township", "department")
    if unit:
        rows = rows.filter(unit_filter(unit))
    return rows


def recent_changes(user, limit: int = 20):
    return (
        QuotaChange.objects.filter(quota__in=quotas_visible(user))
        .select_related("quota__township", "quota__department")
        .order_by("-at", "-id")[:limit]
    )


def unit_choices(user) -> list[tuple[str, str]]:
    """(key, name) of the units whose quotas the user reads: townships, then departments."""
    county_id = user.county_id if user.is_authenticated else None
    if is_county_wide(user):
        towns = Division.objects.filter(parent_id=county_id, level=Division.Level.TOWNSHIP)
        departments = Department.objects.filter(division_id=county_id)
    elif is_township_clerk(user):
        towns, departments = Division.objects.filter(pk=user.township_id), Department.objects.none()
    elif is_department_clerk(user):
        towns, departments = (
            Division.objects.none(),
            Department.objects.filter(pk=user.department_id),
        )
    else:
        return []
    return [(f"t{t.pk}", t.name) for t in towns.order_by("code")] + [
        (f"d{d.pk}", d.name) for d in departments.order_by("name")
    ]


def can_read_report(user) -> bool:
    return is_county_wide(user) or is_township_clerk(user) or is_department_clerk(user)


def report_for(user, *, on, year=None, minimum=None):
    """The staffing report `user` reads: the county for its office and justice bureau; a
    township its own row; a department its own row and the townships it stations squads in
    or sinks posts to."""
    from quanze.enforcement.squads.models import Squad
    from quanze.enforcement.staffing import rules
    from quanze.enforcement.staffing.report import staffing_report

    minimum = minimum or rules.MINIMUM_OFFICERS
    if is_county_wide(user):
        county, towns, departments = user.county, None, None
    elif is_township_clerk(user):
        county, towns, departments = user.township.parent, [user.township_id], []
    elif is_department_clerk(user):
        county = user.department.division
        departments = [user.department_id]
        towns = set(
            Squad.objects.filter(department_id=user.department_id).values_list(
                "township_id", flat=True
            )
        ) | set(
            PostSinking.objects.filter(department_id=user.department_id).values_list(
                "township_id", flat=True
            )
        )
    else:
        from quanze.core.errors import Forbidden

        raise Forbidden("执法力量与编制报表只对编办、司法局、乡镇(街道)和县直部门开放")
    label = county.name if towns is None else f"{county.name}·{(user.township or user.department)}"
    return staffing_report(
        county,
        on=on,
        year=year,
        minimum=minimum,
        township_ids=towns,
        department_ids=departments,
        label=label,
    )
