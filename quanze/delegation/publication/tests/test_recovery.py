"""Publication jobs left queued or running by a dead worker: stale, marked failed, retried."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from quanze.core.errors import Forbidden
from quanze.core.history import history_for
from quanze.delegation.decisions.models import Decision
from quanze.delegation.eventlog.selectors import events_for
from quanze.delegation.publication.models import PublicationJob
from quanze.delegation.publication.recovery import (
    TASK,
    publication_mark_failed,
    publication_stale_reason,
    publications_sweep_stale,
)
from quanze.delegation.publication.run import publication_run
from quanze.delegation.publication.services import publication_start
from quanze.delegation.tests import builders as b


@pytest.fixture
def decision(cast):
    return b.recorded_decision(cast)


@pytest.fixture
def queued(cast, decision, django_capture_on_commit_callbacks):
    """A job just queued, its task waiting in the queue."""
    with django_capture_on_commit_callbacks(execute=True):
        return publication_start(by=cast.office, decision=decision)


def _dead_worker(job, *, minutes):
    """What a worker that died `minutes` after starting the job leaves behind."""
    started = timezone.now() - timedelta(minutes=minutes)
    PublicationJob.objects.filter(pk=job.pk).update(
        status="running", started_at=started, created_at=started
    )
    DBTaskResult.objects.filter(task_path=TASK).update(status="RUNNING", started_at=started)
    job.refresh_from_db()
    return job


def test_a_queued_job_with_its_task_waiting_is_not_stale(queued):
    assert publication_stale_reason(queued) == ""
    PublicationJob.objects.filter(pk=queued.pk).update(
        created_at=timezone.now() - timedelta(minutes=10)
    )
    queued.refresh_from_db()
    assert publication_stale_reason(queued) == ""  # waiting for the worker, not dead


def test_a_job_running_longer_than_the_setting_is_stale(queued, settings):
    job = _dead_worker(queued, minutes=20)
    assert publication_stale_reason(job) == ""
    settings.QUANZE_JOB_STALE_MINUTES = 15
    assert publication_stale_reason(job) == "已超过15分钟仍未完成(后台工作进程可能已中止)"


def test_a_job_whose_task_failed_or_is_missing_is_dead(queued):
    job = _dead_worker(queued, minutes=2)
    DBTaskResult.objects.filter(task_path=TASK).update(status="FAILED")
    assert publication_stale_reason(job) == "后台任务已异常结束(工作进程报错)"
    DBTaskResult.objects.filter(task_path=TASK).delete()
    assert publication_stale_reason(job).startswith("找不到该任务的后台任务记录")


def test_the_office_marks_a_stale_job_failed_and_may_publish_again(cast, decision, queued):
    job = _dead_worker(queued, minutes=45)
    job = publication_mark_failed(by=cast.office, job=job, reason="工作进程已重启")
    assert job.status == "failed" and job.finished_at is not None
    assert job.error.startswith("任务已停滞:已超过30分钟仍未完成")
    assert "工作进程已重启" in job.error and "未发布任何清单" in job.error
    last = events_for(job).last()
    assert (last.from_state, last.to_state, last.actor) == ("running", "failed", cast.office)
    record = history_for(job).order_by("at", "id").last()
    assert record.before == {"status": "running"} and record.after["status"] == "failed"
    assert "工作进程已重启" in record.reason
    decision.refresh_from_db()
    assert decision.status == Decision.Status.RECORDED
    again = publication_run(publication_start(by=cast.office, decision=decision).pk)
    assert again.status == "done"


def test_a_job_that_may_be_alive_is_not_marked_failed(cast, decision, queued):
    with pytest.raises(ValidationError, match="仍在进行,尚未停滞"):
        publication_mark_failed(by=cast.office, job=queued, reason="等不及了")
    done = publication_run(queued.pk)
    with pytest.raises(ValidationError, match="已完成,不能标记为失败"):
        publication_mark_failed(by=cast.office, job=done, reason="重来")
    with pytest.raises(ValidationError, match="请填写"):
        publication_mark_failed(by=cast.office, job=done, reason=" ")
    assert events_for(done).last().to_state == "done"


def test_only_the_office_of_the_county_marks_a_job_failed(cast, queued):
    job = _dead_worker(queued, minutes=45)
    for user in (cast.reviewer, cast.town_a_clerk, cast.outsider):
        with pytest.raises(Forbidden):
            publication_mark_failed(by=user, job=job, reason="试试")
    job.refresh_from_db()
    assert job.status == "running"


def test_the_sweep_marks_every_stale_job_failed(cast, queued):
    assert publications_sweep_stale() == 0
    _dead_worker(queued, minutes=45)
    out = io.StringIO()
    call_command("sweep_jobs", stdout=out)
    assert "已将 1 个发布任务、0 个导入任务" in out.getvalue()  # other apps add their jobs after
    queued.refresh_from_db()
    assert queued.status == "failed" and "由定期清理标记为失败" in queued.error
    assert events_for(queued).last().actor is None
    assert publications_sweep_stale() == 0


def test_the_page_offers_marking_failed_only_when_stale(client, cast, queued):
    client.force_login(cast.office)
    url = f"/delegation/publications/{queued.pk}/"
    assert "标记为失败" not in client.get(url).content.decode()
    refused = client.post(f"{url}fail/", {"reason": "等不及了"}, follow=True).content.decode()
    assert "尚未停滞" in refused
    _dead_worker(queued, minutes=45)
    page = client.get(url).content.decode()
    assert "任务已停滞" in page and "未发布任何清单" in page and f"{url}fail/" in page
    done = client.post(f"{url}fail/", {"reason": "工作进程已重启"}, follow=True).content.decode()
    assert "可重新发布" in done and "发布失败,未发布任何清单" in done
    assert "工作进程已重启" in done and f"{url}fail/" not in done


def test_a_running_job_is_judged_by_its_heartbeat(cast, decision, queued):
    job = _dead_worker(queued, minutes=45)
    PublicationJob.objects.filter(pk=job.pk).update(
        worker="another-host:4242:0000abcd", heartbeat_at=timezone.now()
    )
    job.refresh_from_db()
    assert publication_stale_reason(job) == ""  # 45 minutes old, but it beats
    PublicationJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - timedelta(seconds=90)
    )
    job.refresh_from_db()
    assert publication_stale_reason(job).startswith("后台工作进程已90秒没有心跳")
    # Pressing 发布 again fails the dead job itself and queues a new one.
    again = publication_start(by=cast.office, decision=decision)
    job.refresh_from_db()
    assert job.status == "failed" and "由系统自动标记为失败" in job.error
    assert again.status == "queued" and again.pk != job.pk


def test_a_run_records_its_worker_and_beats(cast, queued):
    job = publication_run(queued.pk)
    assert job.status == "done"
    host, pid, token = job.worker.split(":")
    assert pid.isdigit() and len(token) == 8
    assert job.started_at <= job.heartbeat_at <= job.finished_at
