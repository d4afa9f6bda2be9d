"""Background tasks of imports (Django's tasks framework, database-backed worker:
run `quanze db_worker`)."""

from django.tasks import task

from quanze.catalog.importing.jobs import job_execute
from quanze.catalog.importing.models import ImportJob


@task
def run_import_job(job_id: int) -> str:
    """Run a confirmed large import; the job row carries progress and outcome."""
    job = ImportJob.objects.select_related("catalog", "created_by").get(pk=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return job.status  # confirmed twice, or already handled
    return job_execute(job=job, by=job.created_by).status
