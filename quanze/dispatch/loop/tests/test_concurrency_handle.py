"""The last two summoned departments handling an event at the same moment: each sees the
other's part, so the event is handled exactly once (one closing transition, one log row
per department's part, one round of notices).

Deterministic, not a race left to the scheduler: the first department's handle runs to
its end inside a transaction held open; the second then starts, and the first commits only
once PostgreSQL shows the second waiting for a lock (`pg_blocking_pids`). With the event's
row locked before the assignments are read (`event_handle`), the second waits there and
reads the first's committed part; without that lock it reads the first's part as still
open, waits only later (in `transition`), and leaves the event unhandled.

Needs PostgreSQL (its own connections per thread, row locks); SQLite serialises writers."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from quanze.core.models import Notice
from quanze.dispatch.events.models import Assignment, Event, EventLog
from quanze.dispatch.loop import services

pytestmark = pytest.mark.django_db(transaction=True)
S = Event.State
WAIT = 30  # seconds before a step that never comes fails the test instead of hanging it


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections: run with DATABASE_URL=postgres://…")


def _waiting_for_a_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cardinality(pg_blocking_pids(%s)) > 0", [pid])
        return cursor.fetchone()[0]


def _until(condition, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"timed out: {what}"
        time.sleep(0.01)


def test_the_last_two_summoned_departments_at_once_handle_the_event_once(postgres, cast, called):
    due = timezone.now() + timedelta(hours=4)
    services.event_whistle(
        by=cast.town_a_clerk, event=called, reason="联合整治占道",
        summons=[(cast.urban, due), (cast.land, due)],
    )  # fmt: skip
    for clerk in (cast.dept_clerk, cast.other_dept_clerk):
        services.event_report(by=clerk, event=Event.objects.get(pk=called.pk))
    before = Event.objects.get(pk=called.pk)
    assert before.state == S.ACCEPTED
    handled_first, started_second, commit_first = (threading.Event() for _ in range(3))
    second_pid, errors = [], []

    def first():
        try:
            with transaction.atomic():  # held open until the second waits for a lock
                services.event_handle(
                    by=cast.dept_clerk, event=Event.objects.get(pk=called.pk), result="已清理"
                )
                handled_first.set()
                commit_first.wait(WAIT)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    def second():
        try:
            event = Event.objects.get(pk=called.pk)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                second_pid.append(cursor.fetchone()[0])
            started_second.set()
            services.event_handle(by=cast.other_dept_clerk, event=event, result="已复耕")
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    try:
        threads[0].start()
        assert handled_first.wait(WAIT), errors
        threads[1].start()
        assert started_second.wait(WAIT), errors
        _until(lambda: _waiting_for_a_lock(second_pid[0]), "the second handle waits for a lock")
    finally:
        commit_first.set()
        for thread in threads:
            if thread.ident is not None:  # started
                thread.join(WAIT)
    assert not errors, errors

    event = Event.objects.get(pk=called.pk)
    assert event.state == S.HANDLED, "the second department did not see the first's part"
    assert event.result == "已复耕" and event.handled_at is not None
    assert event.row_version == before.row_version + 2
    parts = Assignment.objects.filter(event=event, role=Assignment.Role.SUMMONED, active=True)
    assert parts.count() == 2 and not parts.filter(handled_at__isnull=True).exists()
    logged = EventLog.objects.filter(event=event, action="handle").order_by("pk")
    assert [(log.from_state, log.to_state, log.reason) for log in logged] == [
        (S.ACCEPTED, S.ACCEPTED, "已清理"),
        (S.ACCEPTED, S.HANDLED, "已复耕"),
    ]
    assert EventLog.objects.filter(event=event, to_state=S.HANDLED).count() == 1
    told = list(
        Notice.objects.filter(kind=Notice.Kind.EVENT_HANDLED).values_list(
            "recipient__username", flat=True
        )
    )
    assert "town_a" in told and len(told) == len(set(told))  # one notice each, once
    assert all(
        "已复耕" in body
        for body in Notice.objects.filter(kind=Notice.Kind.EVENT_HANDLED).values_list(
            "body", flat=True
        )
    )
