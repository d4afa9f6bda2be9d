"""Measures per unit and period, from recorded facts: the three rates (response, resolution,
satisfaction), median and 90th percentile times, send-backs, disputes lost, fallback.

Everything is computed by the database: one grouped aggregate for the counts, and per
duration one query for its percentiles by nearest rank with window functions
(ROW_NUMBER and COUNT over the department), which SQLite and PostgreSQL compute alike. Durations are stored as whole
seconds, so no date arithmetic differs between them.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import Avg, Count, F, Q, RowRange, Window
from django.db.models.functions import RowNumber

from quanze.dispatch.disputes.models import Dispute
from quanze.dispatch.events.models import Assignment
from quanze.dispatch.events.selectors import events_visible
from quanze.org.models import Department

R = Assignment.Role
LEADS = [R.PRIMARY, R.FALLBACK]
PERCENTILES = (50, 90)


def percent(part: int, whole: int) -> float | None:
    """part/whole in per cent to one decimal, or None when there is nothing to divide (no
    rate rather than 0%). The evaluation's indicators and report use the same rounding."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class UnitMeasures:
    department_id: int
    name: str = ""
    dispatched: int = 0
    accepted_in_time: int = 0
    resolved: int = 0
    rated: int = 0
    satisfied: int = 0
    mean_rating: float | None = None
    sent_back: int = 0
    disputes_lost: int = 0
    fallback_acted: int = 0
    times: dict = field(default_factory=dict)  # ("accept"|"handle", 50|90) -> seconds

    @property
    def response_rate(self):
        return percent(self.accepted_in_time, self.dispatched)

    @property
    def resolution_rate(self):
        return percent(self.resolved, self.dispatched)

    @property
    def satisfaction_rate(self):
        return percent(self.satisfied, self.rated)

    @property
    def send_back_rate(self):
        return percent(self.sent_back, self.dispatched)

    def hours(self, kind: str, p: int):
        seconds = self.times.get((kind, p))
        return round(seconds / 3600, 2) if seconds is not None else None

    times_accept_50 = property(lambda self: self.hours("accept", 50))
    times_accept_90 = property(lambda self: self.hours("accept", 90))
    times_handle_50 = property(lambda self: self.hours("handle", 50))
    times_handle_90 = property(lambda self: self.hours("handle", 90))


def assignments_in(*, departments, start: datetime, end: datetime):
    return Assignment.objects.filter(
        department__in=departments, assigned_at__gte=start, assigned_at__lt=end, role__in=LEADS
    )


def percentiles(qs, column: str) -> dict[tuple[int, int], int]:
    """{(department_id, p): seconds} by nearest rank, the value at row ceil(p/100 * n),
    every percentile in one pass: rows ranked per department by window functions, then
    for each p the smallest value whose rank reaches p% of the department's count.

    Both window functions share one window (the count's frame is the whole partition), so
    the database sorts the rows once; the ranked rows carry no ORDER BY of their own (the
    model's default ordering would sort all of them again for nothing)."""
    window = {"partition_by": [F("department_id")], "order_by": [F(column).asc()]}
    ranked = (
        qs.filter(**{f"{column}__isnull": False})
        .order_by()
        .annotate(
            rn=Window(RowNumber(), **window),
            n=Window(Count("id"), frame=RowRange(start=None, end=None), **window),
        )
        .values("department_id", column, "rn", "n")
    )
    sql, params = ranked.query.sql_with_params()
    picks = ", ".join(f"MIN(CASE WHEN rn * 100 >= n * {p} THEN {column} END)" for p in PERCENTILES)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT department_id, {picks} FROM ({sql}) ranked GROUP BY department_id", params
        )
        rows = cursor.fetchall()
    return {
        (row[0], p): value
        for row in rows
        for p, value in zip(PERCENTILES, row[1:], strict=True)
        if value is not None
    }


def unit_measures(*, departments, start: datetime, end: datetime) -> list[UnitMeasures]:
    departments = (
        Department.objects.filter(pk__in=departments)
        if not hasattr(departments, "model")
        else departments
    )
    qs = assignments_in(departments=departments, start=start, end=end)
    counts = qs.values("department_id").annotate(
        dispatched=Count("id"),
        accepted_in_time=Count("id", filter=Q(accepted_in_time=True)),
        resolved=Count("id", filter=Q(handled_at__isnull=False) & ~Q(event__satisfied=False)),
        rated=Count("id", filter=Q(event__satisfied__isnull=False)),
        satisfied=Count("id", filter=Q(event__satisfied=True)),
        mean_rating=Avg("event__rating"),
        sent_back=Count("id", filter=Q(sent_back=True)),
        fallback_acted=Count("id", filter=Q(role=R.FALLBACK)),
    )
    out = {row["department_id"]: UnitMeasures(**row) for row in counts}
    lost = (
        Dispute.objects.filter(
            department__in=departments, ruled_at__gte=start, ruled_at__lt=end, department_lost=True
        )
        .values("department_id")
        .annotate(n=Count("id"))
    )
    for row in lost:
        out.setdefault(
            row["department_id"], UnitMeasures(row["department_id"])
        ).disputes_lost = row["n"]
    for kind in ("accept", "handle"):
        for (department_id, p), value in percentiles(qs, f"{kind}_seconds").items():
            out[department_id].times[(kind, p)] = value
    names = dict(Department.objects.filter(pk__in=out).values_list("pk", "name"))
    for measures in out.values():
        measures.name = names.get(measures.department_id, "")
        if measures.mean_rating is not None:
            measures.mean_rating = round(float(measures.mean_rating), 2)
    return sorted(out.values(), key=lambda m: m.name)


def rates_overview(user, *, start: datetime, end: datetime) -> dict:
    """The three rates over the lead assignments of the events `user` sees, assigned in
    [start, end): one aggregate (the workbench's figures)."""
    row = Assignment.objects.filter(
        role__in=LEADS,
        assigned_at__gte=start,
        assigned_at__lt=end,
        event__in=events_visible(user).values("pk"),
    ).aggregate(
        dispatched=Count("id"),
        accepted_in_time=Count("id", filter=Q(accepted_in_time=True)),
        resolved=Count("id", filter=Q(handled_at__isnull=False) & ~Q(event__satisfied=False)),
        rated=Count("id", filter=Q(event__satisfied__isnull=False)),
        satisfied=Count("id", filter=Q(event__satisfied=True)),
    )
    return row
