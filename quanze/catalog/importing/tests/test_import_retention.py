"""Uploaded import files: a rejected one is deleted at once, the others after the
retention period (`quanze sweep-uploads`)."""

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from quanze.catalog.catalogs import services
from quanze.catalog.importing.jobs import import_job_start
from quanze.catalog.importing.retention import EXPIRED, uploads_sweep
from quanze.catalog.importing.services import import_job_confirm
from quanze.catalog.importing.tests.sheets import STANDARD, csv_file, penalty
from quanze.catalog.models import Catalog, ImportJob
from quanze.core.models import ChangeRecord


@pytest.fixture
def catalog(cast):
    return services.catalog_create(
        by=cast.office, name="平阴县权责清单", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.QUANZE_IMPORT_RETENTION_DAYS = 30


def start(cast, catalog, tmp_path, rows, name="清单.csv") -> ImportJob:
    data = csv_file(tmp_path / name, rows).read_bytes()
    return import_job_start(
        by=cast.office, catalog=catalog, uploaded_file=SimpleUploadedFile(name, data)
    )


def stored(settings) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_rejected_upload_is_not_kept(cast, catalog, tmp_path, settings):
    job = start(cast, catalog, tmp_path, [STANDARD, penalty("CF-1", name="")])
    assert job.status == ImportJob.Status.FAILED and job.errors
    assert job.file_path == "" and ImportJob.objects.get(pk=job.pk).file_path == ""
    assert stored(settings) == []


def test_the_sweep_deletes_files_past_the_retention_period(cast, catalog, tmp_path, settings):
    done = start(cast, catalog, tmp_path, [STANDARD, penalty("CF-1")], name="a.csv")
    import_job_confirm(by=cast.office, job=done)
    planned = start(cast, catalog, tmp_path, [STANDARD, penalty("CF-2")], name="b.csv")
    orphan = Path(settings.MEDIA_ROOT) / "imports" / "orphan.xlsx"
    orphan.write_bytes(b"x")
    assert len(stored(settings)) == 3
    assert uploads_sweep() == {"deleted": 0, "expired": 0}  # all are fresh
    assert len(stored(settings)) == 3

    later = timezone.now() + timedelta(days=31)
    old = later.timestamp() - 31 * 86400 - 60
    os.utime(orphan, (old, old))
    assert uploads_sweep(now=later) == {"deleted": 3, "expired": 1}
    assert stored(settings) == []
    done.refresh_from_db()
    planned.refresh_from_db()
    assert done.status == ImportJob.Status.DONE and done.file_path == ""
    assert planned.status == ImportJob.Status.FAILED and planned.file_path == ""
    assert planned.errors == [EXPIRED.format(days=30)]
    record = ChangeRecord.objects.filter(object_id=planned.pk, reason=planned.errors[0]).get()
    assert record.before == {"status": "planned"}


def test_the_command_reports_in_chinese(cast, catalog, tmp_path):
    out = io.StringIO()
    call_command("sweep_uploads", stdout=out)
    assert "已删除 0 个上传文件" in out.getvalue()
