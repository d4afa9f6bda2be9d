"""Running a queued publication job (what `tasks.run_publication_job` does): publish the
decision through `decisions.services.decision_publish`, writing progress and the outcome on
the job; and recording each state change of a job (one Event and one ChangeRecord).
This module never imports services.py or tasks.py."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core import heartbeat
from quanze.core.errors import Conflict, Forbidden, messages_of
from quanze.core.history import record_change
from quanze.core.jobs import progress_writer
from quanze.delegation.decisions import services as decisions
from quanze.delegation.decisions.models import Decision
from quanze.delegation.eventlog.selectors import events_for
from quanze.delegation.eventlog.services import log
from quanze.delegation.publication.models import PublicationJob

JobStatus = PublicationJob.Status
INTERNAL_ERROR = "发布时发生内部错误,未发布任何清单;请联系管理员"


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
    """One Event and one ChangeRecord for a job moving from `before` to `after`."""
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
