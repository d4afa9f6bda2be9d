"""Reads of guidance and guiding cases, and their access choke points.

The county's justice bureau writes and sees drafts and candidates; the county's other
signed-in users read published guidance and published guiding cases; the public reads
published guiding cases; another county sees nothing (404).
"""

from django.db.models import Q

from quanze.catalog.models import Power
from quanze.core.errors import NotFound
from quanze.enforcement.benchmarks.selectors import can_write
from quanze.enforcement.guidance.models import Guidance, GuidingCase
from quanze.org.roles import is_reviewer

__all__ = ["can_write"]


def county_powers(user):
    """The powers guidance may be written for: those of the user's county."""
    if not user.is_authenticated or user.county_id is None:
        return Power.objects.none()
    return Power.objects.filter(owner_id=user.county_id)


def access_power(user, pk: int) -> Power:
    power = county_powers(user).select_related("field", "department").filter(pk=pk).first()
    if power is None:
        raise NotFound("执法事项")
    return power


def guidance_visible(user):
    if not user.is_authenticated or user.county_id is None:
        return Guidance.objects.none()
    rows = Guidance.objects.filter(county_id=user.county_id)
    if not is_reviewer(user):
        rows = rows.filter(status=Guidance.Status.PUBLISHED)
    return rows


def access_guidance(user, pk: int) -> Guidance:
    found = guidance_visible(user).select_related("power").filter(pk=pk).first()
    if found is None:
        raise NotFound("执法指引")
    return found


def guidance_for(user, power) -> Guidance | None:
    return guidance_visible(user).filter(power=power).first()


SORTS = {"code": ("power__code", "id"), "-updated": ("-updated_at", "-id")}


def guidance_list(user, *, q: str = "", status: str = "", sort: str = "code"):
    rows = guidance_visible(user).select_related("power", "power__field")
    if q:
        rows = rows.filter(Q(power__name__icontains=q) | Q(power__code__icontains=q))
    if status:
        rows = rows.filter(status=status)
    return rows.order_by(*SORTS.get(sort, SORTS["code"]))


def guiding_cases_visible(user):
    if not user.is_authenticated or user.county_id is None:
        return GuidingCase.objects.none()
    rows = GuidingCase.objects.filter(county_id=user.county_id)
    if not is_reviewer(user):
        rows = rows.filter(status=GuidingCase.Status.PUBLISHED)
    return rows


def access_guiding_case(user, pk: int) -> GuidingCase:
    found = guiding_cases_visible(user).select_related("field", "source_case").filter(pk=pk).first()
    if found is None:
        raise NotFound("指导案例")
    return found


def published_guiding_cases(*, q: str = "", power_id: int | None = None):
    rows = GuidingCase.objects.filter(status=GuidingCase.Status.PUBLISHED).select_related(
        "county", "field"
    )
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(points__icontains=q))
    if power_id:
        rows = rows.filter(powers__id=power_id).distinct()
    return rows.order_by("-published_at", "-id")


def access_public_guiding_case(pk: int) -> GuidingCase:
    found = published_guiding_cases().filter(pk=pk).first()
    if found is None:
        raise NotFound("指导案例")
    return found


CASE_SORTS = {"-collected": ("-collected_at", "-id"), "title": ("title", "id")}


def guiding_case_list(user, *, q: str = "", status: str = "", sort: str = "-collected"):
    rows = guiding_cases_visible(user).select_related("field")
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(facts__icontains=q))
    if status:
        rows = rows.filter(status=status)
    return rows.order_by(*CASE_SORTS.get(sort, CASE_SORTS["-collected"]))


def guiding_cases_for_power(user, power_id: int):
    """Published guiding cases (the bureau: every one) that guide `power_id`."""
    return guiding_cases_visible(user).filter(powers__id=power_id).distinct().order_by("-id")
