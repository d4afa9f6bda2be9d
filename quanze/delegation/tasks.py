"""Background tasks of the delegation app (Django's tasks framework, database-backed
worker: run `quanze db_worker`)."""

from django.tasks import task


@task
def run_publication_job(job_id: int) -> str:
    """Publish a decision's township lists; the job row carries progress and outcome."""
    from quanze.delegation.publication_jobs import publication_run

    return publication_run(job_id).status
