"""Publishing a decision in the background (issue 3 item 5 at province scale).

Pressing 发布 creates a `PublicationJob` (queued) and enqueues `run_publication_job`
(django-tasks, run by `quanze db_worker`); the task runs `decisions.decision_publish`,
the one publication path, all or nothing. The job records who asked and when, how many
townships are done of the total, and at the end the result or, in Chinese, why nothing
was published. Each state change (queued, running, done or failed) writes one Event and
a ChangeRecord on the job.

Progress: the publication is one transaction, so progress written inside it would only
show once it commits. On PostgreSQL it is written through a second connection
(`quanze.core.jobs.progress_writer`), so the page polling the job sees it move; SQLite
allows one writer at a time, so there the bar jumps from 0 to the total at the end.
A job left running by a dead worker is marked failed by publication_recovery.py.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core import heartbeat
from quanze.core.errors import Conflict, Forbidden, messages_of
from quanze.core.history import record_change
from quanze.core.jobs import progress_writer
from quanze.delegation import decisions
from quanze.delegation.eventlog import events_for, log
from quanze.delegation.models import Decision, PublicationJob

JobStatus = PublicationJob.Status
INTERNAL_ERROR = "发布时发生内部错误,未发布任何清单;请联系管理员"


@transaction.atomic
def publication_start(
    *, by, decision: Decision, expected_row_version: int | None = None
) -> PublicationJob:
    """Queue the publication of a recorded decision; refused while another is queued/running."""
    decision = decisions.lock_for_publication(by, decision, expected_row_version)
    active = (
        decision.publication_jobs.filter(status__in=decisions.ACTIVE_JOB)
        .select_related("created_by")
        .first()
    )
    if active is not None and _dead(active):
        active = None
    if active is not None:
        raise Conflict(
            f"该决定已有发布任务(#{active.pk},{active.get_status_display()},"
            f"{active.created_by}于{timezone.localtime(active.created_at):%Y-%m-%d %H:%M}提交),"
            "请等待其完成,不能重复发布"
        )
    now = timezone.now()
    job = PublicationJob.objects.create(
        decision=decision,
        created_by=by,
        created_at=now,
        total_townships=decision.townships.count(),
    )
    reason = f"提交发布{job.total_townships}个乡镇(街道)的清单"
    record_job_state(job, by=by, before="", after=JobStatus.QUEUED, reason=reason, at=now)
    from quanze.delegation.tasks import run_publication_job

    transaction.on_commit(lambda: run_publication_job.enqueue(job_id=job.pk))
    return job


def _dead(job: PublicationJob) -> bool:
    from quanze.delegation.publication_recovery import publication_fail_if_dead

    return publication_fail_if_dead(job)


def publication_run(job_id: int) -> PublicationJob:
    """Run a queued job (what the task does); a job not queued any more is left alone."""
    with transaction.atomic():
        job = (
            PublicationJob.objects.select_for_update(of=("self",))
            .select_related("decision__batch__project", "created_by")
            .get(pk=job_id)
        )
        if job.status != JobStatus.QUEUED:
            return job
        job.status, job.started_at = JobStatus.RUNNING, timezone.now()
        job.worker = heartbeat.worker_identity()
        job.heartbeat_at = job.started_at
        job.save(update_fields=["status", "started_at", "worker", "heartbeat_at"])
        record_job_state(job, by=job.created_by, before=JobStatus.QUEUED, after=JobStatus.RUNNING,
                reason="开始发布", at=job.started_at)  # fmt: skip
    write, close = progress_writer(PublicationJob, job.pk)
    stop_beating = heartbeat.start(PublicationJob, job.pk, job.worker)
    try:
        decision = decisions.decision_publish(
            by=job.created_by,
            decision=job.decision,
            job=job,
            progress=lambda done, total: write(
                done_townships=done, total_townships=total, heartbeat_at=timezone.now()
            ),
        )
    except ValidationError as error:
        _finish(job, JobStatus.FAILED, error=";".join(messages_of(error)))
    except (Conflict, Forbidden) as error:
        _finish(job, JobStatus.FAILED, error=str(error))
    except Exception:
        _finish(job, JobStatus.FAILED, error=INTERNAL_ERROR)
        raise
    else:
        published = events_for(decision).filter(to_state=Decision.Status.PUBLISHED).last()
        _finish(job, JobStatus.DONE, result=published.reason if published else "已发布")
    finally:
        close()
        stop_beating()
    job.refresh_from_db()
    return job


@transaction.atomic
def _finish(job: PublicationJob, status: str, *, result: str = "", error: str = "") -> None:
    now = timezone.now()
    PublicationJob.objects.filter(pk=job.pk).update(
        status=status,
        finished_at=now,
        result=result[:500],
        error=error,
        done_townships=job.total_townships if status == JobStatus.DONE else 0,
    )
    job.status = status
    record_job_state(job, by=job.created_by, before=JobStatus.RUNNING, after=status,
            reason=result or error, at=now)  # fmt: skip


def record_job_state(job: PublicationJob, *, by, before: str, after: str, reason: str, at) -> None:
    log(job, by=by, from_state=before, to_state=after, reason=reason,
        project=job.decision.batch.project, at=at)  # fmt: skip
    record_change(
        job,
        action="create" if not before else "update",
        actor=by,
        before={"status": before} if before else None,
        after={"status": after, "decision": job.decision.document_number},
        reason=reason[:500],
        at=at,
    )
