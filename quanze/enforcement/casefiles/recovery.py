"""Case file jobs left queued or running by a dead task worker (see quanze/core/jobs.py;
the sweep is registered with `quanze.core.registry` by the app's `ready()`).

A dead job wrote no file. Pressing 生成案卷 again marks a dead job failed and queues a new
one; `quanze sweep-jobs` marks every stale one failed. Either way the job's ChangeRecord
says why and the person who asked gets the notice."""

from django.db import transaction
from django.utils import timezone

from quanze.core import heartbeat
from quanze.core.history import record_change
from quanze.core.jobs import stale_reason
from quanze.enforcement.casefiles.models import CaseFileJob
from quanze.enforcement.casefiles.run import tell

TASK = "quanze.enforcement.casefiles.tasks.run_case_file_job"


def case_file_stale_reason(job: CaseFileJob, *, now=None) -> str:
    """Why this queued or running job counts as dead; "" while it may be alive."""
    if not job.active:
        return ""
    if job.status == CaseFileJob.Status.RUNNING and job.worker:
        return heartbeat.dead_reason(job, now=now)
    since = job.started_at or job.created_at
    return stale_reason(task_path=TASK, job_id=job.pk, since=since, now=now)


@transaction.atomic
def case_file_mark_failed(job: CaseFileJob, *, why: str) -> CaseFileJob:
    """Mark a dead job failed (the system: a new press of 生成案卷, or the sweep)."""
    before, now = job.status, timezone.now()
    job.status, job.finished_at = CaseFileJob.Status.FAILED, now
    job.error = f"任务已停滞:{why}。未生成文件,请重新生成"
    job.save(update_fields=["status", "finished_at", "error"])
    record_change(job, action="update", actor=None, before={"status": before},
                  after={"status": job.status}, reason=job.error[:500], at=now)  # fmt: skip
    tell(job)
    return job


def case_files_sweep_stale() -> int:
    """Mark every stale case file job failed; how many."""
    count = 0
    for job in CaseFileJob.objects.active().select_related("case", "created_by").order_by("pk"):
        why = case_file_stale_reason(job)
        if why:
            case_file_mark_failed(job, why=why)
            count += 1
    return count
