"""Dispatch benchmarks (issue 4): `python -m bench.dispatch STEP`, one step per process.

- suggest: top-1/top-3 accuracy of the matter matcher on bench/data/complaints.csv
  (labels only, and with the other folds as past confirmed events), time per event;
- setup: the generated province plus a year of events (bench/dispatch_data.py);
- sweep: the deadline sweep over the open events, against one hand-written UPDATE;
- measures: the measures for the whole province, against one hand-written GROUP BY;
- route / intake: see bench/dispatch_route.py and bench/loadgen.py.
"""

import argparse
import csv
import statistics
import time
from pathlib import Path

from bench.env import setup_django
from bench.steps import report

DATA = Path(__file__).resolve().parent / "data"
FOLDS = 5


def step_suggest(args) -> None:
    from quanze.dispatch.matcher import MatterIndex

    with (DATA / "matters.csv").open(encoding="utf-8") as handle:
        matters = list(csv.DictReader(handle))
    with (DATA / "complaints.csv").open(encoding="utf-8") as handle:
        complaints = list(csv.DictReader(handle))
    ids = {m["matter"]: i for i, m in enumerate(matters)}
    labels = [(i, m["matter"], m["synonyms"]) for i, m in enumerate(matters)]
    truth = [ids[c["matter"]] for c in complaints]
    cold = MatterIndex(labels)
    warm = {
        fold: MatterIndex(
            labels,
            [(truth[j], c["text"]) for j, c in enumerate(complaints) if j % FOLDS != fold],
        )
        for fold in range(FOLDS)
    }
    for name, index_of in (
        ("labels_only", lambda k: cold),
        ("with_history", lambda k: warm[k % FOLDS]),
    ):
        top1 = top3 = 0
        started = time.perf_counter()
        for k, complaint in enumerate(complaints):
            got = [s.matter_id for s in index_of(k).suggest(complaint["text"])]
            top1 += got[:1] == [truth[k]]
            top3 += truth[k] in got
        elapsed = time.perf_counter() - started
        n = len(complaints)
        note = f"{n} 条投诉, {len(matters)} 个事项"
        report(f"dispatch.suggest.{name}.top1", round(100 * top1 / n, 1), "%", note=note)
        report(f"dispatch.suggest.{name}.top3", round(100 * top3 / n, 1), "%")
        report(f"dispatch.suggest.{name}.per_event", round(elapsed / n * 1000, 3), "ms")


def step_setup(args) -> None:
    from django.core.management import call_command

    from bench.dispatch_data import generate_events

    setup_django()
    started = time.perf_counter()
    call_command(
        "generate", f"--townships={args.townships}", "--items=5", "--no-lists", verbosity=0
    )
    made = generate_events(events=args.events, open_events=args.open_events)
    report(
        "dispatch.setup",
        round(time.perf_counter() - started, 1),
        "s",
        note=f"{made['events']} 件事件, {made['open']} 件未办结, {made['overdue']} 件已超期",
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

    from bench.dispatch_data import NOW
    from quanze.dispatch.models import Assignment, Event, EventLog
    from quanze.dispatch.sweep import deadlines_sweep

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
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {events} SET state = (SELECT b.state FROM bench_open b "
                f"WHERE b.id = {events}.id) WHERE id IN (SELECT id FROM bench_open)"
            )
            cursor.execute(f"DELETE FROM {log} WHERE action = 'escalate'")
            cursor.execute(f"UPDATE {assignments} SET escalated = %s WHERE escalated", [False])

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

    from quanze.dispatch.measures import unit_measures
    from quanze.dispatch.models import Assignment, Event
    from quanze.org.models import Department

    start, end = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    rows = []

    def ours():
        rows[:] = unit_measures(departments=Department.objects.all(), start=start, end=end)

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
    base = _median(raw, args.repeat)
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
        note="计数+中位数/P90(窗口函数)+争议",
    )
    report("dispatch.measures.raw_group_by", round(base * 1000, 1), "ms", note="一条手写GROUP BY")


# By the size's township count (bench.__main__.SIZES): events in the year, open events,
# routed events, HTTP requests and their rate.
SIZES = {
    2500: {"events": 2_000_000, "open": 200_000, "routes": 200_000, "requests": 6000, "rate": 200},
    50: {"events": 100_000, "open": 20_000, "routes": 50_000, "requests": 2000, "rate": 200},
    3: {"events": 2_000, "open": 300, "routes": 2_000, "requests": 60, "rate": 30},
}


def dispatch_figures(size: dict, database, work: Path) -> list[dict]:
    """Called by bench.__main__: each step in its own process and database."""
    from bench.__main__ import run_step
    from bench.env import child_env

    mine = SIZES.get(size["townships"], SIZES[3])
    towns, repeat = f"--townships={size['townships']}", f"--repeat={min(size['repeat'], 5)}"
    figures = run_step("suggest", child_env(work, "sqlite://"), module="bench.dispatch")
    with database(work / "events") as url:
        env = child_env(work / "events", url)
        figures += run_step(
            "setup",
            env,
            towns,
            f"--events={mine['events']}",
            f"--open-events={mine['open']}",
            module="bench.dispatch",
        )
        figures += run_step("sweep", env, repeat, module="bench.dispatch")
        figures += run_step("measures", env, repeat, module="bench.dispatch")
    with database(work / "route") as url:
        figures += run_step(
            "route",
            child_env(work / "route", url),
            towns,
            f"--routes={mine['routes']}",
            module="bench.dispatch",
        )
    with database(work / "intake") as url:
        figures += run_step(
            "intake",
            child_env(work / "intake", url),
            f"--requests={mine['requests']}",
            f"--rate={mine['rate']}",
            module="bench.dispatch",
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.dispatch")
    parser.add_argument(
        "step", choices=["suggest", "setup", "sweep", "measures", "route", "intake"]
    )
    parser.add_argument("--townships", type=int, default=25)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--open-events", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--routes", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--rate", type=float, default=200.0)
    args = parser.parse_args()
    if args.step == "route":
        from bench.dispatch_route import step_route as run
    elif args.step == "intake":
        from bench.loadgen import step_intake as run
    else:
        run = {
            "suggest": step_suggest,
            "setup": step_setup,
            "sweep": step_sweep,
            "measures": step_measures,
        }[args.step]
    run(args)


if __name__ == "__main__":
    main()
