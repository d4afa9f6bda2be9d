"""A site for the dead-worker test (quanze/core/tests/test_dead_worker.py): run in a
separate process (`quanze shell -c`), against a real database a `quanze db_worker`
process shares, so a worker can be killed mid-import.

Each function prints one JSON line the test reads.
"""

import csv
import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from quanze.catalog.catalogs import services
from quanze.catalog.importing.jobs import import_job_start
from quanze.catalog.importing.recovery import import_stale_reason
from quanze.catalog.importing.services import import_job_confirm
from quanze.catalog.models import Catalog, CatalogEntry, ImportJob
from quanze.core import heartbeat
from quanze.org.models import User
from quanze.testing import factories as f

HEADER = ["序号", "事项编码", "事项名称", "子项名称", "职权类型", "实施部门", "设定依据"]
BASIS = "【行政法规】《城市道路管理条例》(2019年修订)第四十二条 违反本条例……"


def _csv(path: Path, rows: int) -> SimpleUploadedFile:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for n in range(1, rows + 1):
            name = f"对擅自占用城市道路行为的处罚{n}"
            out.writerow([n, f"CF-{n:06d}", name, "", "行政处罚", "平阴县城市管理局", BASIS])
    return SimpleUploadedFile(path.name, path.read_bytes())


def _queue(catalog: Catalog, by, path: Path, rows: int) -> ImportJob:
    job = import_job_start(by=by, catalog=catalog, uploaded_file=_csv(path, rows))
    assert job.status == ImportJob.Status.PLANNED, job.errors
    with transaction.atomic():  # the task is enqueued when this commits
        job = import_job_confirm(by=by, job=job)
    return job


def setup(folder: str, rows: int) -> None:
    """A county, its establishment office and a catalog with a large import queued."""
    county = f.county(f.city(f.province()))
    f.DepartmentFactory(division=county, name="平阴县城市管理局")
    office = f.UserFactory(username="office", role=User.Role.ESTABLISHMENT_OFFICE, county=county)
    catalog = services.catalog_create(
        by=office, name="县城管局权责清单", kind=Catalog.Kind.POWERS_LIST, owner=county
    )
    job = _queue(catalog, office, Path(folder) / "第一次.csv", rows)
    print(json.dumps({"job": job.pk, "catalog": catalog.pk, "status": job.status}))


def state(job_id: int) -> None:
    job = ImportJob.objects.get(pk=job_id)
    beat = heartbeat.last_beat(job)
    print(
        json.dumps(
            {
                "status": job.status,
                "started_at": job.started_at.timestamp() if job.started_at else None,
                "last_beat": beat.timestamp() if beat else None,
                "stale": import_stale_reason(job),
                "worker": job.worker,
                "halted": job.halted,
                "errors": job.errors,
                "done_rows": job.done_rows,
                "entries": CatalogEntry.objects.filter(version__catalog=job.catalog).count(),
            },
            ensure_ascii=False,
        )
    )


def retry(folder: str, catalog_id: int, rows: int) -> None:
    """The office uploads the list again and confirms it (queued for the worker)."""
    catalog = Catalog.objects.get(pk=catalog_id)
    office = User.objects.get(username="office")
    job = _queue(catalog, office, Path(folder) / "第二次.csv", rows)
    print(json.dumps({"job": job.pk, "status": job.status}))
