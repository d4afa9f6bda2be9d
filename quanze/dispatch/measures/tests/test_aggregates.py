"""The measures' aggregates against the raw rows: random events driven through the real
services on a moving clock (days cross, times vary) keep aggregates (days and months) equal
to a rebuild from the raw assignments, and `unit_measures` from them equals the raw
computation: counts exactly, percentiles to their 36-second bin (the hours the pages show),
over periods of part-days, whole days and whole months."""

from collections import Counter
from datetime import date, datetime, time, timedelta
from unittest import mock

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quanze.core.errors import Conflict, Forbidden
from quanze.dispatch.aggregates.models import (
    DurationBin,
    MeasuresDay,
    MeasuresMonth,
    bin_of,
    unpack,
)
from quanze.dispatch.aggregates.services import apply, rebuild
from quanze.dispatch.disputes import services as disputes
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import services
from quanze.dispatch.loop.sweep import deadlines_sweep
from quanze.dispatch.measures.selectors import month_plan, unit_measures, unit_measures_raw
from quanze.testing import factories as f

# What an event can do next, by its state; a step picks one (or runs the deadline sweep).
NEXT = {
    "called": ["dispatch"],
    "dispatched": ["accept", "accept", "send_back"],
    "sent_back": ["dispatch", "dispute", "fallback"],
    "disputed": ["rule"],
    "escalated": ["fallback", "accept", "handle"],
    "accepted": ["handle"],
    "in_progress": ["handle"],
    "handled": ["good", "good", "bad"],
}
# (event, choice, seconds the clock moves first): up to ~20 hours, so days are crossed.
step = st.tuples(st.integers(0, 2), st.integers(0, 11), st.integers(0, 20 * 3600))
# The day the clock starts, in the county's time: any day the cast's list is in force, the
# ends of months and of a leap February drawn as often as the rest (months are crossed).
start_day = st.one_of(
    st.dates(min_value=date(2025, 1, 2), max_value=date(2029, 12, 31)),
    st.sampled_from([date(2025, 1, 31), date(2025, 2, 28), date(2025, 12, 31), date(2028, 2, 28)]),
)


def _kept():
    days = {
        (r.pop("department_id"), r.pop("day")): r
        for r in MeasuresDay.objects.values("department_id", "day", *MeasuresDay.COUNTS)
        if any(r[n] for n in MeasuresDay.COUNTS)
    }
    bins = set(
        DurationBin.objects.filter(n__gt=0).values_list("department_id", "day", "kind", "bin", "n")
    )
    months = {
        (r.pop("department_id"), r.pop("month")): (
            r,
            unpack(bytes(r.pop("accept_bins"))),
            unpack(bytes(r.pop("handle_bins"))),
        )
        for r in MeasuresMonth.objects.values(
            "department_id", "month", "accept_bins", "handle_bins", *MeasuresDay.COUNTS
        )
        if any(r[n] for n in MeasuresDay.COUNTS) or r["accept_bins"] or r["handle_bins"]
    }
    return days, bins, months


def _compare(cast, start, end):
    departments = [cast.urban.pk, cast.land.pk]
    ours = {
        m.department_id: m for m in unit_measures(departments=departments, start=start, end=end)
    }
    raw = {
        m.department_id: m for m in unit_measures_raw(departments=departments, start=start, end=end)
    }
    assert ours.keys() == raw.keys()
    for pk, mine in ours.items():
        theirs = raw[pk]
        for name in ("dispatched", "accepted_in_time", "resolved", "rated", "satisfied"):
            assert getattr(mine, name) == getattr(theirs, name), name
        for name in ("sent_back", "fallback_acted", "disputes_lost", "mean_rating"):
            assert getattr(mine, name) == getattr(theirs, name), name
        assert mine.times == {k: bin_of(v) * 36 for k, v in theirs.times.items()}
        for kind in ("accept", "handle"):
            for p in (50, 90):
                assert mine.hours(kind, p) == theirs.hours(kind, p)


def _act(cast, matters, event, action, now):
    e = event
    if action == "dispatch":
        services.event_dispatch(by=cast.town_a_clerk, event=e)
    elif action == "accept":
        services.event_accept(by=cast.dept_clerk, event=e)
    elif action == "handle":
        services.event_handle(by=cast.dept_clerk, event=e, result="已处理")
    elif action in ("good", "bad"):
        good = action == "good"
        services.event_feedback(
            by=cast.town_a_clerk, event=e, rating=5 if good else 2, satisfied=good
        )
    elif action == "send_back" and "version_id" in e.routing:
        disputes.event_send_back(
            by=cast.dept_clerk,
            event=e,
            reason="不归我们",
            matter=matters["farmland"],
            version_id=e.routing["version_id"],
        )
    elif action == "dispute":
        disputes.event_dispute(by=cast.town_a_clerk, event=e, reason="清单写明归城管")
    elif action == "rule":
        disputes.dispute_rule(by=cast.office, event=e, responsible=cast.urban, ruling="由城管办理")
    elif action == "fallback":
        disputes.event_fallback(by=cast.office, event=e, reason="兜底")
    elif action == "sweep":
        deadlines_sweep(now=now)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(step, min_size=1, max_size=18),
    cut=st.integers(0, 24 * 3600 - 1),
    day=start_day,
    second=st.integers(0, 24 * 3600 - 1),
)
def test_aggregates_follow_the_services_and_measures_match_the_raw_rows(
    cast, matters, steps, cut, day, second
):
    zone = timezone.get_default_timezone()
    begin = datetime.combine(day, time.min, tzinfo=zone) + timedelta(hours=2, seconds=second)
    clock = [begin]
    with transaction.atomic(), mock.patch.object(timezone, "now", lambda: clock[0]):
        events = [raise_event(cast, matter=matters["garbage"]) for _ in range(3)]
        for index, choice, seconds in steps:
            clock[0] += timedelta(seconds=seconds)
            event = events[index]
            event.refresh_from_db()
            options = NEXT.get(event.state, ["sweep"])
            action = "sweep" if choice == 11 else options[choice % len(options)]
            try:
                with transaction.atomic():
                    _act(cast, matters, event, action, clock[0])
            except (ValidationError, Conflict, Forbidden):
                pass  # not a step this event can take now
        kept = _kept()
        rebuild()
        assert _kept() == kept
        midnight = datetime.combine(timezone.localdate(begin), time.min, tzinfo=zone)
        end = clock[0] + timedelta(days=2)
        _compare(cast, begin - timedelta(hours=1), end)  # part-days at both edges
        _compare(cast, midnight, midnight + timedelta(days=4))  # whole days only
        _compare(cast, begin + timedelta(seconds=cut), begin + timedelta(seconds=cut, hours=20))
        # the months around the events whole, and part-days at both edges
        _compare(cast, begin - timedelta(days=62, seconds=cut), end + timedelta(days=62))
        # most of one month: read as the month less the days outside the period
        month = midnight.replace(day=1)
        _compare(cast, month + timedelta(days=1), month + timedelta(days=26, seconds=cut))
        transaction.set_rollback(True)


def _days(a, b):
    return {a + timedelta(days=i) for i in range((b - a).days)}


@given(
    first=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    length=st.integers(1, 500),
)
def test_month_plan_reads_each_day_of_the_period_once(first, length):
    last = first + timedelta(days=length)
    months, plus, minus = month_plan(first, last)
    read = Counter()
    if months:
        day = months[0]
        while day < months[1]:
            read[day] += 1
            day += timedelta(days=1)
    for a, b in plus:
        read.update(_days(a, b))
    for a, b in minus:
        read.subtract(_days(a, b))
    assert +read == Counter(_days(first, last))
    assert all(v >= 0 for v in read.values())  # only days a month read is taken off
    assert sum(len(_days(a, b)) for a, b in plus + minus) <= 31  # never much more than a month


def test_a_month_out_of_step_does_not_stop_a_write(db, caplog):
    """A time to remove that the month's packed bins lack (rows loaded around `kept`) is
    logged, and the person's write goes on; `measures_rebuild` puts the month right."""
    department = f.DepartmentFactory(division=f.county(f.city(f.province())))
    day = date(2025, 3, 4)
    gone = (Counter(), Counter({(department.pk, day, "accept", 5): 1}))
    with caplog.at_level("ERROR", logger="quanze.dispatch.aggregates.services"):
        apply(gone, (Counter(), Counter()))
    assert "run measures_rebuild" in caplog.text
    month = MeasuresMonth.objects.get(department=department, month=date(2025, 3, 1))
    assert unpack(bytes(month.accept_bins)) == ()


def test_a_day_the_month_lacks_does_not_refuse_the_measures(db, caplog):
    """March less its 1st is read as the month row minus that day (`month_plan`); when the
    day holds a time the month's packed bins lack (a write between the two reads, or a
    month out of step), the answer leaves it out and says so in the log, it does not fail."""
    department = f.DepartmentFactory(division=f.county(f.city(f.province())))
    first = date(2025, 3, 1)
    counts = Counter({(department.pk, first, "dispatched"): 1})
    apply((Counter(), Counter()), (counts, Counter({(department.pk, first, "accept", 5): 1})))
    MeasuresMonth.objects.filter(department=department).update(accept_bins=b"")
    zone = timezone.get_default_timezone()
    start = datetime.combine(date(2025, 3, 2), time.min, tzinfo=zone)
    end = datetime.combine(date(2025, 4, 1), time.min, tzinfo=zone)
    assert month_plan(start.date(), end.date())[2] == [(first, date(2025, 3, 2))]
    with caplog.at_level("WARNING", logger="quanze.dispatch.measures.selectors"):
        unit_measures(departments=[department.pk], start=start, end=end)
    assert "month lacks bin 5" in caplog.text
