"""How long uploaded import files are kept (media/imports).

A rejected upload (its dry run failed) is deleted at once: the job keeps the error
messages, nothing needs the file. Files of finished jobs (done or failed) are deleted
`QUANZE_IMPORT_RETENTION_DAYS` after they finished; a job planned but never confirmed
that long is marked failed ("上传文件已过保留期限") and its file deleted, with a
ChangeRecord as any status change of a job; a file in media/imports that no job names
(an upload whose request died before the job row was written) goes after the same
period. `quanze sweep-uploads` runs this, from cron beside `quanze sweep-jobs`.
"""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from quanze.catalog.importing.models import ImportJob
from quanze.core.history import record_change

EXPIRED = "上传文件已超过保留期限({days}天)被删除,未导入任何内容;如需导入请重新上传"


def uploads_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def import_file_discard(job: ImportJob) -> None:
    """Delete a job's uploaded file (if any) and forget its path."""
    if job.file_path:
        Path(job.file_path).unlink(missing_ok=True)
        ImportJob.objects.filter(pk=job.pk).update(file_path="")
        job.file_path = ""


def _expire_planned(job: ImportJob, days: int) -> bool:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().select_related("catalog").get(pk=job.pk)
        if job.status != ImportJob.Status.PLANNED:
            return False  # confirmed meanwhile
        message = EXPIRED.format(days=days)
        job.status, job.finished_at, job.errors = ImportJob.Status.FAILED, timezone.now(), [message]
        job.save(update_fields=["status", "finished_at", "errors"])
        record_change(
            job,
            action="update",
            actor=None,
            before={"status": ImportJob.Status.PLANNED},
            after={"status": job.status, "catalog": job.catalog.name},
            reason=message,
            at=job.finished_at,
        )
    import_file_discard(job)
    return True


def uploads_sweep(*, now=None) -> dict[str, int]:
    """Apply the retention period; counts of files deleted and planned jobs expired."""
    now = now or timezone.now()
    days = settings.QUANZE_IMPORT_RETENTION_DAYS
    cutoff = now - timedelta(days=days)
    deleted = expired = 0
    ended = ImportJob.objects.filter(
        status__in=(ImportJob.Status.DONE, ImportJob.Status.FAILED), finished_at__lt=cutoff
    ).exclude(file_path="")
    for job in ended.order_by("pk"):
        import_file_discard(job)
        deleted += 1
    planned = ImportJob.objects.filter(status=ImportJob.Status.PLANNED, created_at__lt=cutoff)
    for job in planned.order_by("pk"):
        if _expire_planned(job, days):
            expired += 1
            deleted += 1
    folder = uploads_folder()
    if folder.is_dir():
        named = {
            Path(p).name
            for p in ImportJob.objects.exclude(file_path="").values_list("file_path", flat=True)
        }
        for path in folder.iterdir():
            if (
                path.is_file()
                and path.name not in named
                and path.stat().st_mtime < cutoff.timestamp()
            ):
                path.unlink(missing_ok=True)
                deleted += 1
    return {"deleted": deleted, "expired": expired}
