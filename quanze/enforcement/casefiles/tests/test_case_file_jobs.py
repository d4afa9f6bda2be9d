"""The case file as a background job: queued, rendered by the worker with progress, stored,
served from the stored file, rendered again when the case changes, notices, failures."""

import hashlib
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from quanze.core.errors import NotFound
from quanze.core.history import history_for
from quanze.core.models import Notice
from quanze.enforcement.casefiles import recovery, run, selectors, services
from quanze.enforcement.casefiles.models import CaseFileJob
from quanze.enforcement.cases import services as cases
from quanze.enforcement.documents import render

TASK = "quanze.enforcement.casefiles.tasks.run_case_file_job"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def worker():
    """What `quanze db_worker` does with the queued rows."""
    done = []
    for queued in DBTaskResult.objects.filter(task_path=TASK).order_by("enqueued_at"):
        args = queued.args_kwargs
        done.append(queued.task.call(*args["args"], **args["kwargs"]))
        queued.delete()
    return done


def start(by, case, capture):
    with capture(execute=True):
        return services.case_file_start(by=by, case=case)


def test_pressing_generate_queues_a_job_the_worker_renders_and_stores(
    ew, django_capture_on_commit_callbacks
):
    clerk, case = ew.cast.town_a_clerk, ew.case_a
    job = start(clerk, case, django_capture_on_commit_callbacks)
    assert (job.status, job.done_sections, job.created_by) == ("queued", 0, clerk)
    assert job.total_sections >= 5  # cover, index, source, filing, evidence list, remarks + layout
    assert not job.file
    assert history_for(job).filter(action="create").exists()
    assert worker() == ["done"]
    job.refresh_from_db()
    content = job.file.read()
    assert content.startswith(b"%PDF")
    assert (job.size, job.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    assert job.done_sections == job.total_sections
    assert job.fingerprint == selectors.case_file_fingerprint(case)
    notice = Notice.objects.get(recipient=clerk, kind=Notice.Kind.CASE_FILE)
    assert notice.title == f"案卷已生成:{case.number}"
    assert notice.link == f"/enforcement/case-files/{job.pk}/"


def test_a_fresh_file_is_served_and_not_rendered_again(
    ew, client, django_capture_on_commit_callbacks, monkeypatch
):
    clerk, case = ew.cast.town_a_clerk, ew.case_a
    job = start(clerk, case, django_capture_on_commit_callbacks)
    worker()
    job.refresh_from_db()

    def no_rendering(*args, **kwargs):
        raise AssertionError("a fresh case file must not be rendered again")

    monkeypatch.setattr(render, "case_file_pdf", no_rendering)
    # another reader asking again gets the same job, nothing is queued
    again = start(ew.cast.reviewer, case, django_capture_on_commit_callbacks)
    assert again.pk == job.pk and not DBTaskResult.objects.filter(task_path=TASK).exists()
    client.force_login(ew.cast.reviewer)
    response = client.get(f"/enforcement/cases/{case.pk}/case-file.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == job.file.open("rb").read()
    assert response["Content-Disposition"].startswith("attachment")
    api = client.get(f"/api/enforcement/cases/{case.pk}/case-file")
    assert api.status_code == 200 and b"".join(api.streaming_content).startswith(b"%PDF")


def test_a_change_of_the_case_makes_the_file_stale_and_it_is_rendered_again(
    ew, client, django_capture_on_commit_callbacks
):
    clerk, case = ew.cast.town_a_clerk, ew.case_a
    first = start(clerk, case, django_capture_on_commit_callbacks)
    worker()
    cases.case_step(by=clerk, case=case, action="file", on=date(2025, 3, 4), summary="予以立案")
    case.refresh_from_db()
    assert selectors.fresh_file(case) is None
    client.force_login(clerk)
    page = client.get(f"/enforcement/case-files/{first.pk}/")
    assert page.status_code == 200 and "本案卷已过期" in page.content.decode()
    download = client.get(f"/enforcement/cases/{case.pk}/case-file.pdf")
    assert download.status_code == 302 and download["Location"].endswith("#case-file")
    assert client.get(f"/api/enforcement/cases/{case.pk}/case-file").status_code == 409
    second = start(clerk, case, django_capture_on_commit_callbacks)
    assert second.pk != first.pk and second.status == "queued"
    worker()
    second.refresh_from_db()
    assert second.status == "done" and selectors.fresh_file(case) == second
    assert client.get(f"/enforcement/cases/{case.pk}/case-file.pdf").status_code == 200


def test_a_replaced_template_makes_the_file_stale(ew, django_capture_on_commit_callbacks):
    from quanze.enforcement.documents import services as documents
    from quanze.enforcement.documents.defaults import default_template

    case = ew.case_a
    start(ew.cast.town_a_clerk, case, django_capture_on_commit_callbacks)
    worker()
    assert selectors.fresh_file(case) is not None
    documents.template_upload(
        by=ew.cast.reviewer, kind="filing", file_name="立案.docx",
        content=default_template("filing") + b"",
    )  # fmt: skip
    assert selectors.fresh_file(case) is None


def test_a_failed_rendering_is_recorded_told_and_leaves_no_file(
    ew, client, django_capture_on_commit_callbacks, monkeypatch
):
    clerk, case = ew.cast.town_a_clerk, ew.case_a
    job = start(clerk, case, django_capture_on_commit_callbacks)

    def broken(*args, progress=None, **kwargs):
        progress(1, 9)
        raise RuntimeError("font missing")

    monkeypatch.setattr(render, "case_file_pdf", broken)
    with pytest.raises(RuntimeError):
        worker()
    job.refresh_from_db()
    assert (job.status, job.error, bool(job.file)) == ("failed", run.INTERNAL_ERROR, False)
    notice = Notice.objects.get(recipient=clerk, kind=Notice.Kind.CASE_FILE)
    assert notice.title.startswith("案卷生成失败") and notice.body == run.INTERNAL_ERROR
    client.force_login(clerk)
    page = client.get(f"/enforcement/case-files/{job.pk}/").content.decode()
    assert "案卷生成失败" in page and run.INTERNAL_ERROR in page
    assert client.get(f"/enforcement/case-files/{job.pk}/download.pdf").status_code == 404
    # pressing again queues a new job
    assert start(clerk, case, django_capture_on_commit_callbacks).pk != job.pk


def test_a_job_whose_worker_died_is_marked_failed_and_replaced(
    ew, django_capture_on_commit_callbacks
):
    clerk, case = ew.cast.town_a_clerk, ew.case_a
    job = start(clerk, case, django_capture_on_commit_callbacks)
    long_ago = timezone.now() - timedelta(hours=1)
    CaseFileJob.objects.filter(pk=job.pk).update(
        status="running", started_at=long_ago, worker="elsewhere:1:ab", heartbeat_at=long_ago
    )
    job.refresh_from_db()
    assert "没有心跳" in recovery.case_file_stale_reason(job)
    replacement = start(clerk, case, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == "failed" and "任务已停滞" in job.error
    assert replacement.pk != job.pk and replacement.status == "queued"


def test_the_sweep_fails_stale_jobs(ew, django_capture_on_commit_callbacks, settings):
    job = start(ew.cast.town_a_clerk, ew.case_a, django_capture_on_commit_callbacks)
    DBTaskResult.objects.filter(task_path=TASK).delete()  # never reached the queue
    CaseFileJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(hours=2))
    assert recovery.case_files_sweep_stale() == 1
    job.refresh_from_db()
    assert job.status == "failed" and "找不到该任务" in job.error


def test_the_job_page_polls_while_queued_and_refreshes_when_done(
    ew, client, django_capture_on_commit_callbacks
):
    clerk, case = ew.cast.town_a_clerk, ew.case_a
    client.force_login(clerk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/enforcement/cases/{case.pk}/case-file/")
    job = CaseFileJob.objects.get(case=case)
    assert response["Location"] == f"/enforcement/case-files/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert f'hx-get="/enforcement/case-files/{job.pk}/progress/"' in page and "排队中" in page
    fragment = client.get(f"/enforcement/case-files/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in fragment.headers and "0 / " in fragment.content.decode()
    worker()
    fragment = client.get(f"/enforcement/case-files/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert fragment.headers["HX-Refresh"] == "true"
    page = client.get(f"/enforcement/case-files/{job.pk}/").content.decode()
    assert "与案件现状一致" in page and "case-file-download" in page
    case_page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert f"/enforcement/case-files/{job.pk}/" in case_page


def test_only_those_who_see_the_case_see_its_jobs(ew, django_capture_on_commit_callbacks):
    job = start(ew.cast.town_a_clerk, ew.case_a, django_capture_on_commit_callbacks)
    assert selectors.access_job(ew.cast.reviewer, job.pk) == job
    for outsider in (ew.cast.town_b_clerk, ew.cast.office, ew.cast.outsider):
        with pytest.raises(NotFound):
            selectors.access_job(outsider, job.pk)
    with pytest.raises(NotFound):
        services.case_file_start(by=ew.cast.town_b_clerk, case=ew.case_a)
