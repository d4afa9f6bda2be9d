"""Publishing a decision in the background (issue 3 item 5 at province scale).

Pressing 发布 creates a `PublicationJob` (queued) and enqueues `run_publication_job`
(django-tasks, run by `quanze db_worker`); the task runs `decisions.services.decision_publish`,
the one publication path, all or nothing. The job records who asked and when, how many
townships are done of the total, and at the end the result or, in Chinese, why nothing
was published. Each state change (queued, running, done or failed) writes one Event and
a ChangeRecord on the job.

Progress: the publication is one transaction, so progress written inside it would only
show once it commits. On PostgreSQL it is written through a second connection
(`quanze.core.jobs.progress_writer`), so the page polling the job sees it move; SQLite
allows one writer at a time, so there the bar jumps from 0 to the total at the end.
A job left running by a dead worker is marked failed by recovery.py.

Modules: this one queues (imports tasks.py); tasks.py runs `run.publication_run`, which
does the work and never imports this module or the tasks.
"""

from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Conflict
from quanze.delegation.decisions import services as decisions
from quanze.delegation.decisions.models import Decision
from quanze.delegation.publication.models import PublicationJob
from quanze.delegation.publication.recovery import publication_fail_if_dead
from quanze.delegation.publication.run import record_job_state
from quanze.delegation.publication.tasks import run_publication_job

JobStatus = PublicationJob.Status


@transaction.atomic
def publication_start(
    *, by, decision: Decision, expected_row_version: int | None = None
) -> PublicationJob:
    """Queue the publication of a recorded decision; refused while another is queued/running."""
    decision = decisions.lock_for_publication(by, decision, expected_row_version)
    active = decision.publication_jobs.active().select_related("created_by").first()
    if active is not None and publication_fail_if_dead(active):
        active = None  # its worker died: failed now, so this press may publish
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
    transaction.on_commit(lambda: run_publication_job.enqueue(job_id=job.pk))
    return job
