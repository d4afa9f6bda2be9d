"""Measures per unit and period, from recorded facts: the three rates (response, resolution,
satisfaction), median and 90th percentile times, send-backs, disputes lost, fallback.

`unit_measures` reads the aggregates kept per department and month and per department and
day (quanze.dispatch.aggregates.models) for the whole months and days of the period and the
raw assignments only for the part-days at its edges, and merges them: the counts add up
exactly; the percentiles are taken by nearest rank over the merged 36-second bins, so they
are the bin of the raw nearest-rank time (the same hours to two decimals). `unit_measures_raw` is the
computation from the raw rows alone (one grouped aggregate, and per duration the
percentiles by window functions over the rows), kept as the reference for the tests and
the benchmark. Durations are stored as whole seconds, so no date arithmetic differs
between SQLite and PostgreSQL.
"""

import logging
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import connections
from django.db.models import Avg, Count, F, Q, RowRange, Sum, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from quanze.dispatch.aggregates.models import (
    BIN_SECONDS,
    DurationBin,
    MeasuresDay,
    MeasuresMonth,
    unpack,
)
from quanze.dispatch.aggregates.services import LEADS, ROW, fold, lead_figures
from quanze.dispatch.disputes.models import Dispute
from quanze.dispatch.events.models import Assignment
from quanze.dispatch.events.selectors import events_visible
from quanze.org.models import Department
from quanze.org.roles import is_department_clerk

R = Assignment.Role
PERCENTILES = (50, 90)
RATE_PARTS = ("dispatched", "accepted_in_time", "resolved", "rated", "satisfied")

logger = logging.getLogger(__name__)


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
        """The time in hours to two decimals, halves rounded up (integer arithmetic, so a
        raw time and its 36-second bin always show the same figure)."""
        seconds = self.times.get((kind, p))
        return (seconds + BIN_SECONDS // 2) // BIN_SECONDS / 100 if seconds is not None else None

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
    with connections[ranked.db].cursor() as cursor:
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


def _departments(departments):
    if hasattr(departments, "model"):
        return departments
    return Department.objects.filter(pk__in=departments)


def unit_measures_raw(*, departments, start: datetime, end: datetime) -> list[UnitMeasures]:
    """The measures from the raw assignments alone, percentiles to the second."""
    departments = _departments(departments)
    qs = assignments_in(departments=departments, start=start, end=end)
    figures = {k: v for k, v in lead_figures().items() if not k.startswith("rating_")}
    counts = qs.values("department_id").annotate(**figures, mean_rating=Avg("event__rating"))
    out = {row["department_id"]: UnitMeasures(**row) for row in counts}
    for kind in ("accept", "handle"):
        for (department_id, p), value in percentiles(qs, f"{kind}_seconds").items():
            out[department_id].times[(kind, p)] = value
    return _finish(out, departments, start, end)


def whole_days(start: datetime, end: datetime):
    """The days of the project's time zone that lie wholly in [start, end), as (first, last)
    with last excluded, and the part-day edges [start, first) and [last, end); with no whole
    day the edge is the period itself."""
    zone = timezone.get_default_timezone()

    def begins(day):
        return datetime.combine(day, time.min, tzinfo=zone)

    first = timezone.localtime(start, zone).date()
    if begins(first) < start:
        first += timedelta(days=1)
    last = timezone.localtime(end, zone).date()
    if first >= last:
        return None, None, [(start, end)]
    edges = [(a, b) for a, b in ((start, begins(first)), (begins(last), end)) if a < b]
    return first, last, edges


def month_plan(first, last):
    """How to read the days [first, last): (months, plus, minus), the month rows whose month
    starts lie in months = (begin, end) (None: none), plus the day rows of the day ranges in
    plus, less those of the ranges in minus. A month the period covers only in part is read
    whole less the days outside the period when those are fewer than the days inside it,
    else by the days inside: at most about a month of day rows either way."""
    lo, hi = first.replace(day=1), _next_month(last - timedelta(days=1))
    plus, minus = [], []
    for m in sorted({lo, (last - timedelta(days=1)).replace(day=1)}):
        following = _next_month(m)
        a, b = max(first, m), min(last, following)
        if (a, b) == (m, following):
            continue
        inside = (b - a).days
        if inside > (following - m).days - inside:
            minus += [(x, y) for x, y in ((m, a), (b, following)) if x < y]
        else:
            plus.append((a, b))
            if m == lo:
                lo = following
            else:
                hi = m
    return ((lo, hi) if lo < hi else None), plus, minus


def _next_month(day):
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def unit_measures(*, departments, start: datetime, end: datetime) -> list[UnitMeasures]:
    """The measures from the aggregates for the whole days of the period (month rows and day
    rows, `month_plan`) and the raw rows for its part-day edges, merged in Python: the
    counts add up; the times of each department and kind (the months' packed bins, the
    days' bins, the edges' times put in bins) are sorted and the nearest rank picked, value
    ceil(p/100 * n) of n."""
    departments = _departments(departments)
    first, last, edges = whole_days(start, end)
    names = MeasuresDay.COUNTS
    totals: dict[int, dict] = defaultdict(lambda: dict.fromkeys(names, 0))
    times: dict[tuple[int, str], list[int]] = defaultdict(list)
    gone: dict[tuple[int, str], list[int]] = defaultdict(list)
    if first is not None:
        months, plus, minus = month_plan(first, last)
        if months:
            kept = MeasuresMonth.objects.filter(
                department__in=departments, month__gte=months[0], month__lt=months[1]
            ).order_by()
            for dept, *counts, accept, handle in kept.values_list(
                "department_id", *names, "accept_bins", "handle_bins"
            ):
                mine = totals[dept]
                for name, value in zip(names, counts, strict=True):
                    mine[name] += value
                times[(dept, "accept")].extend(unpack(bytes(accept)))
                times[(dept, "handle")].extend(unpack(bytes(handle)))
        _add_days(departments, plus, 1, totals, times)
        _add_days(departments, minus, -1, totals, gone)
    if edges:
        edge = Q()
        for a, b in edges:
            edge |= Q(assigned_at__gte=a, assigned_at__lt=b)
        raw = Assignment.objects.filter(edge, department__in=departments, role__in=LEADS)
        counts, bins = fold(raw.order_by().values_list(*ROW))
        for (dept, _day, name), value in counts.items():
            totals[dept][name] += value
        for (dept, _day, kind, b), n in bins.items():
            times[(dept, kind)].extend([b] * n)
    out = {}
    for department_id, row in totals.items():
        if not row["dispatched"]:
            continue  # a department whose assignments all went (their rows are kept at 0)
        rating_n, rating_sum = row.pop("rating_n"), row.pop("rating_sum")
        out[department_id] = UnitMeasures(
            department_id, **row, mean_rating=rating_sum / rating_n if rating_n else None
        )
    for key, values in times.items():
        values.sort()
        for b in gone.get(key, ()):
            at = bisect_left(values, b)
            if at == len(values) or values[at] != b:
                # A write to that day between the month's read and the day's (each
                # statement sees its own snapshot), or a month out of step: this answer
                # is off by that time, the page is not refused.
                logger.warning("measures: month lacks bin %s of %s subtracted", b, key)
                continue
            del values[at]
        if key[0] in out and values:
            for p in PERCENTILES:
                rank = -(-p * len(values) // 100)
                out[key[0]].times[(key[1], p)] = values[rank - 1] * BIN_SECONDS
    return _finish(out, departments, start, end)


def _add_days(departments, ranges, sign: int, totals, times) -> None:
    """The day rows of these day ranges: counts summed per department in SQL and added
    times `sign`; bins appended to `times` as they are."""
    if not ranges:
        return
    which = Q()
    for a, b in ranges:
        which |= Q(day__gte=a, day__lt=b)
    names = MeasuresDay.COUNTS
    kept = (
        MeasuresDay.objects.filter(which, department__in=departments)
        .order_by()
        .values("department_id")
        .annotate(**{name: Sum(name) for name in names})
    )
    for row in kept:
        mine = totals[row.pop("department_id")]
        for name in names:
            mine[name] += sign * row[name]
    bins = DurationBin.objects.filter(which, department__in=departments).order_by()
    sql, params = bins.values_list("department_id", "kind", "bin", "n").query.sql_with_params()
    # plain tuples, fetched at once, from the database the router gave the other reads
    with connections[bins.db].cursor() as cursor:
        cursor.execute(sql, params)
        for dept, kind, b, n in cursor.fetchall():
            times[(dept, kind)].extend([b] * n)


def _finish(out: dict, departments, start: datetime, end: datetime) -> list[UnitMeasures]:
    """Disputes lost (read raw: a few rows), names, rounding; sorted `by_name`."""
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
    names = dict(Department.objects.filter(pk__in=out).values_list("pk", "name"))
    for measures in out.values():
        measures.name = names.get(measures.department_id, "")
        if measures.mean_rating is not None:
            measures.mean_rating = round(float(measures.mean_rating), 2)
    return by_name(out.values())


def by_name(rows) -> list[UnitMeasures]:
    """Sorted by unit name, and rows of one name by id: a nation holds 1,550 城市管理局, and
    every reading (kept or raw) must give them in one order."""
    return sorted(rows, key=lambda m: (m.name, m.department_id))


def rates_overview(user, *, start: datetime, end: datetime) -> dict:
    """The three rates over the lead assignments assigned in [start, end): a department's
    own (not the team's or another department's lead on events it only guides or helps
    on); for anyone else, those of the events `user` sees. One aggregate (the workbench's
    figures)."""
    leads = Assignment.objects.filter(role__in=LEADS, assigned_at__gte=start, assigned_at__lt=end)
    if is_department_clerk(user):
        leads = leads.filter(department_id=user.department_id)
    else:
        leads = leads.filter(event__in=events_visible(user).values("pk"))
    return leads.aggregate(**{k: v for k, v in lead_figures().items() if k in RATE_PARTS})
