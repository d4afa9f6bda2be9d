"""Import jobs: an upload is stored and dry-run at once; once confirmed (`services`) it
runs here, in the web request (small files) or in the background task."""

import shutil
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing import ImportRejected, import_plan, import_run, require_import_write
from quanze.catalog.importing.guard import may_confirm_shared
from quanze.catalog.importing.models import ImportJob
from quanze.catalog.importing.notices import confirmation_needed
from quanze.core import heartbeat
from quanze.core.errors import Forbidden
from quanze.core.jobs import progress_writer
from quanze.core.textsafety import control_chars_message

SUFFIXES = {".xlsx", ".xlsm", ".csv"}


def _store(uploaded_file) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(uploaded_file.name or "").suffix.lower()
    path = folder / f"{uuid.uuid4().hex}{suffix if suffix in SUFFIXES else '.bin'}"
    with path.open("wb") as out:
        for chunk in uploaded_file.chunks():
            out.write(chunk)
    return path


def import_job_start(
    *,
    by,
    catalog: Catalog,
    uploaded_file,
    create_departments=False,
    mode: str = "merge",
    update_shared: bool = False,
) -> ImportJob:
    """Store the upload and dry-run it: status planned (summary saved) or failed (errors)."""
    require_import_write(by, catalog)
    name = Path(uploaded_file.name or "上传文件").name[:255]
    if message := control_chars_message(name, multiline=False):
        raise ValidationError({"file_name": f"文件名:{message}"})
    if uploaded_file.size > settings.QUANZE_IMPORT_MAX_BYTES:
        limit = settings.QUANZE_IMPORT_MAX_BYTES // (1024 * 1024)
        raise ValidationError(f"文件“{name}”过大(上限 {limit} MB)")
    path = _store(uploaded_file)
    job = ImportJob.objects.create(
        catalog=catalog,
        file_name=name,
        file_path=str(path),
        create_departments=create_departments,
        mode=mode,
        update_shared=update_shared,
        created_by=by,
    )
    return _dry_run(job, by)


def _dry_run(job: ImportJob, by) -> ImportJob:
    path = Path(job.file_path)
    try:
        plan = import_plan(
            by=by,
            catalog=job.catalog,
            path=path,
            file_name=job.file_name,
            create_departments=job.create_departments,
            mode=job.mode,
            update_shared=job.update_shared,
        )
    except ImportRejected as rejected:
        job.status = ImportJob.Status.FAILED
        job.errors = rejected.messages
        job.finished_at = timezone.now()
        # Nothing will read a rejected upload again: do not keep it (docs/import.md).
        path.unlink(missing_ok=True)
        job.file_path = ""
    else:
        job.summary = plan.summary()
        job.total_rows = plan.rows
    job.save()
    return job


def import_recheck_allowed(by, job: ImportJob) -> bool:
    """Whether `by` may re-check a finished job's file as the office (the page's button)."""
    return (
        job.status == ImportJob.Status.DONE
        and not job.update_shared
        and bool((job.summary or {}).get("protected"))
        and bool(job.file_path)
        and Path(job.file_path).is_file()
        and by is not None
        and may_confirm_shared(by, job.catalog)
    )


def import_job_recheck(*, by, job: ImportJob) -> ImportJob:
    """The office's answer to 导入待确认: dry-run the same file again on its behalf, with
    "同时修改其他目录中的事项", as a new planned job it then confirms (or not)."""
    require_import_write(by, job.catalog)
    if not may_confirm_shared(by, job.catalog):
        raise Forbidden("只有本县编办可以确认修改其他目录中的事项或其实施部门")
    if not import_recheck_allowed(by, job):
        raise ValidationError("该导入任务没有待编办确认的修改,或上传文件已不在,请重新上传")
    path = Path(job.file_path)
    copy = path.with_name(f"{uuid.uuid4().hex}{path.suffix}")
    shutil.copyfile(path, copy)
    again = ImportJob.objects.create(
        catalog=job.catalog,
        file_name=job.file_name,
        file_path=str(copy),
        create_departments=job.create_departments,
        mode=job.mode,
        update_shared=True,
        created_by=by,
    )
    return _dry_run(again, by)


def job_execute(*, job: ImportJob, by) -> ImportJob:
    """Run a confirmed job and store its outcome (the background task calls this too)."""
    worker = heartbeat.worker_identity()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now(), **heartbeat.start_fields(worker)
    )
    stop_beating = heartbeat.start(ImportJob, job.pk, worker)
    step = max(1, job.total_rows // 100)
    last = [0]
    # Visible to the polling page before the import commits, on PostgreSQL.
    write, close = progress_writer(ImportJob, job.pk)

    def progress(done: int, total: int) -> None:
        if done - last[0] >= step or done >= total:
            last[0] = done
            write(done_rows=done, total_rows=total, heartbeat_at=timezone.now())

    try:
        plan = import_run(
            by=by,
            catalog=job.catalog,
            path=job.file_path,
            file_name=job.file_name,
            create_departments=job.create_departments,
            progress=progress,
            mode=job.mode,
            update_shared=job.update_shared,
        )
    except ImportRejected as rejected:
        _finish(job, ImportJob.Status.FAILED, errors=rejected.messages)
    except Exception:
        _finish(
            job, ImportJob.Status.FAILED, errors=["导入时发生内部错误,未写入任何内容;请联系管理员"]
        )
        raise
    else:
        draft = job.catalog.versions.filter(status="draft").first()
        _finish(job, ImportJob.Status.DONE, summary=plan.summary(), rows=plan.rows, version=draft)
        confirmation_needed(
            by=by,
            catalog=job.catalog,
            file_name=job.file_name,
            protected=plan.protected,
            job=job,
        )
    finally:
        close()
        stop_beating()
    job.refresh_from_db()
    return job


def _finish(job, status, *, errors=None, summary=None, rows=None, version=None) -> None:
    changes = {"status": status, "finished_at": timezone.now()}
    if errors is not None:
        changes["errors"] = errors
    if summary is not None:
        changes.update(summary=summary, done_rows=rows, total_rows=rows, version=version)
    ImportJob.objects.filter(pk=job.pk).update(**changes)
