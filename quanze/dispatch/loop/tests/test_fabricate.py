"""`quanze generate_events`: a year of events the dispatch rules accept, the same each time."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from quanze.core.bulk import plain_indexes
from quanze.dispatch.aggregates.models import MeasuresDay
from quanze.dispatch.disputes.models import Dispute
from quanze.dispatch.events.models import Assignment, Event, EventLog
from quanze.dispatch.events.states import ACTIONS, OPEN
from quanze.dispatch.loop.fabricate import NOW, YEAR_START
from quanze.org.models import Department

EVENTS, OPEN_EVENTS = 400, 60
TABLES = [m._meta.db_table for m in (Event, Assignment, EventLog, Dispute)]


@pytest.fixture
def province(db):
    call_command("generate", "--townships=3", "--items=30", "--no-lists", stdout=StringIO())


def shape(table: str) -> list:
    """The table's plain indexes and, on PostgreSQL, its constraints: all dropped for the load."""
    kept = sorted(plain_indexes(table))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = %s::regclass ORDER BY conname",
                [table],
            )
            kept += cursor.fetchall()
    return kept


def generate(*args) -> str:
    out = StringIO()
    call_command("generate_events", *args, stdout=out)
    return out.getvalue()


def digest() -> str:
    rows = [
        list(Event.objects.order_by("pk").values_list("pk", "township_id", "state", "primary_department_id", "handled_at", "rating")),
        list(Assignment.objects.order_by("pk").values_list("event_id", "department_id", "role", "accepted_at", "active")),
        list(EventLog.objects.order_by("pk").values_list("event_id", "at", "action", "to_state")),
        list(Dispute.objects.order_by("pk").values_list("event_id", "department_id", "department_lost")),
    ]  # fmt: skip
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_every_event_follows_the_rules(province):
    out = generate(f"--events={EVENTS}", f"--open-events={OPEN_EVENTS}", "--seed=3")
    assert f"已生成事件 {EVENTS:,} 件(未办结 {OPEN_EVENTS:,} 件" in out
    counties = dict(Department.objects.values_list("pk", "division_id"))
    logs: dict[int, list[EventLog]] = {}
    for log in EventLog.objects.order_by("pk"):
        logs.setdefault(log.event_id, []).append(log)
    events = list(Event.objects.select_related("township"))
    assert len(events) == EVENTS
    assert sum(event.state in OPEN for event in events) == OPEN_EVENTS
    for event in events:
        assert event.county_id == event.township.parent_id
        assert counties[event.primary_department_id] == event.county_id
        assert YEAR_START <= event.occurred_at <= NOW
        state = "called"
        for log in logs[event.pk]:  # the log replays the event's path through the machine
            assert log.from_state == state and state in ACTIONS[log.action][1], (event.pk, log)
            state = log.to_state
        assert state == event.state
        active = event.assignments.filter(active=True)
        assert [a.department_id for a in active] == [event.primary_department_id]
        if event.state == "closed":
            assert event.dispatched_at <= event.handled_at <= event.closed_at
            assert event.rating in range(1, 6) and event.satisfied == (event.rating >= 3)
    for dispute in Dispute.objects.select_related("event"):
        assert dispute.event.log.filter(action="rule").exists()
    assert MeasuresDay.objects.exists()  # the measures' aggregates were rebuilt


def test_same_seed_same_rows_and_indexes_back(province):
    shapes = {table: shape(table) for table in TABLES}
    generate("--events=150", "--seed=5")
    first = digest()
    assert {table: shape(table) for table in TABLES} == shapes
    for model in (Dispute, EventLog, Assignment, Event):
        model.objects.all().delete()
    generate("--events=150", "--seed=5", "--no-measures")
    assert digest() == first
    generate("--events=150", "--seed=6", "--no-measures")  # more events, new ids after these
    assert Event.objects.count() == 300


@pytest.mark.django_db
def test_refusals_change_nothing():
    shapes = {table: shape(table) for table in TABLES}
    with pytest.raises(CommandError, match="没有可派发的乡镇:请先运行 quanze generate"):
        generate("--events=10")
    with pytest.raises(CommandError, match="未办结事件数须在 0 与事件数之间"):
        generate("--events=10", "--open-events=11")
    with pytest.raises(CommandError, match="事件数须为正整数"):
        generate("--events=0")
    assert not Event.objects.exists()
    assert {table: shape(table) for table in TABLES} == shapes  # nothing dropped on the way out
