"""Read replicas: which database a query goes to (docs/deployment.md, "Read replicas").

With `DATABASE_REPLICA_URLS` unset there are no replica aliases, settings install neither
the router nor the middleware, and every query goes to `default` as it always did.

With replicas (PostgreSQL streaming standbys, aliases `replica1`, `replica2`, ...):

- every write goes to the primary (`default`), and so does every read of a scope that
  has written (the rest of that request, or of that task);
- a read goes to a replica only where its caller said it tolerates a short lag: a GET
  of a view named in `QUANZE_REPLICA_VIEWS` (the public portal, published lists,
  reports; the middleware decides from the resolved view name), or code inside
  `using_replica()` (a selector that knows its answer may be a few seconds old);
- a user who wrote pins their own reads to the primary for `DATABASE_REPLICA_PIN_SECONDS`
  after the write (a cookie holding the time the pin ends, set by the middleware on the
  response of every unsafe request and every request that wrote): read-your-writes,
  also for anonymous visitors (a citizen's request on the portal);
- reads inside a transaction, of the primary-only apps (sessions, login lockouts, the
  task queue) and inside `using_primary()` stay on the primary;
- a replica is used only while healthy: it answers, is still a standby, and its replay
  lags less than `DATABASE_REPLICA_MAX_LAG_SECONDS`. The check is one query on the
  replica, cached per process for `DATABASE_REPLICA_CHECK_SECONDS`; an unhealthy or
  unreachable replica means the read goes to the primary. Settings require the pin to
  outlast the lag bound plus the check interval, so a pinned user's write has reached
  any replica they are sent to once the pin ends.

Lag is measured on the replica alone: 0 when everything received has been replayed,
otherwise the age of the last replayed transaction (`now() - pg_last_xact_replay_timestamp()`).
After an idle spell on the primary the first write shows as a large lag until it is
replayed (milliseconds): reads fall back to the primary for one check interval then.
"""

import fnmatch
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = DEFAULT_DB_ALIAS
PIN_COOKIE = "quanze_primary_until"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Apps whose reads never go to a replica: a session or a lockout read from a lagging copy
# would undo a logout or a lock; the task queue is claimed with row locks on the primary.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "django_tasks_database"})


def replica_aliases() -> list[str]:
    return list(getattr(settings, "QUANZE_REPLICA_ALIASES", []))


# --- where this code runs: a request, a task, a block --------------------------------


@dataclass
class Scope:
    """The routing state of one request (or one thread outside requests)."""

    pinned: bool = False  # the user wrote less than the pin time ago
    replica_ok: bool = False  # the request's view tolerates lag
    wrote: bool = False  # something was written (or locked for writing) in this scope
    mode: str = ""  # "replica" inside using_replica(), "primary" inside using_primary()


_scope: ContextVar[Scope | None] = ContextVar("quanze_db_scope", default=None)


def current_scope() -> Scope:
    scope = _scope.get()
    if scope is None:
        scope = Scope()
        _scope.set(scope)
    return scope


@contextmanager
def routing_scope(*, pinned: bool = False, replica_ok: bool = False) -> Iterator[Scope]:
    """A fresh scope for one request or one unit of background work."""
    token = _scope.set(Scope(pinned=pinned, replica_ok=replica_ok))
    try:
        yield _scope.get()
    finally:
        _scope.reset(token)


@contextmanager
def _mode(mode: str) -> Iterator[None]:
    scope = current_scope()
    before, scope.mode = scope.mode, mode
    try:
        yield
    finally:
        scope.mode = before


def using_replica():
    """Reads in this block may come from a healthy replica (unless the scope is pinned or
    has written): for selectors whose answer may be a few seconds old."""
    return _mode("replica")


def using_primary():
    """Reads in this block come from the primary, whatever the request."""
    return _mode("primary")


# --- replica health --------------------------------------------------------------------

PROBE_SQL = """
SELECT pg_is_in_recovery(),
       CASE WHEN pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
            ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END
"""


@dataclass(frozen=True)
class Health:
    ok: bool
    lag: float | None  # seconds; None when the replica did not answer
    reason: str  # why not ok ("" when ok)
    checked_at: float


def probe_lag(alias: str) -> float | None:
    """Seconds the replica `alias` lags (0 when caught up); None when it is down or not a
    standby. One query on the alias' own connection (closed again when it failed)."""
    conn = connections[alias]
    try:
        with conn.cursor() as cursor:
            cursor.execute(PROBE_SQL)
            in_recovery, lag = cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("replica %s did not answer its health check: %s", alias, exc)
        with suppress(DatabaseError):
            conn.close()
        return None
    if not in_recovery:
        logger.warning("replica %s is not a standby (promoted?): not used for reads", alias)
        return None
    return float(lag) if lag is not None else float("inf")


class HealthCache:
    """Each replica's health, checked at most once per `check_seconds` per process."""

    def __init__(self, probe: Callable[[str], float | None] = probe_lag, clock=time.monotonic):
        self.probe = probe
        self.clock = clock
        self._lock = threading.Lock()
        self._known: dict[str, Health] = {}

    def clear(self) -> None:
        with self._lock:
            self._known.clear()

    def health(self, alias: str) -> Health:
        now = self.clock()
        check = settings.DATABASE_REPLICA_CHECK_SECONDS
        with self._lock:
            known = self._known.get(alias)
        if known is not None and now - known.checked_at < check:
            return known
        lag = self.probe(alias)
        max_lag = settings.DATABASE_REPLICA_MAX_LAG_SECONDS
        if lag is None:
            found = Health(False, None, "down", now)
        elif lag > max_lag:
            found = Health(False, lag, f"lag {lag:.1f}s > {max_lag}s", now)
        else:
            found = Health(True, lag, "", now)
        with self._lock:
            self._known[alias] = found
        return found

    def pick(self, aliases: list[str]) -> str | None:
        """A healthy replica among `aliases` (random, to spread the load), or None."""
        healthy = [alias for alias in aliases if self.health(alias).ok]
        return random.choice(healthy) if healthy else None  # noqa: S311


health = HealthCache()


# --- the decision ----------------------------------------------------------------------


def read_alias(model=None) -> str:
    """The alias a read of `model` goes to, under the rules in this module's docstring."""
    replicas = replica_aliases()
    if not replicas:
        return PRIMARY
    scope = current_scope()
    chosen = PRIMARY
    if (
        not (model is not None and model._meta.app_label in PRIMARY_ONLY_APPS)
        and scope.mode != "primary"
        and (scope.mode == "replica" or scope.replica_ok)
        and not scope.pinned
        and not scope.wrote
        and not connections[PRIMARY].in_atomic_block
    ):
        chosen = health.pick(replicas) or PRIMARY
    return chosen


def view_tolerates_lag(view_name: str | None, patterns: list[str] | None = None) -> bool:
    """Whether a GET of the view `view_name` ("namespace:name") may read from a replica."""
    if not view_name:
        return False
    patterns = settings.QUANZE_REPLICA_VIEWS if patterns is None else patterns
    return any(fnmatch.fnmatchcase(view_name, pattern) for pattern in patterns)


class ReplicaRouter:
    """Django's database router for the rules above (installed only with replicas)."""

    def db_for_read(self, model, **hints):
        return read_alias(model)

    def db_for_write(self, model, **hints):
        current_scope().wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Rows read from a replica are the primary's rows: relate them freely.
        same_data = {PRIMARY, *replica_aliases()}
        if {obj1._state.db, obj2._state.db} <= same_data:  # noqa: SLF001
            return True
        return None

    def allow_migrate(self, db, app_label, **hints):
        if db in replica_aliases():
            return False
        return None


# --- the middleware ---------------------------------------------------------------------


def pinned_until(request) -> float:
    try:
        return float(request.COOKIES.get(PIN_COOKIE, "0"))
    except ValueError:
        return 0.0


class ReplicaMiddleware:
    """Opens the request's routing scope: pinned while the user's pin cookie is live,
    replica reads allowed for a GET of a lag-tolerant view; after a write (or any unsafe
    request) sets the pin cookie for `DATABASE_REPLICA_PIN_SECONDS`."""

    def __init__(self, get_response, clock=time.time):
        self.get_response = get_response
        self.clock = clock

    def __call__(self, request):
        now = self.clock()
        with routing_scope(pinned=pinned_until(request) > now) as scope:
            response = self.get_response(request)
            if scope.wrote or request.method not in SAFE_METHODS:
                seconds = settings.DATABASE_REPLICA_PIN_SECONDS
                response.set_cookie(
                    PIN_COOKIE,
                    str(int(now + seconds) + 1),
                    max_age=seconds + 1,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if request.method in ("GET", "HEAD") and view_tolerates_lag(
            match.view_name if match else None
        ):
            current_scope().replica_ok = True
        return None
