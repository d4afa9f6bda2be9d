"""Heartbeats of running background jobs: a dead worker is known within a minute.

A running job (catalog import, decision publication) says which process runs it
(`worker`: host, process id and a random token) and when that process last showed it
was alive (`heartbeat_at`). While the job runs, `start(model, pk, worker)` starts a thread
that beats every `QUANZE_JOB_HEARTBEAT_SECONDS` (10); the job's progress writes beat too
(`core/jobs.py` `progress_writer`). A running job whose last beat is older than
`DEAD_AFTER` beats (60 s) is dead, and so is one whose worker ran on this host under a
process id that no longer exists (known at once: `quanze db_worker` fails such jobs
when it starts).

Where the beat goes: the job's work runs in one transaction, so a beat written inside
it would show only at commit. On PostgreSQL the beat thread writes `heartbeat_at`
through its own connection, in autocommit. SQLite lets one connection write at a time
and the job's transaction holds the lock, so there the thread touches a file under
`QUANZE_VAR_DIR/heartbeats/` instead (SQLite is single-host, so every process sees it);
the column holds the beat written when the job started.
"""

import hashlib
import logging
import os
import secrets
import socket
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)

# Beats a running job may miss before it counts as dead.
DEAD_AFTER = 6


def interval() -> float:
    return settings.QUANZE_JOB_HEARTBEAT_SECONDS


def dead_after() -> timedelta:
    return timedelta(seconds=interval() * DEAD_AFTER)


def worker_identity() -> str:
    """Who runs a job: host, process id, and a token telling two runs of one pid apart."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def _process_gone(worker: str) -> bool:
    """Whether `worker` ran on this host under a process id that no longer exists."""
    host, _, rest = worker.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False


def _beat_file(model, pk) -> Path:
    # Keyed by the database too: a test database and the site's may share a var dir.
    database = hashlib.sha1(str(connection.settings_dict["NAME"]).encode()).hexdigest()[:10]
    return Path(settings.VAR_DIR) / "heartbeats" / database / f"{model._meta.db_table}-{pk}"


def _file_beats() -> bool:
    return connection.vendor == "sqlite"


def last_beat(job) -> datetime | None:
    """When the job's worker last beat: its column, or on SQLite its beat file."""
    beats = [job.heartbeat_at] if job.heartbeat_at else []
    if _file_beats() and job.worker:
        path = _beat_file(type(job), job.pk)
        try:
            if path.read_text() == job.worker:
                beats.append(datetime.fromtimestamp(path.stat().st_mtime, tz=UTC))
        except OSError:
            pass
    return max(beats, default=None)


def dead_reason(job, *, now=None) -> str:
    """Why a running job's worker is known dead, in Chinese; "" while it may be alive.
    A job that never beat (queued, or running from before heartbeats) is not judged."""
    if not job.worker:
        return ""
    if _process_gone(job.worker):
        return "运行该任务的后台工作进程已不存在"
    beat = last_beat(job)
    now = now or timezone.now()
    if beat is not None and now - beat > dead_after():
        seconds = int((now - beat).total_seconds())
        return f"后台工作进程已{seconds}秒没有心跳(超过{int(dead_after().total_seconds())}秒即视为已中止)"
    return ""


def start_fields(worker: str) -> dict:
    """The fields a job sets, committed, as it starts running."""
    return {"worker": worker, "heartbeat_at": timezone.now()}


def start(model, pk, worker: str):
    """Beat for the job `pk` of `model` every `interval()` seconds until the returned
    function is called (in the job's `finally`)."""
    stop = threading.Event()
    path = _beat_file(model, pk) if _file_beats() else None
    in_transaction = connection.in_atomic_block

    def beat() -> None:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(worker)
        elif not in_transaction:
            # A row written in the caller's open transaction would make this wait for it.
            model.objects.filter(pk=pk, worker=worker).update(heartbeat_at=timezone.now())

    def run() -> None:
        from django.db import connection as own

        try:
            while not stop.wait(interval()):
                try:
                    beat()
                except Exception:  # a missed beat is not the job's failure
                    logger.exception("heartbeat of %s #%s failed", model.__name__, pk)
        finally:
            own.close()

    if path is not None:
        beat()
    thread = threading.Thread(target=run, name=f"heartbeat-{model.__name__}-{pk}", daemon=True)
    thread.start()

    def finish() -> None:
        stop.set()
        thread.join(timeout=interval() + 5)
        if path is not None:
            path.unlink(missing_ok=True)

    return finish
