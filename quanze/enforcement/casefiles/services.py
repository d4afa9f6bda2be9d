"""Asking for a case's file (案卷): the PDF is rendered by a background task
(`tasks.run_case_file_job`, run.py) and stored; a fresh stored file is served as is.

`case_file_start` returns the job to follow: the queued or running one (a dead one is
marked failed and replaced), the latest done job whose file is still the case's (nothing
to render), or a new queued job. Authorised (whoever sees the case), recorded
(ChangeRecord on the job), atomic; the task is queued once the transaction commits.
"""

from django.db import transaction
from django.utils import timezone

from quanze.core.history import record_change
from quanze.enforcement.casefiles.models import CaseFileJob
from quanze.enforcement.casefiles.recovery import case_file_mark_failed, case_file_stale_reason
from quanze.enforcement.casefiles.selectors import case_file_fingerprint, fresh_file
from quanze.enforcement.casefiles.tasks import run_case_file_job
from quanze.enforcement.cases.models import Case
from quanze.enforcement.cases.selectors import access_case
from quanze.enforcement.documents.render import case_file_kinds
from quanze.enforcement.documents.selectors import case_record


@transaction.atomic
def case_file_start(*, by, case: Case) -> CaseFileJob:
    """The job that gives `by` the case file (see the module docstring)."""
    case = access_case(by, case.pk)
    Case.objects.select_for_update().filter(pk=case.pk).first()  # one press at a time
    active = case.case_file_jobs.active().select_related("case", "created_by").first()
    if active is not None:
        why = case_file_stale_reason(active)
        if not why:
            return active
        case_file_mark_failed(active, why=why)
    fingerprint = case_file_fingerprint(case)
    done = fresh_file(case, fingerprint=fingerprint)
    if done is not None:
        return done
    now = timezone.now()
    job = CaseFileJob.objects.create(
        case=case,
        fingerprint=fingerprint,
        created_by=by,
        created_at=now,
        total_sections=len(case_file_kinds(case_record(case))) + 1,  # + the layout
    )
    record_change(job, action="create", actor=by, before=None,
                  after={"status": job.status, "case": case.number}, reason="提交生成案卷",
                  at=now)  # fmt: skip
    transaction.on_commit(lambda: run_case_file_job.enqueue(job_id=job.pk))
    return job
