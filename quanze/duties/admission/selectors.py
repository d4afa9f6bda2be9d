"""Reads of admission: which requests a user sees, the access choke point of one request,
and whether giving a matter or duty to a township needs an admission first."""

from django.db.models import Count, Min

from quanze.core.errors import NotFound
from quanze.duties.admission.models import AdmissionRequest
from quanze.duties.dutylists.selectors import is_on_list
from quanze.duties.rules import office_of
from quanze.org.roles import is_department_clerk, is_office, is_township_clerk


def admissions_visible(user):
    qs = AdmissionRequest.objects.select_related("department", "county", "field")
    if is_office(user) or (user.is_authenticated and user.role == "justice_reviewer"):
        return qs.filter(county_id=user.county_id)
    if is_department_clerk(user):
        return qs.filter(department_id=user.department_id)
    if is_township_clerk(user):
        return qs.filter(county_id=user.county_id).exclude(state=AdmissionRequest.State.DRAFT)
    return qs.none()


def access_admission(user, pk, *, for_write=False) -> AdmissionRequest:
    obj = admissions_visible(user).filter(pk=pk).first()
    if obj is None:
        raise NotFound("准入申请")
    if for_write and not (
        office_of(user, obj.county_id)
        or (is_department_clerk(user) and user.department_id == obj.department_id)
    ):
        raise NotFound("准入申请")
    return obj


def admission_needed(*, township, matter_or_duty, on=None) -> bool:
    """Whether giving this to the township needs an admission first (it is off its list)."""
    return not is_on_list(township=township, matter_or_duty=matter_or_duty, on=on)


def admissions_waiting(user) -> dict:
    """Requests waiting for the user (the workbench): the office's submitted requests to
    decide, a department's requests sent back for changes. How many and the first; one
    query."""
    S = AdmissionRequest.State
    if is_office(user):
        rows = admissions_visible(user).filter(state=S.SUBMITTED)
    elif is_department_clerk(user):
        rows = admissions_visible(user).filter(state=S.CHANGES_REQUESTED)
    else:
        return {"count": 0, "first": None}
    return rows.aggregate(count=Count("pk"), first=Min("pk"))
