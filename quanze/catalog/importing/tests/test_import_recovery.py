"""Import jobs left queued or running by a dead worker: stale, marked failed, retried."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing.jobs import import_job_start
from quanze.catalog.importing.models import ImportJob
from quanze.catalog.importing.recovery import (
    TASK,
    import_mark_failed,
    import_stale_reason,
    imports_sweep_stale,
)
from quanze.catalog.importing.services import import_job_confirm
from quanze.catalog.importing.tests.sheets import STANDARD, csv_file, penalty
from quanze.catalog.powers.models import Power
from quanze.core.errors import Forbidden
from quanze.core.history import history_for
from quanze.org.models import User
from quanze.testing import factories as f


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
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


@pytest.fixture
def queued(cast, catalog, tmp_path, django_capture_on_commit_callbacks):
    """A background import the urban clerk confirmed, its task waiting in the queue."""
    job = import_job_start(by=cast.dept_clerk, catalog=catalog, uploaded_file=_upload(tmp_path))
    with django_capture_on_commit_callbacks(execute=True):
        return import_job_confirm(by=cast.dept_clerk, job=job)


def _dead_worker(job, *, minutes):
    started = timezone.now() - timedelta(minutes=minutes)
    ImportJob.objects.filter(pk=job.pk).update(status="running", created_at=started)
    DBTaskResult.objects.filter(task_path=TASK).update(status="RUNNING", started_at=started)
    job.refresh_from_db()
    return job


def test_stale_when_running_too_long_or_its_task_failed(queued, settings):
    assert queued.status == "queued" and import_stale_reason(queued) == ""
    job = _dead_worker(queued, minutes=20)
    assert import_stale_reason(job) == ""
    settings.QUANZE_JOB_STALE_MINUTES = 15
    assert import_stale_reason(job).startswith("已超过15分钟仍未完成")
    settings.QUANZE_JOB_STALE_MINUTES = 30
    DBTaskResult.objects.filter(task_path=TASK).update(status="FAILED")
    assert import_stale_reason(job) == "后台任务已异常结束(工作进程报错)"
    DBTaskResult.objects.filter(task_path=TASK).delete()
    assert import_stale_reason(job).startswith("找不到该任务的后台任务记录")


def test_a_small_import_run_in_the_request_goes_stale_by_age_only(cast, catalog, tmp_path):
    job = import_job_start(by=cast.dept_clerk, catalog=catalog, uploaded_file=_upload(tmp_path))
    ImportJob.objects.filter(pk=job.pk).update(
        status="running", total_rows=1, created_at=timezone.now() - timedelta(minutes=5)
    )
    job.refresh_from_db()
    assert import_stale_reason(job) == ""  # no task expected: missing is not dead
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=1))
    job.refresh_from_db()
    assert import_stale_reason(job).startswith("已超过30分钟")


def test_the_uploader_marks_a_stale_job_failed_and_imports_again(cast, catalog, tmp_path, queued):
    job = _dead_worker(queued, minutes=45)
    second = import_job_start(
        by=cast.dept_clerk, catalog=catalog, uploaded_file=_upload(tmp_path, "第二个.csv")
    )
    with pytest.raises(ValidationError, match="已有导入任务"):
        import_job_confirm(by=cast.dept_clerk, job=second)
    job = import_mark_failed(by=cast.dept_clerk, job=job, reason="工作进程已重启")
    assert job.status == "failed" and job.finished_at is not None
    [message] = job.errors
    assert message.startswith("任务已停滞:已超过30分钟") and "未导入任何内容" in message
    record = history_for(job).get()
    assert record.before == {"status": "running"} and record.after["status"] == "failed"
    assert record.actor == cast.dept_clerk and "工作进程已重启" in record.reason
    assert not Power.objects.exists()
    assert import_job_confirm(by=cast.dept_clerk, job=second).status == "queued"


def test_a_job_that_may_be_alive_is_not_marked_failed(cast, queued):
    with pytest.raises(ValidationError, match="仍在进行,尚未停滞"):
        import_mark_failed(by=cast.office, job=queued, reason="等不及了")
    ImportJob.objects.filter(pk=queued.pk).update(status="done")
    with pytest.raises(ValidationError, match="已完成,不能标记为失败"):
        import_mark_failed(by=cast.office, job=queued, reason="重来")


def test_only_the_uploader_or_the_office_marks_a_job_failed(cast, queued):
    job = _dead_worker(queued, minutes=45)
    colleague = f.UserFactory(
        username="urban2", role=User.Role.DEPARTMENT_CLERK, county=cast.county,
        department=cast.urban,
    )  # fmt: skip
    for user in (colleague, cast.reviewer, cast.other_dept_clerk, cast.outsider):
        with pytest.raises(Forbidden):
            import_mark_failed(by=user, job=job, reason="试试")
    assert import_mark_failed(by=cast.office, job=job, reason="编办清理").status == "failed"


def test_the_sweep_marks_stale_imports_failed(queued):
    assert imports_sweep_stale() == 0
    _dead_worker(queued, minutes=45)
    out = io.StringIO()
    call_command("sweep_jobs", stdout=out)
    assert "0 个发布任务、1 个导入任务" in out.getvalue()  # other apps add their jobs after
    queued.refresh_from_db()
    assert queued.status == "failed" and "由定期清理标记为失败" in queued.errors[0]
    assert history_for(queued).get().actor is None


def test_the_page_offers_marking_failed_only_when_stale(client, cast, queued):
    client.force_login(cast.dept_clerk)
    url = f"/catalog/imports/{queued.pk}/"
    assert "标记为失败" not in client.get(url).content.decode()
    refused = client.post(f"{url}fail/", {"reason": "等不及了"}, follow=True).content.decode()
    assert "尚未停滞" in refused
    _dead_worker(queued, minutes=45)
    page = client.get(url).content.decode()
    assert "任务已停滞" in page and "未导入任何内容" in page and f"{url}fail/" in page
    done = client.post(f"{url}fail/", {"reason": "工作进程已重启"}, follow=True).content.decode()
    assert "可重新导入" in done and "导入任务已中止,未导入任何内容" in done
    assert "文件有误" not in done and f"{url}fail/" not in done
