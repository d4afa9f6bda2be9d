"""Background tasks of the publication (Django's tasks framework, database-backed
worker: run `quanze db_worker`)."""

from django.tasks import task

from quanze.delegation.publication.run import publication_run


@task
def run_publication_job(job_id: int) -> str:
    """Publish a decision's township lists; the job row carries progress and outcome."""
    return publication_run(job_id).status
