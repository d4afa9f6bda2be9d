"""Publication jobs left queued or running by a dead task worker (see quanze/core/jobs.py;
the sweep is registered with `quanze.core.registry` by the app's `ready()`).

The publication is one transaction: when the worker dies mid-run it rolls back, so
nothing was published, but the job row still says running and blocks the next press
of 发布. Once the job is stale the office marks it failed with a reason (the job page
offers it only then), or `quanze sweep-jobs` does for every stale job; either way one
Event and a ChangeRecord are written, and the office may press 发布 again.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core import heartbeat
from quanze.core.jobs import stale_reason
from quanze.delegation.decisions.services import OFFICE_ONLY
from quanze.delegation.permissions import require_office
from quanze.delegation.publication.models import PublicationJob
from quanze.delegation.publication.run import record_job_state

TASK = "quanze.delegation.publication.tasks.run_publication_job"
NOTHING_PUBLISHED = "未发布任何清单(发布在一个事务中进行,中止时已全部撤销)"


def publication_stale_reason(job: PublicationJob, *, now=None) -> str:
    """Why this queued or running job counts as dead; "" while it may be alive."""
    if not job.active:
        return ""
    if job.status == job.Status.RUNNING and job.worker:
        # A running job that beats is judged by its heartbeat alone, however long it runs.
        return heartbeat.dead_reason(job, now=now)
    since = job.started_at or job.created_at
    return stale_reason(task_path=TASK, job_id=job.pk, since=since, now=now)


@transaction.atomic
def publication_mark_failed(*, by, job: PublicationJob, reason: str) -> PublicationJob:
    """Mark a stale job failed (`by=None`: the sweep); refused for a job that may be alive."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写标记失败的原因"})
    job = (
        PublicationJob.objects.select_for_update(of=("self",))
        .select_related("decision__batch__project", "created_by")
        .get(pk=job.pk)
    )
    require_office(by, job.decision.batch.project.county_id, OFFICE_ONLY)
    why = publication_stale_reason(job)
    if not why:
        if job.active:
            raise ValidationError("该发布任务仍在进行,尚未停滞,不能标记为失败")
        raise ValidationError(f"该发布任务已{job.get_status_display()},不能标记为失败")
    before, now = job.status, timezone.now()
    job.status, job.finished_at, job.done_townships = PublicationJob.Status.FAILED, now, 0
    job.error = f"任务已停滞:{why};{reason}。{NOTHING_PUBLISHED}"
    job.save(update_fields=["status", "finished_at", "done_townships", "error"])
    record_job_state(job, by=by, before=before, after=job.status, reason=job.error, at=now)
    return job


def publications_sweep_stale() -> int:
    """Mark every stale publication job failed; how many."""
    active = PublicationJob.objects.active()
    count = 0
    for job in active.order_by("pk"):
        if publication_stale_reason(job):
            publication_mark_failed(by=None, job=job, reason="由定期清理标记为失败")
            count += 1
    return count


def publication_fail_if_dead(job: PublicationJob) -> bool:
    """Mark failed a job whose worker is known dead (no heartbeat, process gone): what a
    new press of 发布 or a starting worker does, with no one to wait for. Whether it did."""
    if job.status != PublicationJob.Status.RUNNING or not heartbeat.dead_reason(job):
        return False
    publication_mark_failed(by=None, job=job, reason="其后台工作进程已中止,由系统自动标记为失败")
    return True
