"""Running queued background tasks in a test, as `quanze db_worker` would (the worker
itself closes the connection between tasks, which a test transaction cannot survive)."""

from django_tasks_db.models import DBTaskResult

MAIL_TASK = "quanze.core.tasks.send_notice_mails"


def queued_kwargs(task_path: str) -> list[dict]:
    """The keyword arguments of each queued run of the task, oldest first."""
    rows = DBTaskResult.objects.filter(task_path=task_path).order_by("enqueued_at", "pk")
    return [row.args_kwargs["kwargs"] for row in rows]


def run_queued(task_path: str) -> list:
    """Call the task once per queued row, oldest first, and return the results."""
    rows = DBTaskResult.objects.filter(task_path=task_path).order_by("enqueued_at", "pk")
    return [row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"]) for row in rows]
