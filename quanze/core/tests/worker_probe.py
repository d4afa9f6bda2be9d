"""A trivial background task for tests/test_worker_scale.py: each run adds one row (its
number and the worker process) to a table the test creates, so a task run twice shows."""

import os

from django.db import connection
from django.tasks import task

RUNS_TABLE = "quanze_test_task_runs"


@task
def record_run(n: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {RUNS_TABLE} (n, pid) VALUES (%s, %s)",  # noqa: S608 (a constant)
            [n, os.getpid()],
        )
