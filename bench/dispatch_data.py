"""Deterministic events for the dispatch benchmarks: a year of events over every township of
the generated province, most closed with their times and ratings, some still open.

Rows go in with executemany over plain tuples (no model instances), 20,000 at a time.
"""

import random
from datetime import UTC, datetime, timedelta

from django.db import connection

YEAR_START = datetime(2025, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 1, 1, tzinfo=UTC)  # the benchmarks' "now": the year is over
BATCH = 20_000
TEXTS = [
    "小区门口垃圾三天没有清运,气味很大",
    "夜间工地施工噪声扰民",
    "路灯不亮已经一周",
    "占道经营摊贩堵塞道路",
    "下水道堵塞污水外溢",
    "饭店油烟直排居民楼",
]


def _placeholders(n: int) -> str:
    return ", ".join(["%s"] * n)


def generate_events(*, events: int, open_events: int, seed: int = 1) -> dict:
    """`events` in the year, of which the last `open_events` are still open (dispatched,
    accepted or in progress), about a third of those past their deadline at NOW."""
    from quanze.dispatch.models import Assignment, Event, EventLog
    from quanze.org.models import Department, Division

    rng = random.Random(seed)
    towns = list(
        Division.objects.filter(level=Division.Level.TOWNSHIP).values_list("pk", "parent_id")
    )
    departments: dict[int, list[int]] = {}
    for pk, division_id in Department.objects.values_list("pk", "division_id"):
        departments.setdefault(division_id, []).append(pk)
    event_columns = [
        "source",
        "external_ref",
        "description",
        "county_id",
        "township_id",
        "address",
        "occurred_at",
        "reporter_name",
        "reporter_phone",
        "grid",
        "suggestions",
        "state",
        "row_version",
        "primary_department_id",
        "routing",
        "accept_due",
        "handle_due",
        "dispatched_at",
        "handled_at",
        "closed_at",
        "result",
        "rating",
        "satisfied",
        "fallback_acted",
        "created_at",
    ]
    assignment_columns = [
        "event_id",
        "department_id",
        "role",
        "task",
        "assigned_at",
        "accept_due",
        "handle_due",
        "accepted_at",
        "handled_at",
        "accept_seconds",
        "handle_seconds",
        "accepted_in_time",
        "sent_back",
        "escalated",
        "active",
    ]
    event_sql = (
        f"INSERT INTO {Event._meta.db_table} ({', '.join(event_columns)}) "
        f"VALUES ({_placeholders(len(event_columns))})"
    )
    assignment_sql = (
        f"INSERT INTO {Assignment._meta.db_table} ({', '.join(assignment_columns)}) "
        f"VALUES ({_placeholders(len(assignment_columns))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Event._meta.db_table}")
        next_id = cursor.fetchone()[0] + 1
    # SQLite keeps naive UTC text, as Django writes it; PostgreSQL takes aware datetimes.
    naive = connection.vendor == "sqlite"

    def T(moment):
        return moment.replace(tzinfo=None) if naive and moment is not None else moment

    seconds_in_year = int((NOW - YEAR_START).total_seconds())
    closed_count = events - open_events
    made = {"events": 0, "open": 0, "overdue": 0}
    for start in range(0, events, BATCH):
        event_rows, assignment_rows = [], []
        for i in range(start, min(events, start + BATCH)):
            event_id = next_id + i
            town, county = towns[rng.randrange(len(towns))]
            department = rng.choice(departments[county])
            if i < closed_count:
                at = YEAR_START + timedelta(seconds=seconds_in_year * i // closed_count)
            else:  # open events: the last weeks before NOW
                at = NOW - timedelta(hours=rng.uniform(1, 24 * 20))
            accept_due, handle_due = at + timedelta(hours=2), at + timedelta(days=5)
            accept_s = int(rng.lognormvariate(7.5, 1.0))  # about half an hour, long tail
            handle_s = accept_s + int(rng.lognormvariate(11.5, 0.7))  # about a day and a half
            if i < closed_count:
                state = "closed"
                accepted = at + timedelta(seconds=accept_s)
                handled = at + timedelta(seconds=handle_s)
                rating = rng.choices([5, 4, 3, 2, 1], [60, 20, 10, 6, 4])[0]
                satisfied = rating >= 3
            else:
                state = rng.choice(["dispatched", "accepted", "in_progress"])
                accepted = at + timedelta(seconds=accept_s) if state != "dispatched" else None
                handled, rating, satisfied = None, None, None
                overdue = (state == "dispatched" and accept_due < NOW) or handle_due < NOW
                made["open"] += 1
                made["overdue"] += bool(overdue)
            event_rows.append(
                (
                    "hotline",
                    "",
                    TEXTS[i % len(TEXTS)],
                    county,
                    town,
                    "",
                    T(at),
                    "",
                    "",
                    "",
                    "[]",
                    state,
                    1,
                    department,
                    "{}",
                    T(accept_due),
                    T(handle_due),
                    T(at),
                    T(handled),
                    T(handled) if state == "closed" else None,
                    "已办结" if handled else "",
                    rating,
                    satisfied,
                    False,
                    T(at),
                )
            )
            assignment_rows.append(
                (
                    event_id,
                    department,
                    "primary",
                    "",
                    T(at),
                    T(accept_due),
                    T(handle_due),
                    T(accepted),
                    T(handled),
                    accept_s if accepted else None,
                    handle_s if handled else None,
                    (accept_s <= 7200) if accepted else None,
                    False,
                    False,
                    True,
                )
            )
        with connection.cursor() as cursor:
            cursor.executemany(event_sql, event_rows)
            cursor.executemany(assignment_sql, assignment_rows)
        made["events"] += len(event_rows)
    del EventLog  # log rows are not needed for the measures; the sweep writes its own
    return made
