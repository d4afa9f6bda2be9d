"""Background tasks of documents (Django's tasks framework, database-backed worker:
run `quanze db_worker`)."""

from django.tasks import task

from quanze.catalog.catalogs.models import CatalogVersion
from quanze.catalog.documents import list_document, prerender

PRIORITY = -50  # below the default 0 of other tasks, so imports waiting in the queue go first


@task(priority=PRIORITY)
def render_version_documents(version_ids: list[int]) -> int:
    """Render and keep the .docx and PDF of published catalog versions (see
    `quanze.catalog.documents.background`); returns how many were rendered."""
    versions = (
        CatalogVersion.objects.filter(pk__in=version_ids)
        .exclude(status=CatalogVersion.Status.DRAFT)
        .select_related("catalog__owner", "catalog__department")
    )
    count = 0
    for version in versions:
        prerender(list_document(version))
        count += 1
    return count
