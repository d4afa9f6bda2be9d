"""What the catalogs process announces to the processes built on it.

`versions_published` is sent (with `version_ids`) when versions are published, inside
the publishing transaction; the documents process renders their .docx and PDF once it
commits (connected in `CatalogConfig.ready`), so publishing knows nothing of documents.
"""

from django.dispatch import Signal

versions_published = Signal()
