"""A background import's progress is visible to other connections before it commits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DEFAULT_DB_ALIAS, connection, connections

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing import jobs
from quanze.catalog.importing.tests.sheets import STANDARD, csv_file, penalty


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second writer needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_to_others_while_the_import_runs(cast, tmp_path, settings, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    catalog = services.catalog_create(
        by=cast.office, name="平阴县权责清单", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )
    rows = [STANDARD] + [penalty(f"CF-{i}", name=f"处罚{i}") for i in range(4)]
    upload = SimpleUploadedFile("清单.csv", csv_file(tmp_path / "a.csv", rows).read_bytes())
    job = jobs.import_job_start(by=cast.office, catalog=catalog, uploaded_file=upload)
    real, seen = jobs.progress_writer, []

    def watched(model, pk):
        write, close = real(model, pk)

        def write_and_look(**fields):
            write(**fields)
            if not connection.in_atomic_block:
                return  # only what is written inside the import's transaction matters here
            other = connections.create_connection(DEFAULT_DB_ALIAS)
            try:
                with other.cursor() as cursor:
                    cursor.execute("SELECT done_rows FROM catalog_importjob WHERE id = %s", [pk])
                    done = cursor.fetchone()[0]
                    cursor.execute("SELECT count(*) FROM catalog_power")
                    seen.append((fields["done_rows"], done, cursor.fetchone()[0]))
            finally:
                other.close()

        return write_and_look, close

    monkeypatch.setattr(jobs, "progress_writer", watched)
    job = jobs.job_execute(job=job, by=cast.office)
    assert job.status == "done" and job.done_rows == 4
    assert seen, "no progress written inside the import's transaction"
    # Each value is seen by others at once, while the powers are not committed yet.
    assert all(written == shown and powers == 0 for written, shown, powers in seen)
