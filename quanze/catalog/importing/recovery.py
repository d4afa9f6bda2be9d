"""Import jobs left queued or running by a dead worker (see quanze/core/jobs.py).

An import runs in one transaction: when the `quanze db_worker` process (or, for a small
import run in the web request, the web worker) dies mid-run it rolls back, so nothing
was imported, but the job row still says running and blocks every other import into
the catalog. Once the job is stale the user who uploaded it or the establishment
office marks it failed with a reason (the job page offers it only then), or
`quanze sweep-jobs` does for every stale job. The catalog app keeps no event table:
the ChangeRecord of the job (from status, to status, who, why) is its event.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.catalog.catalogs.selectors import catalogs_writable
from quanze.catalog.importing.models import ImportJob
from quanze.core import heartbeat
from quanze.core.errors import Forbidden
from quanze.core.history import record_change
from quanze.core.jobs import stale_reason
from quanze.org.roles import is_office

TASK = "quanze.catalog.importing.tasks.run_import_job"
ACTIVE = (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)
NOTHING_IMPORTED = "未导入任何内容(导入在一个事务中进行,中止时已全部撤销)"
HALTED = "任务已停滞"


def import_stale_reason(job: ImportJob, *, now=None) -> str:
    """Why this queued or running job counts as dead; "" while it may be alive."""
    if job.status not in ACTIVE:
        return ""
    if job.status == ImportJob.Status.RUNNING and job.worker:
        # A running job that beats is judged by its heartbeat alone, however long it runs.
        return heartbeat.dead_reason(job, now=now)
    background = (
        job.status == ImportJob.Status.QUEUED
        or job.total_rows > settings.QUANZE_BACKGROUND_IMPORT_ROWS
    )
    return stale_reason(
        task_path=TASK, job_id=job.pk, since=job.created_at, expect_task=background, now=now
    )


def import_halted(job: ImportJob) -> bool:
    """Whether the job was marked failed as stale (its page then says no file error)."""
    return job.status == ImportJob.Status.FAILED and job.halted


def _require_owner_or_office(by, job: ImportJob) -> None:
    if by is None:
        return
    writable = catalogs_writable(by).filter(pk=job.catalog_id).exists()
    if not writable or not (by.pk == job.created_by_id or is_office(by)):
        raise Forbidden("只有上传该文件的用户或编办可以将导入任务标记为失败")


@transaction.atomic
def import_mark_failed(*, by, job: ImportJob, reason: str) -> ImportJob:
    """Mark a stale job failed (`by=None`: the sweep); refused for a job that may be alive."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写标记失败的原因"})
    job = ImportJob.objects.select_for_update().select_related("catalog").get(pk=job.pk)
    _require_owner_or_office(by, job)
    why = import_stale_reason(job)
    if not why:
        if job.status in ACTIVE:
            raise ValidationError("该导入任务仍在进行,尚未停滞,不能标记为失败")
        raise ValidationError(f"该导入任务{job.get_status_display()},不能标记为失败")
    before = job.status
    message = f"{HALTED}:{why};{reason}。{NOTHING_IMPORTED}"
    job.status, job.finished_at, job.done_rows = ImportJob.Status.FAILED, timezone.now(), 0
    job.errors, job.halted = [message], True
    job.save(update_fields=["status", "finished_at", "done_rows", "errors", "halted"])
    record_change(
        job,
        action="update",
        actor=by,
        before={"status": before},
        after={"status": job.status, "catalog": job.catalog.name},
        reason=message,
        at=job.finished_at,
    )
    return job


def imports_sweep_stale() -> int:
    """Mark every stale import job failed; how many."""
    count = 0
    for job in ImportJob.objects.filter(status__in=ACTIVE).order_by("pk"):
        if import_stale_reason(job):
            import_mark_failed(by=None, job=job, reason="由定期清理标记为失败")
            count += 1
    return count


def import_fail_if_dead(job: ImportJob) -> bool:
    """Mark failed a job whose worker is known dead (no heartbeat, process gone): what a
    retry or a starting worker does, with no one to wait for. Whether it did."""
    if job.status != ImportJob.Status.RUNNING or not heartbeat.dead_reason(job):
        return False
    import_mark_failed(by=None, job=job, reason="其后台工作进程已中止,由系统自动标记为失败")
    return True
