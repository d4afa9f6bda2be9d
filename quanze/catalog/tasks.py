"""Background tasks of the catalog app (Django's tasks framework, database-backed worker:
run `quanze db_worker`)."""

from django.tasks import task

from quanze.catalog.documents.background import PRIORITY


@task
def run_import_job(job_id: int) -> str:
    """Run a confirmed large import; the job row carries progress and outcome."""
    from quanze.catalog.importing.jobs import job_execute
    from quanze.catalog.models import ImportJob

    job = ImportJob.objects.select_related("catalog", "created_by").get(pk=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return job.status  # confirmed twice, or already handled
    return job_execute(job=job, by=job.created_by).status


@task(priority=PRIORITY)
def render_version_documents(version_ids: list[int]) -> int:
    """Render and keep the .docx and PDF of published catalog versions (see
    `quanze.catalog.documents.background`); returns how many were rendered."""
    from quanze.catalog import documents
    from quanze.catalog.models import CatalogVersion

    versions = (
        CatalogVersion.objects.filter(pk__in=version_ids)
        .exclude(status=CatalogVersion.Status.DRAFT)
        .select_related("catalog__owner", "catalog__department")
    )
    count = 0
    for version in versions:
        documents.prerender(documents.list_document(version))
        count += 1
    return count
