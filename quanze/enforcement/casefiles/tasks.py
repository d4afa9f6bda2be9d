"""Background task of the case file (Django's tasks framework, database-backed worker:
run `quanze db_worker`)."""

from django.tasks import task

from quanze.enforcement.casefiles.run import case_file_run


@task
def run_case_file_job(job_id: int) -> str:
    """Render and store a case's file; the job row carries progress and outcome."""
    return case_file_run(job_id).status
