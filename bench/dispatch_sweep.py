"""Dispatch benchmarks over a generated year of events (quanze/dispatch/loop/fabricate.py), one step
per process (`python -m bench.dispatch setup|sweep|measures`):

- setup: the generated province plus the year of events;
- sweep: the deadline sweep over the open events, against one hand-written UPDATE;
- measures: the measures for the whole province, against one hand-written GROUP BY.
"""

import statistics
import time

from bench.env import setup_django
from bench.steps import report


def step_setup(args) -> None:
    setup_django()
    from django.core.management import call_command

    from quanze.dispatch.loop.fabricate import generate_events

    started = time.perf_counter()
    call_command(
        "generate", f"--townships={args.townships}", "--items=5", "--no-lists", verbosity=0
    )
    made = generate_events(events=args.events, open_events=args.open_events)
    report(
        "dispatch.setup",
        round(time.perf_counter() - started, 1),
        "s",
        note=(
            f"{made['events']} 件事件, {made['open']} 件未办结, {made['overdue']} 件已超期; "
            f"退回 {made['sent_back']}, 争议 {made['disputes']}, 兜底 {made['fallback']}; "
            f"共写入 {made['rows']} 行"
        ),
    )
    report(
        "dispatch.setup.measures_rebuild",
        made["rebuild_seconds"],
        "s",
        note=(
            f"考评汇总重算:日计数 {made['aggregates']['days']} 行,"
            f"用时分布 {made['aggregates']['bins']} 行,月汇总 {made['aggregates']['months']} 行"
        ),
    )


def _median(call, repeat: int, reset=None) -> float:
    times = []
    for _ in range(repeat):
        if reset:
            reset()
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def step_sweep(args) -> None:
    setup_django()
    from django.db import connection, transaction

    from quanze.dispatch.loop.fabricate import NOW
    from quanze.dispatch.loop.sweep import deadlines_sweep
    from quanze.dispatch.models import Assignment, Event, EventLog

    events, log, assignments = (m._meta.db_table for m in (Event, EventLog, Assignment))
    now = NOW.replace(tzinfo=None) if connection.vendor == "sqlite" else NOW
    with connection.cursor() as cursor:
        # The open events' states, keyed by id, to put them back between runs.
        cursor.execute("DROP TABLE IF EXISTS bench_open")
        cursor.execute("CREATE TABLE bench_open (id BIGINT PRIMARY KEY, state VARCHAR(16))")
        cursor.execute(
            "INSERT INTO bench_open (id, state) SELECT id, state FROM "
            + events
            + " WHERE state IN ('dispatched', 'accepted', 'in_progress')"
        )
        cursor.execute("SELECT COUNT(*) FROM bench_open")
        open_count = cursor.fetchone()[0]

    def reset():
        """Put the open events back as found: states, and no escalation rows or flags."""
        mine = "event_id IN (SELECT id FROM bench_open)"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {events} SET state = (SELECT b.state FROM bench_open b "
                f"WHERE b.id = {events}.id) WHERE id IN (SELECT id FROM bench_open)"
            )
            cursor.execute(f"DELETE FROM {log} WHERE action = 'escalate' AND {mine}")
            cursor.execute(
                f"UPDATE {assignments} SET escalated = %s WHERE escalated AND {mine}", [False]
            )

    counted = []

    def sweep():
        counted.append(deadlines_sweep(now=NOW))

    def raw():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {events} SET state = 'escalated', row_version = row_version + 1 "
                "WHERE (state = 'dispatched' AND accept_due < %s) "
                "OR (state IN ('accepted', 'in_progress') AND handle_due < %s)",
                [now, now],
            )

    ours = _median(sweep, args.repeat, reset)
    base = _median(raw, args.repeat, reset)
    reset()  # the database as found, so the step can run again on it
    report("dispatch.sweep.open_events", open_count, "events", note=f"其中 {counted[-1]} 件超期")
    report(
        "dispatch.sweep.median",
        round(ours * 1000, 1),
        "ms",
        ratio=ours / base,
        note="日志行+派发+事件,三条集合语句",
    )
    report("dispatch.sweep.raw_update", round(base * 1000, 1), "ms", note="一条手写UPDATE")


def step_measures(args) -> None:
    setup_django()
    from datetime import UTC, datetime

    from django.db import connection

    from quanze.dispatch.measures.selectors import unit_measures, unit_measures_raw
    from quanze.dispatch.models import Assignment, Event
    from quanze.org.models import Department

    start, end = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    rows, before = [], []

    def ours():
        rows[:] = unit_measures(departments=Department.objects.all(), start=start, end=end)

    def raw_rows():  # the computation before the aggregates (issue 16)
        before[:] = unit_measures_raw(departments=Department.objects.all(), start=start, end=end)

    a, e = Assignment._meta.db_table, Event._meta.db_table
    bounds = [v.replace(tzinfo=None) if connection.vendor == "sqlite" else v for v in (start, end)]

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.department_id, COUNT(*), "
                "SUM(CASE WHEN a.accepted_in_time THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN a.handled_at IS NOT NULL AND (e.satisfied IS NULL OR e.satisfied) "
                "THEN 1 ELSE 0 END), SUM(CASE WHEN e.satisfied THEN 1 ELSE 0 END), "
                f"AVG(e.rating) FROM {a} a JOIN {e} e ON e.id = a.event_id "
                "WHERE a.assigned_at >= %s AND a.assigned_at < %s "
                "AND a.role IN ('primary', 'fallback') GROUP BY a.department_id",
                bounds,
            )
            return cursor.fetchall()

    mine = _median(ours, args.repeat)
    old = _median(raw_rows, args.repeat)
    base = _median(raw, args.repeat)
    figures = ("dispatched", "accepted_in_time", "resolved", "rated", "satisfied", "sent_back")
    same = [tuple(getattr(r, f) for f in figures) for r in rows] == [
        tuple(getattr(r, f) for f in figures) for r in before
    ] and [[r.hours(k, p) for k in ("accept", "handle") for p in (50, 90)] for r in rows] == [
        [r.hours(k, p) for k in ("accept", "handle") for p in (50, 90)] for r in before
    ]
    report(
        "dispatch.measures.departments",
        len(rows),
        "units",
        note=f"{sum(r.dispatched for r in rows)} 件派发",
    )
    report(
        "dispatch.measures.median",
        round(mine * 1000, 1),
        "ms",
        ratio=mine / base,
        note=(
            "月汇总+日汇总+用时分布(整日)与原始行(首尾不足一日)合并;"
            + ("与原始计算一致" if same else "与原始计算不一致!")
        ),
    )
    report(
        "dispatch.measures.raw_rows",
        round(old * 1000, 1),
        "ms",
        ratio=old / base,
        note="原做法:全部派发行计数+中位数/P90(窗口函数)+争议",
    )
    report("dispatch.measures.raw_group_by", round(base * 1000, 1), "ms", note="一条手写GROUP BY")
