"""Confirming an import job: run it now when small, else queue it for the background worker."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing import require_import_write
from quanze.catalog.importing.guard import may_confirm_shared
from quanze.catalog.importing.jobs import job_execute
from quanze.catalog.importing.models import ImportJob
from quanze.catalog.importing.recovery import import_fail_if_dead
from quanze.catalog.importing.tasks import run_import_job
from quanze.core.errors import Forbidden

ACTIVE = (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)


def import_job_confirm(*, by, job: ImportJob) -> ImportJob:
    """Run a planned job: now when small, else queued for the background worker."""
    require_import_write(by, job.catalog)
    if job.update_shared and not may_confirm_shared(by, job.catalog):
        # The background run acts as the job's creator (the office): a department must not
        # be able to set off an office-only change by confirming the office's plan.
        raise Forbidden("只有本县编办可以确认修改其他目录中的事项或其实施部门")
    with transaction.atomic():
        # One confirmation at a time per catalog, so two cannot both see "none running".
        Catalog.objects.select_for_update().filter(pk=job.catalog_id).first()
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportJob.Status.PLANNED:
            raise ValidationError(f"该导入任务{job.get_status_display()},不能再次确认")
        busy = ImportJob.objects.filter(catalog_id=job.catalog_id, status__in=ACTIVE)
        other = busy.exclude(pk=job.pk).first()
        if other is not None and import_fail_if_dead(other):
            other = None  # its worker died: failed now, so this one may run
        if other is not None:
            raise ValidationError(
                f"目录“{job.catalog.name}”已有导入任务(“{other.file_name}”)正在进行,"
                "请等它完成后再确认"
            )
        background = job.total_rows > settings.QUANZE_BACKGROUND_IMPORT_ROWS
        job.status = ImportJob.Status.QUEUED if background else ImportJob.Status.RUNNING
        job.done_rows = 0
        job.save(update_fields=["status", "done_rows"])
        if background:
            transaction.on_commit(lambda: run_import_job.enqueue(job_id=job.pk))
    if not background:
        job_execute(job=job, by=by)
        job.refresh_from_db()
    return job
