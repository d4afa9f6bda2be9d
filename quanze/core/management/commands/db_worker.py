"""`quanze db_worker`: django-tasks-db's worker, which first fails the jobs a dead worker
left running and then, while it runs, sweeps stale jobs every heartbeat interval (see
quanze/core/heartbeat.py and quanze/core/jobs.py).

It takes the place of django-tasks-db's own command because quanze.core is listed before
django_tasks_db in INSTALLED_APPS.
"""

import logging
import threading

from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

logger = logging.getLogger(__name__)


def sweep() -> dict[str, int]:
    from quanze.core.jobs import jobs_sweep_stale

    return jobs_sweep_stale()


def _sweep_forever(stop: threading.Event, every: float) -> None:
    try:
        while not stop.wait(every):
            try:
                sweep()
            except Exception:  # e.g. SQLite busy while a job writes; next round retries
                logger.exception("sweeping stale jobs failed")
    finally:
        connection.close()


class Command(WorkerCommand):
    help = (
        "运行后台任务(大文件导入、决定发布、通知邮件);启动时先将已中止工作进程遗留的任务标记为失败"
    )

    def handle(self, *args, **options):
        from quanze.core import heartbeat

        counts = sweep()
        if any(counts.values()):
            self.stdout.write(
                f"启动时已将 {counts['publications']} 个发布任务、{counts['imports']} 个导入任务"
                "标记为失败(其工作进程已中止或任务已停滞)"
            )
        connection.close()
        stop = threading.Event()
        thread = threading.Thread(
            target=_sweep_forever, args=(stop, heartbeat.interval()), daemon=True,
            name="sweep-stale-jobs",
        )  # fmt: skip
        thread.start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
