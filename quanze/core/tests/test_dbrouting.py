"""The read-replica rules (quanze/core/dbrouting.py) as pure logic: no database, no
replica; the replicas' health comes from a fake probe and a fake clock. The same rules
against a real hot standby: tests/test_replica.py (CI's PostgreSQL step)."""

import os
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django_tasks_db.models import DBTaskResult

from quanze.core import dbrouting
from quanze.core.dbrouting import (
    PIN_COOKIE,
    PRIMARY,
    HealthCache,
    ReplicaMiddleware,
    ReplicaRouter,
    read_alias,
    routing_scope,
    using_primary,
    using_replica,
)

SETTINGS_FILE = Path(settings.BASE_DIR) / "quanze" / "settings.py"
REPLICAS = ["replica1", "replica2"]


class FakeReplicas:
    """Lag per replica (None = down), a clock the test moves, and the probes made."""

    def __init__(self, **lags):
        self.lags = {alias: 0.0 for alias in REPLICAS} | lags
        self.now = 1000.0
        self.probes: list[str] = []

    def probe(self, alias):
        self.probes.append(alias)
        return self.lags[alias]


@pytest.fixture
def replicas(monkeypatch):
    fake = FakeReplicas()
    monkeypatch.setattr(dbrouting, "health", HealthCache(probe=fake.probe, clock=lambda: fake.now))
    with override_settings(
        QUANZE_REPLICA_ALIASES=REPLICAS,
        DATABASE_REPLICA_MAX_LAG_SECONDS=5,
        DATABASE_REPLICA_CHECK_SECONDS=2,
        DATABASE_REPLICA_PIN_SECONDS=15,
    ):
        yield fake


@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_REPLICA_URLS")), reason="this run configures replicas"
)
def test_without_replicas_nothing_changes():
    assert list(settings.DATABASES) == ["default"]
    assert settings.QUANZE_REPLICA_ALIASES == []
    assert not getattr(settings, "DATABASE_ROUTERS", [])
    assert "quanze.core.dbrouting.ReplicaMiddleware" not in settings.MIDDLEWARE
    with routing_scope(replica_ok=True), using_replica():
        assert read_alias(Group) == PRIMARY


def _settings(monkeypatch, **env) -> dict:
    for name in ("DATABASE_REPLICA_URLS", "DATABASE_REPLICA_PIN_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEBUG", "true")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_replica_urls_add_mirrored_aliases_the_router_and_the_middleware(monkeypatch):
    found = _settings(
        monkeypatch,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/quanze",
        DATABASE_REPLICA_URLS="postgres://postgres@10.0.0.2:5432/quanze, "
        "postgres://postgres@10.0.0.3:5432/quanze",
    )
    assert found["QUANZE_REPLICA_ALIASES"] == ["replica1", "replica2"]
    replica = found["DATABASES"]["replica2"]
    assert (replica["HOST"], replica["TEST"]) == ("10.0.0.3", {"MIRROR": "default"})
    assert replica["OPTIONS"]["connect_timeout"] == 2
    assert found["DATABASE_ROUTERS"] == ["quanze.core.dbrouting.ReplicaRouter"]
    assert found["MIDDLEWARE"][1] == "quanze.core.dbrouting.ReplicaMiddleware"


def test_replicas_need_postgresql_and_a_pin_longer_than_the_lag_bound(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URLS needs PostgreSQL"):
        _settings(
            monkeypatch,
            DATABASE_URL="sqlite:///x.sqlite3",
            DATABASE_REPLICA_URLS="postgres://postgres@10.0.0.2/quanze",
        )
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_PIN_SECONDS"):
        _settings(
            monkeypatch,
            DATABASE_URL="postgres://postgres@127.0.0.1:5432/quanze",
            DATABASE_REPLICA_URLS="postgres://postgres@10.0.0.2/quanze",
            DATABASE_REPLICA_PIN_SECONDS="7",
        )


def test_reads_go_to_a_replica_only_where_lag_is_tolerated(replicas):
    with routing_scope():
        assert read_alias(Group) == PRIMARY  # an ordinary page
        with using_replica():
            assert read_alias(Group) in REPLICAS
            with using_primary():
                assert read_alias(Group) == PRIMARY
            assert read_alias(Session) == PRIMARY  # sessions never
            assert read_alias(DBTaskResult) == PRIMARY  # nor the task queue
    with routing_scope(replica_ok=True):  # a lag-tolerant view
        assert read_alias(Group) in REPLICAS
        assert read_alias(None) in REPLICAS


def test_a_write_or_a_pin_keeps_reads_on_the_primary(replicas):
    router = ReplicaRouter()
    with routing_scope(replica_ok=True) as scope:
        assert router.db_for_read(Group) in REPLICAS
        assert router.db_for_write(Group) == PRIMARY
        assert scope.wrote
        assert router.db_for_read(Group) == PRIMARY
        with using_replica():
            assert read_alias(Group) == PRIMARY
    with routing_scope(replica_ok=True, pinned=True), using_replica():
        assert read_alias(Group) == PRIMARY


def test_reads_inside_a_transaction_stay_on_the_primary(replicas, monkeypatch):
    monkeypatch.setattr(dbrouting, "connections", {PRIMARY: SimpleNamespace(in_atomic_block=True)})
    with routing_scope(replica_ok=True):
        assert read_alias(Group) == PRIMARY


def test_a_lagging_or_down_replica_is_passed_over_then_the_primary(replicas):
    replicas.lags["replica1"] = 9.0  # beyond the 5 s bound
    with routing_scope(replica_ok=True):
        assert {read_alias(Group) for _ in range(20)} == {"replica2"}
        assert dbrouting.health.health("replica1").reason == "lag 9.0s > 5s"
        replicas.lags["replica2"] = None  # down
        replicas.now += 2
        assert read_alias(Group) == PRIMARY
        assert dbrouting.health.health("replica2").reason == "down"
        replicas.lags.update(replica1=5.0, replica2=0.0)  # at the bound counts as healthy
        replicas.now += 2
        assert {read_alias(Group) for _ in range(40)} == set(REPLICAS)


def test_health_is_checked_once_per_interval(replicas):
    with routing_scope(replica_ok=True):
        for _ in range(50):
            read_alias(Group)
        assert sorted(replicas.probes) == REPLICAS
        replicas.now += 1.9
        read_alias(Group)
        assert len(replicas.probes) == 2
        replicas.now += 0.2
        read_alias(Group)
        assert len(replicas.probes) == 4


def test_replicas_are_never_migrated_and_relations_cross_them(replicas):
    router = ReplicaRouter()
    assert router.allow_migrate("replica1", "catalog") is False
    assert router.allow_migrate(PRIMARY, "catalog") is None
    on_replica, on_primary, elsewhere = (
        SimpleNamespace(_state=SimpleNamespace(db=db)) for db in ("replica2", PRIMARY, "other")
    )
    assert router.allow_relation(on_replica, on_primary) is True
    assert router.allow_relation(on_replica, elsewhere) is None


def test_the_replicas_command_reports_each_replica(replicas, capsys):
    replicas.lags.update(replica1=0.4, replica2=None)
    with pytest.raises(CommandError, match="1 个只读副本不可用"):
        call_command("replicas")
    out = capsys.readouterr().out
    assert "replica1:可用,回放延迟 0.4 秒" in out
    assert "replica2:不可用(无法连接或已不是备库)" in out
    replicas.lags.update(replica2=0.0)
    call_command("replicas")


@override_settings(QUANZE_REPLICA_ALIASES=[])
def test_the_replicas_command_without_replicas(capsys):
    call_command("replicas")
    assert "未配置只读副本" in capsys.readouterr().out


# --- the middleware ---------------------------------------------------------------------


def _serve(request, *, write=False, now=50_000.0):
    """Run `request` through the middleware to a view that reports where it read."""
    seen = {}

    def view(request):
        if write:
            ReplicaRouter().db_for_write(Group)
        seen["alias"] = read_alias(Group)
        return HttpResponse("ok")

    def handler(request):
        request.resolver_match = resolve(request.path)
        middleware.process_view(request, view, (), {})
        return view(request)

    middleware = ReplicaMiddleware(handler, clock=lambda: now)
    response = middleware(request)
    return seen["alias"], response


def test_middleware_routes_by_view_and_method(replicas):
    rf = RequestFactory()
    assert _serve(rf.get("/portal/lists/"))[0] in REPLICAS
    assert _serve(rf.get("/catalog/powers/"))[0] == PRIMARY  # a working page
    alias, response = _serve(rf.post("/portal/lists/"))
    assert alias == PRIMARY
    assert response.cookies[PIN_COOKIE].value == str(50_000 + 15 + 1)
    assert response.cookies[PIN_COOKIE]["httponly"]


def test_middleware_pins_a_user_after_their_write_for_the_pin_time(replicas):
    rf = RequestFactory()
    alias, response = _serve(rf.get("/portal/lists/"), write=True, now=50_000.0)
    assert alias == PRIMARY and PIN_COOKIE in response.cookies
    until = response.cookies[PIN_COOKIE].value
    nxt = rf.get("/portal/lists/")
    nxt.COOKIES[PIN_COOKIE] = until
    assert _serve(nxt, now=50_010.0)[0] == PRIMARY  # 10 s later: still pinned
    alias, response = _serve(nxt, now=50_017.0)  # pin over
    assert alias in REPLICAS and PIN_COOKIE not in response.cookies
    nxt.COOKIES[PIN_COOKIE] = "not-a-time"
    assert _serve(nxt)[0] in REPLICAS
    # The request's scope ends with it.
    assert not dbrouting.current_scope().replica_ok


def _view_names(resolver=None, prefix="") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= _view_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


def test_every_lag_tolerant_pattern_names_real_views():
    names = _view_names()
    for pattern in settings.QUANZE_REPLICA_VIEWS:
        assert any(dbrouting.view_tolerates_lag(name, [pattern]) for name in names), pattern
    assert dbrouting.view_tolerates_lag("portal:lists")
    assert not dbrouting.view_tolerates_lag("catalog:power_list")
    assert not dbrouting.view_tolerates_lag(None)
