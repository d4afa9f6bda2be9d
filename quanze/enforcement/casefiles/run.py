"""Running a queued case file job (what `tasks.run_case_file_job` does): render the case
file (`documents.render.case_file_pdf`, section by section with progress), store the PDF,
record the outcome and tell the person who asked (notice kind `case_file`). This module
never imports services.py or tasks.py."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from quanze.core import heartbeat
from quanze.core.history import record_change
from quanze.core.jobs import progress_writer
from quanze.core.notices import Kind, notify
from quanze.enforcement.casefiles.models import CaseFileJob
from quanze.enforcement.casefiles.selectors import case_file_fingerprint
from quanze.enforcement.documents import render
from quanze.enforcement.documents.selectors import case_record, templates_for

Status = CaseFileJob.Status
INTERNAL_ERROR = "生成案卷时发生内部错误,未生成文件;请稍后重试或联系管理员"


def case_file_run(job_id: int) -> CaseFileJob:
    """Run a queued job; a job not queued any more is left alone."""
    with transaction.atomic():
        job = (
            CaseFileJob.objects.select_for_update(of=("self",))
            .select_related("case", "created_by")
            .get(pk=job_id)
        )
        if job.status != Status.QUEUED:
            return job
        job.status, job.started_at = Status.RUNNING, timezone.now()
        job.worker, job.heartbeat_at = heartbeat.worker_identity(), job.started_at
        job.save(update_fields=["status", "started_at", "worker", "heartbeat_at"])
    write, close = progress_writer(CaseFileJob, job.pk)
    stop_beating = heartbeat.start(CaseFileJob, job.pk, job.worker)
    try:
        case = job.case
        # The state rendered is the case's now (it may have moved since the job was queued).
        fingerprint = case_file_fingerprint(case)
        record = case_record(case)
        kinds = render.case_file_kinds(record)
        pdf = render.case_file_pdf(
            record,
            templates_for(case.county_id, kinds),
            progress=lambda done, total: write(
                done_sections=done, total_sections=total, heartbeat_at=timezone.now()
            ),
        )
    except Exception:
        _finish(job, Status.FAILED, error=INTERNAL_ERROR)
        raise
    else:
        _finish(job, Status.DONE, content=pdf, fingerprint=fingerprint)
    finally:
        close()
        stop_beating()
    job.refresh_from_db()
    return job


@transaction.atomic
def _finish(job: CaseFileJob, status: str, *, content=None, fingerprint="", error="") -> None:
    job.status, job.finished_at, job.error = status, timezone.now(), error
    fields = ["status", "finished_at", "error"]
    if content is not None:
        job.fingerprint, job.size = fingerprint, len(content)
        job.sha256 = hashlib.sha256(content).hexdigest()
        job.done_sections = job.total_sections = max(job.total_sections, 1)
        job.file.save(f"{job.case.number}-案卷.pdf", ContentFile(content), save=False)
        fields += ["fingerprint", "size", "sha256", "file", "done_sections", "total_sections"]
    job.save(update_fields=fields)
    record_change(
        job,
        action="update",
        actor=None,
        before={"status": Status.RUNNING},
        after={"status": status, "case": job.case.number, "sha256": job.sha256, "size": job.size},
        reason=error[:500],
        at=job.finished_at,
    )
    tell(job)


def tell(job: CaseFileJob) -> None:
    """The notice to the person who asked: the file is ready, or why it is not."""
    link = reverse("enforcement:case_file_job", args=[job.pk])
    if job.status == Status.DONE:
        title = f"案卷已生成:{job.case.number}"
        body = f"案卷 PDF 共 {job.size // 1024 or 1} KB,可在任务页面下载。"
    else:
        title = f"案卷生成失败:{job.case.number}"
        body = job.error
    notify([job.created_by], kind=Kind.CASE_FILE, title=title, body=body, link=link)
