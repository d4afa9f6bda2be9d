"""The read-replica router (quanze/core/dbrouting.py) against a real PostgreSQL hot standby.

Runs only where `DATABASE_REPLICA_URLS` names a streaming standby of the test run's
PostgreSQL server: `.ci/standby.sh` (called by `.ci/run`) makes one with
`pg_basebackup -R` and runs these tests, one of which stops and restarts it. The test
database is created on the primary; the standby replays it (the replica alias is a test
mirror of `default`). The rules alone are tested on any database in
quanze/core/tests/test_dbrouting.py."""

import os
import shlex
import subprocess
import time

import psycopg
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connections
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from quanze.core import dbrouting
from quanze.core.dbrouting import PIN_COOKIE, PRIMARY, routing_scope

REPLICA = "replica1"
ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")

pytestmark = [
    pytest.mark.skipif(
        not (ON_POSTGRES and os.environ.get("DATABASE_REPLICA_URLS")),
        reason="needs PostgreSQL and a hot standby in DATABASE_REPLICA_URLS (.ci/standby.sh)",
    ),
    pytest.mark.django_db(transaction=True, databases="__all__"),
]


def _admin(alias):
    """An autocommit connection to the server of `alias`, outside Django (its `postgres`
    database, which exists before the test database has been replayed)."""
    db = settings.DATABASES[alias]
    return psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres",
        password=db["PASSWORD"] or None, autocommit=True, connect_timeout=5,
    )  # fmt: skip


def _db(row) -> str:
    return row._state.db  # noqa: SLF001  (the alias a row was read from)


def _value(conn, sql, *params):
    return conn.execute(sql, params).fetchone()[0]


def _wait(condition, what, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def wait_replayed():
    """Until the standby has replayed everything the primary has written so far."""
    with _admin(PRIMARY) as primary, _admin(REPLICA) as replica:
        lsn = _value(primary, "SELECT pg_current_wal_lsn()::text")
        _wait(
            lambda: _value(replica, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", lsn),
            "the standby to replay the primary's WAL",
        )


@pytest.fixture(autouse=True)
def fresh_health():
    dbrouting.health.clear()
    yield
    dbrouting.health.clear()


def test_a_write_goes_to_the_primary_and_later_reads_to_the_replica(client):
    with _admin(REPLICA) as replica:
        assert _value(replica, "SELECT pg_is_in_recovery()") is True
    with routing_scope(replica_ok=True) as writer:
        group = Group.objects.create(name="公开目录读者")
        assert writer.wrote
        # The same request reads its own write from the primary.
        assert _db(Group.objects.get(pk=group.pk)) == PRIMARY
    wait_replayed()
    with routing_scope(replica_ok=True):  # another visitor's lag-tolerant page
        found = Group.objects.get(pk=group.pk)
        assert (_db(found), found.name) == (REPLICA, "公开目录读者")
    with routing_scope():  # a working page
        assert _db(Group.objects.get(pk=group.pk)) == PRIMARY

    # Through the whole stack: a portal page reads from the replica...
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client.get("/portal/lists/")
    assert response.status_code == 200
    assert len(on_replica) > 0
    # ...but not for a visitor whose pin cookie (set by their POST) is still live.
    client.cookies[PIN_COOKIE] = str(int(time.time()) + 60)
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client.get("/portal/lists/").status_code == 200
    assert len(on_replica) == 0


def test_while_replay_lags_pinned_reads_see_the_write_and_unpinned_follow_the_bound():
    wait_replayed()
    with _admin(REPLICA) as replica, _admin(PRIMARY) as primary:
        replica.execute("SELECT pg_wal_replay_pause()")
        try:
            _wait(
                lambda: _value(replica, "SELECT pg_get_wal_replay_pause_state()") == "paused",
                "replay to pause",
            )
            with routing_scope():
                group = Group.objects.create(name="暂停回放时写入")
            lsn = _value(primary, "SELECT pg_current_wal_lsn()::text")
            _wait(  # the write has reached the standby, which does not apply it
                lambda: _value(replica, "SELECT pg_last_wal_receive_lsn() >= %s::pg_lsn", lsn),
                "the standby to receive the write",
            )
            assert _value(replica, "SELECT pg_last_wal_replay_lsn() < %s::pg_lsn", lsn)
            fresh = override_settings(DATABASE_REPLICA_CHECK_SECONDS=0)
            with fresh, override_settings(DATABASE_REPLICA_MAX_LAG_SECONDS=3600):
                # The writer's next request, pinned by its cookie: the primary, the write.
                with routing_scope(pinned=True, replica_ok=True):
                    rows = Group.objects.filter(pk=group.pk)
                    assert rows.db == PRIMARY and rows.exists()
                # Anyone else, with a bound the lag is within: the replica, without it.
                with routing_scope(replica_ok=True):
                    rows = Group.objects.filter(pk=group.pk)
                    assert rows.db == REPLICA and not rows.exists()
            with fresh, override_settings(DATABASE_REPLICA_MAX_LAG_SECONDS=0):
                # With a bound the lag exceeds: the replica is passed over.
                health = dbrouting.health.health(REPLICA)
                assert not health.ok and health.lag > 0, health
                with routing_scope(replica_ok=True):
                    rows = Group.objects.filter(pk=group.pk)
                    assert rows.db == PRIMARY and rows.exists()
        finally:
            replica.execute("SELECT pg_wal_replay_resume()")
    wait_replayed()
    dbrouting.health.clear()
    with routing_scope(replica_ok=True):
        rows = Group.objects.filter(pk=group.pk)
        assert rows.db == REPLICA and rows.exists()


def _standby(*args):
    """Run pg_ctl on the standby (the command prefix comes from .ci/standby.sh)."""
    command = [*shlex.split(os.environ["QUANZE_STANDBY_CTL"]), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(
    not os.environ.get("QUANZE_STANDBY_CTL"), reason="needs a standby it may stop (.ci/standby.sh)"
)
def test_a_stopped_replica_sends_reads_to_the_primary_until_it_is_back(client):
    wait_replayed()
    _standby("stop", "-m", "fast", "-w")
    try:
        started = time.monotonic()
        with routing_scope():
            group = Group.objects.create(name="备库已停")
        with routing_scope(replica_ok=True):
            rows = Group.objects.filter(pk=group.pk)
            assert rows.db == PRIMARY and rows.exists()
        health = dbrouting.health.health(REPLICA)
        assert (health.ok, health.reason) == (False, "down")
        assert time.monotonic() - started < 5  # a refused connection, not a hang
        with CaptureQueriesContext(connections[PRIMARY]) as on_primary:
            assert client.get("/portal/lists/").status_code == 200
        assert len(on_primary) > 0
    finally:
        _standby("start", "-w", "-t", "60", "-l", os.environ["QUANZE_STANDBY_LOG"])
    # Back once streaming again: after a restart the standby reports no replay time (an
    # unknown lag) until it has received and replayed a new commit.
    deadline = time.monotonic() + 60
    for attempt in range(10_000):
        with routing_scope():
            Group.objects.create(name=f"备库重启后 {attempt}")
        wait_replayed()
        dbrouting.health.clear()
        if dbrouting.health.health(REPLICA).ok:
            break
        assert time.monotonic() < deadline, dbrouting.health.health(REPLICA)
        time.sleep(0.2)
    with routing_scope(replica_ok=True):
        rows = Group.objects.filter(pk=group.pk)
        assert rows.db == REPLICA and rows.exists()
