"""Background workers scale out: four `quanze db_worker` processes on one queue run
10,000 tasks, each exactly once.

django-tasks-db claims a task inside a transaction with `SELECT … FOR UPDATE SKIP LOCKED
LIMIT 1` and marks it running before it commits (`DBTaskResult.objects.get_locked()` and
`claim()`), so a row another worker holds is skipped and a row already claimed no longer
matches `status = READY` when it is read again: no task can be claimed twice. This test
proves it on PostgreSQL with real processes; the runs are counted in a table of their own
(quanze/core/tests/worker_probe.py), not from the library's bookkeeping."""

import collections
import os
import resource
import secrets
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from quanze.core.tests.worker_probe import RUNS_TABLE, record_run
from quanze.testing.dbtemplate import database_url

# 10,000 in CI; a smaller number checks the same on a machine too loaded to run them all.
TASKS = int(os.environ.get("QUANZE_WORKER_SCALE_TASKS", "10000"))
WORKERS = 4

pytestmark = [
    pytest.mark.cost(300),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="SQLite takes one writer at a time: several workers there queue on its lock "
        "rather than run side by side (row locks with SKIP LOCKED are PostgreSQL's)",
    ),
    # Committed rows: the workers are other processes.
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def runs_table():
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {RUNS_TABLE} (n integer NOT NULL, pid integer NOT NULL)")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {RUNS_TABLE}")


def test_four_workers_run_ten_thousand_tasks_each_exactly_once(runs_table, tmp_path):
    first = DBTaskResult.objects.get(id=record_run.enqueue(0).id)
    DBTaskResult.objects.bulk_create(
        [
            DBTaskResult(
                args_kwargs={"args": [n], "kwargs": {}},
                priority=first.priority,
                task_path=first.task_path,
                queue_name=first.queue_name,
                run_after=first.run_after,
                backend_name=first.backend_name,
            )
            for n in range(1, TASKS)
        ],
        batch_size=2000,
    )
    # Production settings (no DEBUG query log), a throwaway key.
    url = database_url(connection.settings_dict, connection.settings_dict["NAME"])
    env = dict(os.environ, DEBUG="false", SECRET_KEY=secrets.token_urlsafe(40),
               DATABASE_URL=url, LOG_LEVEL="ERROR", QUANZE_VAR_DIR=str(tmp_path))  # fmt: skip
    started = time.monotonic()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "quanze.cli",
                "db_worker",
                "--batch",
                "--no-startup-delay",
                "--interval",
                "0",
                "--worker-id",
                f"scale-{i}",
                "-v0",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for i in range(WORKERS)
    ]
    try:
        errors = [worker.communicate(timeout=900)[1] for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    elapsed = time.monotonic() - started
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    assert [worker.returncode for worker in workers] == [0] * WORKERS, errors

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT n, pid FROM {RUNS_TABLE}")  # noqa: S608
        runs = cursor.fetchall()
    per_task = collections.Counter(n for n, _pid in runs)
    per_worker = collections.Counter(pid for _n, pid in runs)
    assert len(runs) == TASKS, f"{len(runs)} runs of {TASKS} tasks"
    assert set(per_task) == set(range(TASKS))
    assert max(per_task.values()) == 1, [n for n, c in per_task.items() if c > 1][:10]
    results = DBTaskResult.objects.filter(task_path=record_run.module_path)
    assert results.filter(status=TaskResultStatus.SUCCESSFUL).count() == TASKS
    claims = collections.Counter(worker_id for ids in results.values_list("worker_ids", flat=True)
                                 for worker_id in ids)  # fmt: skip
    assert sum(claims.values()) == TASKS  # each task claimed once, by one worker
    assert len(per_worker) >= 2, per_worker  # the workers really ran side by side
    print(f"\n{TASKS} tasks, {WORKERS} workers: {elapsed:.1f} s wall, the workers' CPU "
          f"{cpu:.1f} s; runs per worker: {sorted(per_worker.values(), reverse=True)}")  # fmt: skip
