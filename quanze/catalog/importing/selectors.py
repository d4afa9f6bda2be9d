"""Reads of import jobs: the access choke point of a job page."""

from quanze.catalog.catalogs.selectors import catalogs_writable, fetch
from quanze.catalog.importing.models import ImportJob


def access_import(user, job_id) -> ImportJob:
    """A job of a catalog the user may write (the only ones they may see)."""
    qs = ImportJob.objects.filter(catalog__in=catalogs_writable(user)).select_related("catalog")
    return fetch(qs, job_id, "导入任务")
