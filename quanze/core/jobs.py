"""What background jobs (decision publication, catalog import) share.

Progress: a job's work runs in one transaction, so progress written inside it shows
only once it commits. `progress_writer` writes it through a second connection, in
autocommit, on PostgreSQL, so a page polling the job sees it move. SQLite allows one
writer at a time, so there (and when the caller is already inside a transaction, whose
row locks a second connection would wait on forever) it writes through the caller's
connection and the progress shows at commit.

Stale jobs: a job's row says queued or running until the job writes its end. When the
`quanze db_worker` process dies mid-run the job's transaction rolls back (nothing of
its work is kept) but the row keeps saying running, and a running job blocks the next
attempt. `stale_reason` says, in Chinese, why a queued or running job counts as dead:
its task result (django-tasks-db's `DBTaskResult`) failed, ended or is missing, or it
has been active longer than `QUANZE_JOB_STALE_MINUTES`. Each app's recovery service
marks such a job failed; `jobs_sweep_stale` does it for every stale job.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.tasks import task_backends
from django.utils import timezone

from quanze.core import registry

# A job younger than this is never judged from its task result: its task is enqueued
# when the job's transaction commits, a moment after the job row is visible.
GRACE = timedelta(minutes=1)


def progress_writer(model, pk):
    """`(write(**fields), close())` updating the row `pk` of `model` as progress goes."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return (lambda **fields: model.objects.filter(pk=pk).update(**fields)), (lambda: None)
    side = connections.create_connection(DEFAULT_DB_ALIAS)
    meta = model._meta

    def write(**fields) -> None:
        names = ", ".join(f"{meta.get_field(name).column} = %s" for name in fields)
        with side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {meta.db_table} SET {names} WHERE {meta.pk.column} = %s",
                [*fields.values(), pk],
            )

    return write, side.close


def stale_minutes() -> int:
    return settings.QUANZE_JOB_STALE_MINUTES


def _task_result(task_path: str, job_id: int):
    """The latest django-tasks-db result of the task run for this job, if the database
    backend keeps them (another backend keeps none: then only the age counts)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends["default"], DatabaseBackend):
        return None, False
    result = (
        DBTaskResult.objects.filter(task_path=task_path, args_kwargs__kwargs__job_id=job_id)
        .order_by("-enqueued_at")
        .first()
    )
    return result, True


def stale_reason(
    *, task_path: str, job_id: int, since: datetime, expect_task: bool = True, now=None
) -> str:
    """Why an active job counts as dead, in Chinese; "" while it may still be alive.

    `since` is when the job became active (queued or started); `expect_task` is false
    for a job run in the web request itself (a small import), which has no task.
    """
    now = now or timezone.now()
    if now - since < GRACE:
        return ""
    if expect_task:
        from django_tasks_db.compat import TaskResultStatus

        result, kept = _task_result(task_path, job_id)
        if kept and result is None:
            return "找不到该任务的后台任务记录(未能进入队列或记录已被清除)"
        if result is not None and result.status == TaskResultStatus.FAILED:
            return "后台任务已异常结束(工作进程报错)"
        if result is not None and result.status == TaskResultStatus.SUCCESSFUL:
            return "后台任务已结束,但未记下结果"
        if result is not None:
            since = max(since, result.started_at or result.enqueued_at)
    minutes = stale_minutes()
    if now - since > timedelta(minutes=minutes):
        return f"已超过{minutes}分钟仍未完成(后台工作进程可能已中止)"
    return ""


def jobs_sweep_stale() -> dict[str, int]:
    """Mark every stale job failed (system actor), through each app's registered sweep;
    how many of each kind, by the sweep's name."""
    return {name: sweep() for name, (_label, sweep) in registry.stale_job_sweeps().items()}
