"""Heartbeats of import jobs: a running job is judged by its last beat, a dead one is
failed by whoever next needs the catalog (see quanze/core/heartbeat.py)."""

import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from quanze.catalog.catalogs import services
from quanze.catalog.importing.jobs import import_job_start
from quanze.catalog.importing.recovery import (
    import_halted,
    import_stale_reason,
    imports_sweep_stale,
)
from quanze.catalog.importing.services import import_job_confirm
from quanze.catalog.importing.tests.sheets import STANDARD, csv_file, penalty
from quanze.catalog.models import Catalog, ImportJob
from quanze.core import heartbeat

ELSEWHERE = "another-host:4242:0000abcd"  # a worker on another machine: only its beats count


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path
    settings.QUANZE_BACKGROUND_IMPORT_ROWS = 1


@pytest.fixture
def catalog(cast):
    return services.catalog_create(
        by=cast.office, name="县城管局权责清单", kind=Catalog.Kind.POWERS_LIST,
        owner=cast.county, department=cast.urban,
    )  # fmt: skip


def _upload(tmp_path, name="清单.csv"):
    rows = [STANDARD, penalty("CF-1"), penalty("CF-2", name="乙")]
    return SimpleUploadedFile(name, csv_file(tmp_path / name, rows).read_bytes())


def _running(cast, catalog, tmp_path, *, worker=ELSEWHERE, beat_ago=timedelta(seconds=5)):
    job = import_job_start(by=cast.dept_clerk, catalog=catalog, uploaded_file=_upload(tmp_path))
    long_ago = timezone.now() - timedelta(hours=2)
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", created_at=long_ago, started_at=long_ago, worker=worker,
        heartbeat_at=timezone.now() - beat_ago,
    )  # fmt: skip
    job.refresh_from_db()
    return job


def _gone_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_job_that_beats_is_alive_however_long_it_runs(cast, catalog, tmp_path):
    job = _running(cast, catalog, tmp_path)
    # Two hours old (past the 30-minute stale window), but it beat 5 s ago.
    assert import_stale_reason(job) == ""
    assert imports_sweep_stale() == 0


def test_a_job_silent_for_a_minute_is_dead_and_swept(cast, catalog, tmp_path):
    job = _running(cast, catalog, tmp_path, beat_ago=timedelta(seconds=59))
    assert import_stale_reason(job) == ""
    job = _running(cast, catalog, tmp_path, beat_ago=timedelta(seconds=61))
    assert import_stale_reason(job).startswith("后台工作进程已61秒没有心跳")
    assert imports_sweep_stale() == 1
    job.refresh_from_db()
    assert job.status == "failed" and job.halted and import_halted(job)
    assert job.errors[0].startswith("任务已停滞:后台工作进程已")


def test_a_job_whose_process_is_gone_on_this_host_is_dead_at_once(cast, catalog, tmp_path):
    host = heartbeat.worker_identity().split(":")[0]
    job = _running(cast, catalog, tmp_path, worker=f"{host}:{_gone_pid()}:0000abcd",
                   beat_ago=timedelta(0))  # fmt: skip
    assert import_stale_reason(job) == "运行该任务的后台工作进程已不存在"
    alive = _running(cast, catalog, tmp_path, worker=heartbeat.worker_identity(),
                     beat_ago=timedelta(0))  # fmt: skip
    assert import_stale_reason(alive) == ""


def test_a_failed_file_is_not_halted(cast, catalog, tmp_path):
    bad = SimpleUploadedFile("坏.csv", b"no,header\n1,2\n")
    job = import_job_start(by=cast.dept_clerk, catalog=catalog, uploaded_file=bad)
    assert job.status == "failed" and not import_halted(job)


def test_confirming_fails_a_dead_job_in_the_way_but_waits_for_a_live_one(cast, catalog, tmp_path):
    alive = _running(cast, catalog, tmp_path)
    second = import_job_start(
        by=cast.dept_clerk, catalog=catalog, uploaded_file=_upload(tmp_path, "二.csv")
    )
    with pytest.raises(ValidationError, match="已有导入任务"):
        import_job_confirm(by=cast.dept_clerk, job=second)
    ImportJob.objects.filter(pk=alive.pk).update(heartbeat_at=timezone.now() - timedelta(minutes=2))
    assert import_job_confirm(by=cast.dept_clerk, job=second).status == "queued"
    alive.refresh_from_db()
    assert alive.status == "failed" and alive.halted
    assert "由系统自动标记为失败" in alive.errors[0]


def test_a_run_records_its_worker_and_beats(cast, catalog, tmp_path, settings):
    settings.QUANZE_BACKGROUND_IMPORT_ROWS = 1000  # run in the request
    job = import_job_start(by=cast.dept_clerk, catalog=catalog, uploaded_file=_upload(tmp_path))
    job = import_job_confirm(by=cast.dept_clerk, job=job)
    assert job.status == "done"
    host, pid, _ = job.worker.split(":")
    assert pid.isdigit() and host == heartbeat.worker_identity().split(":")[0]
    assert job.started_at <= job.heartbeat_at <= job.finished_at


@pytest.mark.skipif(connection.vendor != "sqlite", reason="beat files are SQLite's")
def test_on_sqlite_the_beats_go_to_a_file_read_only_for_its_worker(cast, catalog, tmp_path):
    job = _running(cast, catalog, tmp_path, beat_ago=timedelta(minutes=5))
    assert import_stale_reason(job)
    finish = heartbeat.start(ImportJob, job.pk, ELSEWHERE)
    try:
        assert timezone.now() - heartbeat.last_beat(job) < timedelta(seconds=5)
        assert import_stale_reason(job) == ""
        ImportJob.objects.filter(pk=job.pk).update(worker="another-host:1:00000000")
        job.refresh_from_db()
        assert import_stale_reason(job)  # an older run's beats do not count
    finally:
        finish()
    assert not list((tmp_path / "heartbeats").rglob("*-*"))
