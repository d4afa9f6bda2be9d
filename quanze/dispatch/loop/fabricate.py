"""A year of dispatch events over every township `quanze generate` wrote (one province or
the nation): deterministic, set-based, for benchmarks and for trying the system at size
(`quanze generate_events`). Most events are closed with their times and ratings, the last
`open_events` still open; each has the rows the measures, the sweep and the queues read:

- one log row per transition (dispatch, accept, handle, feedback, close; send-back,
  dispute, ruling, escalation and fallback where they happened);
- assignments: the primary one, a sent-back one before it (8% of events), an escalated
  one replaced by the fallback department (2%);
- disputes: a third of the send-backs are contested and ruled, the department that sent
  the event back losing a little over half of them.

Each event goes to one of its county's departments, its township drawn at random from
every township whose county keeps departments. Rows are plain tuples written set-based
(`quanze.core.bulk.TableWriter`: COPY on PostgreSQL, multi-row INSERTs on SQLite) in one
transaction, with the tables' secondary indexes (on PostgreSQL also their foreign keys and
unique constraints) dropped during the load (`_bulk_load`); the measures' aggregates are then
rebuilt from them set-based (`quanze.dispatch.aggregates.services.rebuild`, as
`quanze measures_rebuild` does after any load that bypasses the services). A data
generator, not a service: no notices, no change records; the event log is the events' own
record. Same data, seed and arguments: the same rows.
"""

import random
import time
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction

from quanze.core.bulk import (
    TableWriter,
    reset_sequence,
    without_indexes,
    without_secondary_indexes,
)
from quanze.dispatch.aggregates.services import rebuild
from quanze.dispatch.disputes.models import Dispute
from quanze.dispatch.events.models import Assignment, Event, EventLog
from quanze.org.models import Department, Division

YEAR_START = datetime(2025, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 1, 1, tzinfo=UTC)  # the benchmarks' "now": the year is over
TEXTS = [
    "小区门口垃圾三天没有清运,气味很大",
    "夜间工地施工噪声扰民",
    "路灯不亮已经一周",
    "占道经营摊贩堵塞道路",
    "下水道堵塞污水外溢",
    "饭店油烟直排居民楼",
]
SEND_BACK, DISPUTED, LOST, FALLBACK = 0.08, 0.33, 0.55, 0.02
EVENT = [
    "id",
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
    "fallback_department_id",
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
ASSIGNMENT = [
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
LOG = ["event_id", "at", "unit", "action", "from_state", "to_state", "reason", "data"]
DISPUTE = [
    "event_id",
    "department_id",
    "raised_at",
    "reason",
    "ruled_at",
    "ruling",
    "responsible_id",
    "department_lost",
    "list_corrected",
]


PROGRESS_EVERY = 1_000_000


def generate_events(
    *,
    events: int,
    open_events: int,
    seed: int = 1,
    measures: bool = True,
    progress: Callable[[str, int], None] | None = None,
) -> dict:
    """`events` in the year, of which the last `open_events` are still open (dispatched,
    accepted or in progress), about a third of those past their deadline at NOW; then the
    measures' aggregates rebuilt from them (`measures=False`: not, for a benchmark that
    does not read them). `progress(step, count)` hears of every million events written.
    ValueError when no township's county keeps a department or the counts do not fit."""
    if events < 1 or not 0 <= open_events <= events:
        raise ValueError("事件数须为正整数,未办结事件数须在 0 与事件数之间")
    departments: dict[int, list[int]] = {}
    for pk, division_id in Department.objects.order_by("pk").values_list("pk", "division_id"):
        departments.setdefault(division_id, []).append(pk)
    towns = [
        (pk, county)
        for pk, county in Division.objects.filter(level=Division.Level.TOWNSHIP)
        .order_by("code")
        .values_list("pk", "parent_id")
        if county in departments
    ]
    if not towns:
        raise ValueError("没有可派发的乡镇:请先运行 quanze generate 生成乡镇及县直部门")
    tables = {m: m._meta.db_table for m in (Event, Assignment, EventLog, Dispute)}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {tables[Event]}")
        first_id = cursor.fetchone()[0] + 1
    writer = TableWriter(
        {
            tables[Event]: EVENT,
            tables[Assignment]: ASSIGNMENT,
            tables[EventLog]: LOG,
            tables[Dispute]: DISPUTE,
        }
    )
    plan = _Plan(random.Random(seed), towns, departments, events - open_events, writer, tables)
    with transaction.atomic(), _bulk_load(list(tables.values())):  # all or nothing
        for i in range(events):
            plan.event(first_id + i, i)
            writer.tick()
            if progress and (i + 1) % PROGRESS_EVERY == 0:
                progress("events", i + 1)
        writer.flush()
    reset_sequence(tables[Event])
    with connection.cursor() as cursor:  # fresh statistics, as after any bulk load
        cursor.execute("ANALYZE")
    if measures:
        if progress:
            progress("aggregates", 0)
        started = time.perf_counter()
        plan.made["aggregates"] = rebuild()
        plan.made["rebuild_seconds"] = round(time.perf_counter() - started, 1)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    plan.made["events"] = writer.written[tables[Event]]
    plan.made["rows"] = sum(writer.written.values())
    return plan.made


@contextmanager
def _bulk_load(tables: list[str]):
    """The tables bare for the load. PostgreSQL: without foreign keys, unique constraints
    and secondary indexes, built back with one validating pass each
    (`core.bulk.without_secondary_indexes`): a foreign key checked row by row is a lookup
    per reference, about ten per event, and inside one transaction the checks would queue
    in memory to the end. SQLite: without the plain secondary indexes."""
    if connection.vendor != "postgresql":
        with without_indexes(*tables):
            yield
        return
    with connection.cursor() as cursor, ExitStack() as stack:
        for table in tables:
            stack.enter_context(without_secondary_indexes(cursor, table))
        yield


class _Plan:
    def __init__(self, rng, towns, departments, closed_count, writer, tables):
        self.rng, self.towns, self.departments = rng, towns, departments
        self.closed_count, self.writer = closed_count, writer
        self.made = {"events": 0, "open": 0, "overdue": 0, "sent_back": 0, "disputes": 0}
        self.made["fallback"] = 0
        self.E, self.A, self.L, self.D = tables.values()
        self.year = int((NOW - YEAR_START).total_seconds())
        if connection.vendor == "sqlite":  # naive UTC text, as Django writes it
            self.t = lambda moment: None if moment is None else str(moment.replace(tzinfo=None))
        else:  # PostgreSQL takes aware datetimes
            self.t = lambda moment: moment

    def log(self, event_id, at, unit, action, before, after, reason=""):
        self.writer.add(self.L, (event_id, self.t(at), unit, action, before, after, reason, "{}"))

    def assignment(self, event_id, dept, role, at, accepted=None, handled=None, **flags):
        accept_s = int((accepted - at).total_seconds()) if accepted else None
        handle_s = int((handled - at).total_seconds()) if handled else None
        self.writer.add(
            self.A,
            (event_id, dept, role, "", self.t(at), self.t(at + timedelta(hours=2)),
             self.t(at + timedelta(days=5)), self.t(accepted), self.t(handled), accept_s,
             handle_s, (accept_s <= 7200) if accepted else None, flags.get("sent_back", False),
             flags.get("escalated", False), flags.get("active", True)),
        )  # fmt: skip

    def event(self, event_id: int, i: int) -> None:
        rng, closed = self.rng, i < self.closed_count
        town, county = self.towns[rng.randrange(len(self.towns))]
        units = self.departments[county]
        dept, lead = units[rng.randrange(len(units))], units[0]
        if closed:
            at = YEAR_START + timedelta(seconds=self.year * i // self.closed_count)
        else:  # open events: the last weeks before NOW
            at = NOW - timedelta(hours=rng.uniform(1, 24 * 20))
        self.log(event_id, at, "乡镇", "dispatch", "called", "dispatched")
        start, fallback_acted = at, False
        roll = rng.random()
        if closed and roll < SEND_BACK:
            start = self._send_back(event_id, at, dept, units)
        elif closed and roll < SEND_BACK + FALLBACK:
            start, fallback_acted = self._fallback(event_id, at, dept), True
            dept = lead
        accept_s = int(rng.lognormvariate(7.5, 1.0))  # about half an hour, long tail
        handle_s = accept_s + int(rng.lognormvariate(11.5, 0.7))  # about a day and a half
        accepted, handled = start + timedelta(seconds=accept_s), start + timedelta(seconds=handle_s)
        rating = satisfied = closed_at = None
        if closed:
            state = "closed"
            rating = rng.choices([5, 4, 3, 2, 1], [60, 20, 10, 6, 4])[0]
            satisfied, closed_at = rating >= 3, handled + timedelta(hours=rng.uniform(2, 72))
            self.log(event_id, accepted, "部门", "accept", "dispatched", "accepted")
            self.log(event_id, handled, "部门", "handle", "accepted", "handled")
            self.log(event_id, closed_at, "乡镇", "feedback", "handled", "feedback")
            self.log(event_id, closed_at, "乡镇", "close", "feedback", "closed")
        else:
            state = rng.choice(["dispatched", "accepted", "in_progress"])
            handled = None
            if state == "dispatched":
                accepted = None
            else:
                self.log(event_id, accepted, "部门", "accept", "dispatched", "accepted")
            if state == "in_progress":
                self.log(event_id, accepted, "部门", "start", "accepted", "in_progress")
            overdue = (state == "dispatched" and at + timedelta(hours=2) < NOW) or (
                at + timedelta(days=5) < NOW
            )
            self.made["open"] += 1
            self.made["overdue"] += bool(overdue)
        role = "fallback" if fallback_acted else "primary"
        self.assignment(event_id, dept, role, start, accepted, handled)
        t = self.t
        self.writer.add(
            self.E,
            (event_id, "hotline", "", TEXTS[i % len(TEXTS)], county, town, "", t(at), "", "",
             "", "[]", state, 1, dept, lead, "{}", t(start + timedelta(hours=2)),
             t(start + timedelta(days=5)), t(at), t(handled), t(closed_at),
             "已办结" if handled else "", rating, satisfied, fallback_acted, t(at)),
        )  # fmt: skip

    def _send_back(self, event_id, at, dept, units) -> datetime:
        """The first unit sends the event back citing the list; maybe a dispute; then the
        event is dispatched again (to the same unit if it lost the dispute)."""
        rng = self.rng
        wrong = units[rng.randrange(len(units))]
        back = at + timedelta(seconds=int(rng.lognormvariate(8.5, 0.8)))
        self.assignment(event_id, wrong, "primary", at, sent_back=True, active=False)
        self.log(
            event_id, back, "部门", "send_back", "dispatched", "sent_back", "不属本单位清单事项"
        )
        self.made["sent_back"] += 1
        again = back + timedelta(hours=rng.uniform(1, 8))
        if rng.random() < DISPUTED:
            lost = rng.random() < LOST
            ruled = back + timedelta(days=rng.uniform(1, 5))
            self.writer.add(
                self.D,
                (event_id, wrong, self.t(back + timedelta(hours=2)), "清单明确由该部门负责",
                 self.t(ruled), "按清单裁定", wrong if lost else dept, lost, False),
            )  # fmt: skip
            self.log(event_id, back, "乡镇", "dispute", "sent_back", "disputed")
            self.log(event_id, ruled, "编办", "rule", "disputed", "sent_back")
            self.made["disputes"] += 1
            again = ruled + timedelta(hours=1)
        self.log(event_id, again, "乡镇", "dispatch", "sent_back", "dispatched")
        return again

    def _fallback(self, event_id, at, dept) -> datetime:
        """The primary unit lets the deadline pass; the lead department takes it over."""
        late = at + timedelta(hours=2, minutes=self.rng.randrange(1, 600))
        self.assignment(event_id, dept, "primary", at, escalated=True, active=False)
        self.log(event_id, late, "系统", "escalate", "dispatched", "escalated")
        self.log(event_id, late, "乡镇", "fallback", "escalated", "dispatched")
        self.made["fallback"] += 1
        return late
