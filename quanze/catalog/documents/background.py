"""Render the documents of newly published versions in the background.

A first PDF of a 350-item list costs WeasyPrint over a second of CPU; publishing
enqueues a task (`quanze db_worker` runs it) that renders both formats into
`store`, so the first reader downloads a kept file. The task is enqueued when the
publishing transaction commits, in chunks (a decision may publish 2,500 township
lists at once: 25 rows to insert, not 2,500), and at a low priority, so imports
waiting in the same queue go first.
"""

from django.db import transaction

from quanze.catalog.documents.tasks import render_version_documents
from quanze.core.bulk import chunks

CHUNK = 100


def render_after_commit(task, version_ids) -> None:
    """Once the current transaction commits, enqueue `task(version_ids=[...])` per chunk."""
    ids = sorted(set(version_ids))
    if not ids:
        return

    def enqueue():
        for some in chunks(ids, CHUNK):
            task.enqueue(version_ids=some)

    transaction.on_commit(enqueue)


def catalog_versions_after_commit(version_ids) -> None:
    """Render the documents of these catalog versions once the transaction commits
    (registered as an after-publish hook of catalogs in `CatalogConfig.ready`)."""
    render_after_commit(render_version_documents, version_ids)
