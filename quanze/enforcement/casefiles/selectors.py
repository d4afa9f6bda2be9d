"""Reads of the case file jobs: the case's state as a fingerprint (is a stored file still
the case's?), the latest job and the fresh file of a case, and the access choke point (a
job is seen by whoever sees its case, `cases.selectors.access_case`)."""

import hashlib
import json

from django.db.models import Count, Exists, Max, Min, OuterRef
from django.utils import timezone

from quanze.core.errors import NotFound
from quanze.enforcement.casefiles.models import CaseFileJob
from quanze.enforcement.cases.models import Case, CaseStep, Custody, Evidence
from quanze.enforcement.cases.selectors import cases_visible
from quanze.enforcement.documents.models import DocumentTemplate

# Raise when the case file's layout changes, so every stored file is rendered again.
LAYOUT = 1
FINISHED = ("closed", "archived")


def case_file_fingerprint(case: Case) -> str:
    """A digest of what the case file is rendered from: the case's row version (every
    step and edit raises it) and state, its log, evidence and custody entries, the county's
    replaced templates, and, while the case is open, today's date (an open case's
    documents may carry it: a running late-payment surcharge, undated documents). Four
    small queries."""
    steps = CaseStep.objects.filter(case=case).aggregate(n=Count("id"), last=Max("id"))
    evidence = Evidence.objects.filter(case=case).aggregate(n=Count("id"), last=Max("id"))
    custody = Custody.objects.filter(evidence__case=case).aggregate(n=Count("id"), last=Max("id"))
    templates = list(
        DocumentTemplate.objects.filter(county_id=case.county_id)
        .order_by("kind")
        .values_list("kind", "sha256")
    )
    open_on = "" if case.state in FINISHED else timezone.localdate().isoformat()
    state = [LAYOUT, case.pk, case.row_version, case.state, steps, evidence, custody, templates,
             open_on]  # fmt: skip
    return hashlib.sha256(json.dumps(state, default=str).encode()).hexdigest()


def latest_job(case: Case) -> CaseFileJob | None:
    return case.case_file_jobs.select_related("created_by").first()


def fresh_file(case: Case, *, fingerprint: str | None = None) -> CaseFileJob | None:
    """The latest done job whose stored file was rendered from the case as it is now."""
    fingerprint = fingerprint or case_file_fingerprint(case)
    job = (
        case.case_file_jobs.filter(status=CaseFileJob.Status.DONE, fingerprint=fingerprint)
        .exclude(file="")
        .first()
    )
    return job


def access_job(user, pk: int) -> CaseFileJob:
    """A case file job whose case `user` sees (missing and forbidden: the same NotFound)."""
    job = (
        CaseFileJob.objects.filter(case__in=cases_visible(user))
        .select_related("case", "created_by")
        .filter(pk=pk)
        .first()
    )
    if job is None:
        raise NotFound("案卷生成任务")
    return job


def job_state(job: CaseFileJob) -> dict:
    """What the job page says: whether its file is still the case's."""
    stale_file = job.status == CaseFileJob.Status.DONE and job.fingerprint != case_file_fingerprint(
        job.case
    )
    return {"stale_file": stale_file}


def jobs_failed(user) -> dict:
    """The workbench: cases the user sees whose latest case file job failed (a later job,
    of any outcome, answers an earlier failure), and the newest such job to open."""
    later = CaseFileJob.objects.filter(case_id=OuterRef("case_id"), pk__gt=OuterRef("pk"))
    rows = CaseFileJob.objects.filter(
        case__in=cases_visible(user), status=CaseFileJob.Status.FAILED
    ).exclude(Exists(later))
    found = rows.aggregate(count=Count("pk"), first=Max("pk"), since=Min("created_at"))
    return found
