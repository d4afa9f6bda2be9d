import io
import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing import ImportRejected, import_run
from quanze.catalog.importing.jobs import import_job_start
from quanze.catalog.importing.models import ImportJob
from quanze.catalog.importing.services import import_job_confirm
from quanze.catalog.importing.tests.sheets import STANDARD, csv_file, penalty, world
from quanze.catalog.powers.models import Power
from quanze.core.errors import Forbidden


@pytest.fixture
def catalog(cast):
    return services.catalog_create(
        by=cast.office, name="平阴县权责清单", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(tmp_path, rows, name="清单.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_file(tmp_path / name, rows).read_bytes())


def test_starting_a_job_stores_the_file_and_plans_it(cast, catalog, tmp_path, settings):
    rows = [STANDARD, penalty("CF-1"), penalty("CF-2", name="乙")]
    job = import_job_start(by=cast.office, catalog=catalog, uploaded_file=upload(tmp_path, rows))
    assert job.status == ImportJob.Status.PLANNED and job.total_rows == 2
    assert Path(job.file_path).parent == Path(settings.MEDIA_ROOT) / "imports"
    assert job.summary["totals"]["created"] == 2 and job.summary["created"][0]["code"] == "CF-1"
    assert not Power.objects.exists()


def test_a_bad_file_fails_its_job_with_the_problems_listed(cast, catalog, tmp_path):
    rows = [STANDARD, penalty("CF-1", name="")]
    job = import_job_start(by=cast.office, catalog=catalog, uploaded_file=upload(tmp_path, rows))
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == ["文件“清单.csv”第2行“事项名称”列:事项名称不能为空"]


def test_only_writers_of_the_catalog_may_start_a_job(cast, catalog, tmp_path):
    with pytest.raises(Forbidden):
        import_job_start(
            by=cast.town_a_clerk, catalog=catalog, uploaded_file=upload(tmp_path, [STANDARD])
        )
    assert not ImportJob.objects.exists()


def test_a_small_job_runs_when_confirmed(cast, catalog, tmp_path):
    job = import_job_start(
        by=cast.office, catalog=catalog, uploaded_file=upload(tmp_path, [STANDARD, penalty("CF-1")])
    )
    job = import_job_confirm(by=cast.office, job=job)
    assert job.status == ImportJob.Status.DONE and job.done_rows == job.total_rows == 1
    assert job.version == catalog.versions.get() and Power.objects.get().code == "CF-1"
    with pytest.raises(ValidationError, match="已完成,不能再次确认"):
        import_job_confirm(by=cast.office, job=job)


def test_a_large_job_runs_in_the_background_worker(
    cast, catalog, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.QUANZE_BACKGROUND_IMPORT_ROWS = 2
    rows = [STANDARD] + [penalty(f"CF-{i}", name=f"处罚{i}") for i in range(3)]
    job = import_job_start(by=cast.office, catalog=catalog, uploaded_file=upload(tmp_path, rows))
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_confirm(by=cast.office, job=job)
    assert job.status == ImportJob.Status.QUEUED and not Power.objects.exists()
    # What `quanze db_worker` does with the queued row (the worker itself closes the
    # connection between tasks, which a test transaction cannot survive).
    [queued] = DBTaskResult.objects.filter(
        task_path="quanze.catalog.importing.tasks.run_import_job"
    )
    assert queued.args_kwargs["kwargs"] == {"job_id": job.pk}
    assert queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"]) == "done"
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.done_rows, job.total_rows) == (3, 3) and Power.objects.count() == 3


def test_a_second_import_of_the_same_catalog_waits_for_the_first(cast, catalog, tmp_path):
    first = import_job_start(
        by=cast.office, catalog=catalog, uploaded_file=upload(tmp_path, [STANDARD, penalty("CF-1")])
    )
    second = import_job_start(
        by=cast.office,
        catalog=catalog,
        uploaded_file=upload(tmp_path, [STANDARD, penalty("CF-2")], name="第二个.csv"),
    )
    ImportJob.objects.filter(pk=first.pk).update(status=ImportJob.Status.RUNNING)
    before = world()
    with pytest.raises(ValidationError) as error:
        import_job_confirm(by=cast.office, job=second)
    assert "目录“平阴县权责清单”已有导入任务(“清单.csv”)正在进行" in str(error.value)
    assert world() == before
    assert ImportJob.objects.get(pk=second.pk).status == ImportJob.Status.PLANNED


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_an_import_racing_another_on_the_same_catalog_is_refused(cast, catalog, tmp_path):
    path = csv_file(tmp_path / "a.csv", [STANDARD, penalty("CF-1")])
    locked, release = threading.Event(), threading.Event()

    def first_import():
        with transaction.atomic():
            Catalog.objects.select_for_update().get(pk=catalog.pk)
            locked.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=first_import)
    thread.start()
    try:
        assert locked.wait(10)
        with pytest.raises(ImportRejected) as error:
            import_run(by=cast.office, catalog=catalog, path=path, file_name="a.csv")
        assert (
            str(error.value)
            == "文件“a.csv”:目录“平阴县权责清单”正在被另一个导入任务写入,请稍后再试"
        )
    finally:
        release.set()
        thread.join()
    assert not Power.objects.exists()


def test_the_cli_prints_the_plan_and_imports(cast, catalog, tmp_path):
    path = csv_file(tmp_path / "a.csv", [STANDARD, penalty("CF-1")])
    out = io.StringIO()
    call_command("import_catalog", str(path), "--catalog", str(catalog.pk), "--dry-run", stdout=out)
    assert "预检结果(未写入)" in out.getvalue() and "新建 1,修改 0,不变 0" in out.getvalue()
    assert not Power.objects.exists()
    out = io.StringIO()
    call_command(
        "import_catalog", str(path), "--catalog", str(catalog.pk), "--user", "office", stdout=out
    )
    assert "导入完成" in out.getvalue() and Power.objects.get().code == "CF-1"


def test_the_cli_lists_problems_and_exits_with_1(cast, catalog, tmp_path):
    path = csv_file(tmp_path / "a.csv", [STANDARD, penalty("CF-1", dept="无此局")])
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("import_catalog", str(path), "--catalog", str(catalog.pk), stdout=out)
    assert exit_.value.code == 1
    assert "第2行“实施部门”列:未知的实施部门“无此局”" in out.getvalue()


def test_the_cli_exports_a_version(cast, catalog, tmp_path):
    import_run(
        by=None,
        catalog=catalog,
        path=csv_file(tmp_path / "a.csv", [STANDARD, penalty("CF-1")]),
        file_name="a.csv",
    )
    version = catalog.versions.get()
    for fmt in ("xlsx", "csv"):
        out = tmp_path / f"out.{fmt}"
        call_command(
            "export_catalog",
            "--version",
            str(version.pk),
            "--format",
            fmt,
            "-o",
            str(out),
            stdout=io.StringIO(),
        )
        assert out.stat().st_size > 0
