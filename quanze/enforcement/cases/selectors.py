"""Reads of cases and their access choke points.

Who sees a case: the township team that handles it (its township's clerks), the county
department it acts for or that handles it (its clerks), the county's justice bureau (all
of its county's cases). Nobody else: not the public (it reads published notices only),
not another county, not the establishment office (its reports count cases without
opening them). Who writes: the handling team; the justice bureau records legal reviews;
everyone who sees a case may annotate it.
"""

from datetime import date

from django.db.models import Count, Min, Q

from quanze.core.errors import NotFound
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.models import Case, CaseStep, Evidence
from quanze.org.roles import is_department_clerk, is_reviewer, is_township_clerk


def cases_visible(user):
    if is_reviewer(user):
        return Case.objects.filter(county_id=user.county_id)
    if is_township_clerk(user):
        return Case.objects.filter(township_id=user.township_id)
    if is_department_clerk(user):
        return Case.objects.filter(
            Q(acting_department_id=user.department_id) | Q(department_id=user.department_id)
        )
    return Case.objects.none()


def cases_handled(user):
    """The cases `user`'s unit handles (writes)."""
    if is_township_clerk(user):
        return Case.objects.filter(township_id=user.township_id)
    if is_department_clerk(user):
        return Case.objects.filter(department_id=user.department_id)
    return Case.objects.none()


def can_handle(user, case: Case) -> bool:
    if is_township_clerk(user):
        return case.township_id == user.township_id
    if is_department_clerk(user):
        return case.department_id == user.department_id
    return False


def can_act(user, case: Case, action: str) -> bool:
    """May `user` take `action` on a case they can see."""
    if action == "annotate":
        return True
    if action == "review" and is_reviewer(user) and case.county_id == user.county_id:
        return True
    return can_handle(user, case)


def access_case(user, pk: int) -> Case:
    case = (
        cases_visible(user)
        .select_related(
            "township",
            "department",
            "acting_department",
            "power",
            "field",
            "event",
            "reviewer",
            "county",
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise NotFound("执法案件")
    return case


def access_evidence(user, pk: int) -> Evidence:
    evidence = (
        Evidence.objects.filter(pk=pk, case__in=cases_visible(user))
        .select_related("case", "collected_by")
        .first()
    )
    if evidence is None:
        raise NotFound("证据")
    return evidence


QUEUES = {
    "open": "在办",
    "due": "临近时限",
    "overdue": "已超期",
    "closed": "已结案",
    "all": "全部",
}
SORTS = {
    "due": ("due_on", "id"),
    "-opened": ("-opened_on", "-id"),
    "number": ("year", "sequence", "id"),
}
DUE_SOON_DAYS = 3


def case_queue(
    user,
    *,
    queue: str = "open",
    state: str = "",
    source: str = "",
    q: str = "",
    sort: str = "due",
    today: date | None = None,
):
    """The team's queue: filtered, sorted, for paging (a queryset)."""
    from datetime import timedelta

    today = today or date.today()
    rows = cases_visible(user)
    active = ~Q(state__in=[m.ARCHIVED])
    if queue == "open":
        rows = rows.exclude(state__in=list(m.FINAL))
    elif queue == "due":
        rows = rows.filter(
            active, due_on__gte=today, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
        )
    elif queue == "overdue":
        rows = rows.filter(active, due_on__lt=today)
    elif queue == "closed":
        rows = rows.filter(state__in=list(m.FINAL))
    if state:
        rows = rows.filter(state=state)
    if source:
        rows = rows.filter(source=source)
    if q:
        rows = rows.filter(
            Q(number__icontains=q) | Q(title__icontains=q) | Q(party_name__icontains=q)
        )
    return rows.select_related("township", "department", "power").order_by(
        *SORTS.get(sort, SORTS["due"])
    )


def queue_counts(user, *, today: date | None = None) -> dict[str, int]:
    return {name: case_queue(user, queue=name, today=today).count() for name in QUEUES}


def case_steps(case: Case):
    return CaseStep.objects.filter(case=case).select_related("actor").prefetch_related("officers")


def case_evidence(case: Case):
    return (
        Evidence.objects.filter(case=case)
        .select_related("collected_by")
        .prefetch_related("custody__by")
    )


def cases_for_event(user, event) -> list[Case]:
    """The cases opened from a dispatch event that `user` may see."""
    return list(cases_visible(user).filter(event=event).order_by("id"))


def queue_summary(user, names, *, today: date | None = None) -> dict[str, dict]:
    """Per queue name: how many cases (`count`) and the nearest time limit (`due`); one
    query per queue whatever the number of cases (the workbench)."""
    return {
        name: case_queue(user, queue=name, today=today).aggregate(
            count=Count("pk"), due=Min("due_on")
        )
        for name in names
    }


def reviews_waiting(user) -> dict:
    """The county's cases waiting for the justice bureau's legal review (法制审核): how
    many, the nearest time limit and the first case; one query."""
    if not is_reviewer(user):
        return {"count": 0, "due": None, "first": None}
    waiting = Q(state=m.INVESTIGATED, review_required=True) | Q(state=m.HEARD)
    return (
        cases_visible(user)
        .filter(waiting)
        .aggregate(count=Count("pk"), due=Min("due_on"), first=Min("pk"))
    )
