"""Background tasks of the township duty lists (Django's tasks framework; `quanze db_worker`)."""

from django.tasks import task

from quanze.catalog.documents.tasks import PRIORITY
from quanze.duties.dutylists.documents import prerender


@task(priority=PRIORITY)
def render_duty_documents(version_ids: list[int]) -> int:
    """Render and keep the .docx and PDF of published duty-list versions, so their first
    download is a file read; returns how many were rendered."""
    return sum(prerender(pk) for pk in version_ids)
