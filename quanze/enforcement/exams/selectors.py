"""Reads of the exams: the access choke points and the pass rates per unit."""

from dataclasses import dataclass

from django.db.models import Count, Min, Q

from quanze.core.errors import NotFound
from quanze.enforcement.exams.models import Candidate, Sitting
from quanze.enforcement.officers.selectors import officers_visible
from quanze.org.roles import is_department_clerk, is_office, is_reviewer, is_township_clerk


def sittings_visible(user):
    """Every user of a county sees its sittings (their candidates are filtered apart)."""
    if is_office(user) or is_reviewer(user) or is_township_clerk(user) or is_department_clerk(user):
        return Sitting.objects.filter(county_id=user.county_id)
    return Sitting.objects.none()


def access_sitting(user, pk: int) -> Sitting:
    sitting = sittings_visible(user).filter(pk=pk).first()
    if sitting is None:
        raise NotFound("考试")
    return sitting


def sitting_list(user, *, q: str = "", state: str = "", sort: str = "-held_on"):
    rows = sittings_visible(user).annotate(
        registered=Count("candidates"),
        sat=Count("candidates", filter=Q(candidates__score__isnull=False)),
        passed=Count("candidates", filter=Q(candidates__passed=True)),
    )
    if q:
        rows = rows.filter(title__icontains=q)
    if state in Sitting.State.values:
        rows = rows.filter(state=state)
    order = {"held_on": ("held_on", "id"), "title": ("title", "id")}.get(sort, ("-held_on", "-id"))
    return rows.order_by(*order)


CANDIDATE_SORTS = {
    "ticket": ("ticket",),
    "name": ("officer__name", "ticket"),
    "-score": ("-score", "ticket"),
    "unit": ("officer__township__code", "officer__department__name", "ticket"),
}


def candidate_list(user, sitting: Sitting, *, q: str = "", result: str = "", sort: str = ""):
    """The candidates of `sitting` whose officers `user` sees (a unit its own)."""
    rows = sitting.candidates.filter(officer__in=officers_visible(user)).select_related(
        "officer__township", "officer__department", "certificate"
    )
    if q:
        rows = rows.filter(Q(officer__name__icontains=q) | Q(ticket__icontains=q))
    if result == "passed":
        rows = rows.filter(passed=True)
    elif result == "failed":
        rows = rows.filter(passed=False, absent=False)
    elif result == "absent":
        rows = rows.filter(absent=True)
    elif result == "pending":
        rows = rows.filter(passed__isnull=True, absent=False)
    elif result == "certified":
        rows = rows.filter(certificate__isnull=False)
    return rows.order_by(*CANDIDATE_SORTS.get(sort, CANDIDATE_SORTS["ticket"]))


@dataclass(frozen=True)
class UnitRate:
    unit: str
    registered: int
    sat: int
    passed: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.sat if self.sat else None

    @property
    def percent(self) -> float | None:
        return round(self.passed * 100 / self.sat, 1) if self.sat else None


@dataclass(frozen=True)
class PassRates:
    units: list[UnitRate]
    registered: int
    sat: int
    passed: int
    certified: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.sat if self.sat else None

    @property
    def percent(self) -> float | None:
        return round(self.passed * 100 / self.sat, 1) if self.sat else None


def pass_rates(sitting: Sitting) -> PassRates:
    """Registered, sat (a score recorded), passed, per unit and in all, in one query.
    Rates are of those who sat: 186 sat, 179 passed → 96.2 %."""
    rows = (
        Candidate.objects.filter(sitting=sitting)
        .values("officer__township__name", "officer__department__name")
        .annotate(
            registered=Count("id"),
            sat=Count("id", filter=Q(score__isnull=False)),
            passed=Count("id", filter=Q(passed=True)),
            certified=Count("id", filter=Q(certificate__isnull=False)),
        )
        .order_by("officer__township__code", "officer__department__name")
    )
    units = [
        UnitRate(
            r["officer__township__name"] or r["officer__department__name"],
            r["registered"],
            r["sat"],
            r["passed"],
        )
        for r in rows
    ]
    return PassRates(
        units=units,
        registered=sum(u.registered for u in units),
        sat=sum(u.sat for u in units),
        passed=sum(u.passed for u in units),
        certified=sum(r["certified"] for r in rows),
    )


def certificates_to_issue(user) -> dict:
    """The workbench: candidates of the county's sittings who passed and have no
    certificate from it yet (the bureau issues them), a sitting to issue them on and the
    earliest such sitting's date; one query."""
    if not is_reviewer(user):
        return {"count": 0, "first": None, "held_on": None}
    return Candidate.objects.filter(
        sitting__county_id=user.county_id, passed=True, certificate__isnull=True
    ).aggregate(count=Count("pk"), first=Min("sitting_id"), held_on=Min("sitting__held_on"))
