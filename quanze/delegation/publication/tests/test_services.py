"""Publishing a decision as a background job: queued, run by the task, done or failed."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django_tasks_db.models import DBTaskResult

from quanze.catalog.catalogs import services as catalog
from quanze.catalog.models import Catalog, CatalogVersion
from quanze.core.errors import Conflict, Forbidden
from quanze.core.history import history_for
from quanze.delegation.decisions import services as decisions
from quanze.delegation.decisions.models import Decision
from quanze.delegation.eventlog.selectors import events_for
from quanze.delegation.publication.models import PublicationJob
from quanze.delegation.publication.run import publication_run
from quanze.delegation.publication.services import publication_start
from quanze.delegation.review.models import Batch, Mode
from quanze.delegation.tests import builders as b

TASK = "quanze.delegation.publication.tasks.run_publication_job"


@pytest.fixture
def decision(cast):
    return b.recorded_decision(cast)


def _lists():
    return CatalogVersion.objects.filter(
        catalog__kind=Catalog.Kind.TOWNSHIP_LIST, status="published"
    )


def _worker():
    """What `quanze db_worker` does with the queued rows (the worker itself closes the
    connection between tasks, which a test transaction cannot survive)."""
    results = []
    for queued in DBTaskResult.objects.filter(task_path=TASK).order_by("enqueued_at"):
        args = queued.args_kwargs
        results.append(queued.task.call(*args["args"], **args["kwargs"]))
    return results


def test_pressing_publish_queues_a_job_that_the_worker_runs(
    cast, decision, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = publication_start(by=cast.office, decision=decision)
    assert (job.status, job.total_townships, job.done_townships) == ("queued", 2, 0)
    assert job.created_by == cast.office and job.created_at is not None
    decision.refresh_from_db()
    assert decision.status == Decision.Status.RECORDED  # nothing published yet
    assert not CatalogVersion.objects.filter(catalog__owner=cast.town_a).exists()

    assert _worker() == ["done"]
    job.refresh_from_db()
    decision.refresh_from_db()
    assert job.status == "done" and job.done_townships == 2 and job.finished_at >= job.started_at
    assert job.result == "发布2个乡镇(街道)清单,新增条目4条"
    assert decision.status == Decision.Status.PUBLISHED
    assert _lists().count() == 2
    moves = [(e.from_state, e.to_state, e.actor) for e in events_for(job)]
    assert moves == [
        ("", "queued", cast.office),
        ("queued", "running", cast.office),
        ("running", "done", cast.office),
    ]
    assert [r.action for r in history_for(job).order_by("at", "id")] == [
        "create",
        "update",
        "update",
    ]
    assert _worker() == ["done"]  # the same task run again changes nothing
    assert _lists().count() == 2


def test_a_second_press_while_the_job_is_queued_is_refused(cast, decision):
    publication_start(by=cast.office, decision=decision)
    with pytest.raises(Conflict, match="已有发布任务.*排队中.*不能重复发布"):
        publication_start(by=cast.office, decision=decision)
    with pytest.raises(Conflict, match="正在后台发布"):  # nor past the job, directly
        decisions.decision_publish(by=cast.office, decision=decision)
    assert PublicationJob.objects.count() == 1


def test_a_failed_job_publishes_nothing_and_says_why(cast, decision):
    listing = catalog.catalog_create(
        by=None, name="玫瑰镇赋权事项清单", kind=Catalog.Kind.TOWNSHIP_LIST, owner=cast.town_b
    )
    catalog.version_draft(by=None, catalog=listing)
    job = publication_start(by=cast.office, decision=decision)
    job = publication_run(job.pk)
    assert job.status == "failed" and job.done_townships == 0
    assert "玫瑰镇" in job.error and "未发布的草稿" in job.error
    assert not _lists().exists()
    assert not Catalog.objects.filter(owner=cast.town_a).exists()  # its new list rolled back
    decision.refresh_from_db()
    assert decision.status == Decision.Status.RECORDED
    assert events_for(job).last().to_state == "failed"
    # Once the draft is dealt with, the office presses again and it goes through.
    listing.versions.all().delete()
    again = publication_run(publication_start(by=cast.office, decision=decision).pk)
    assert again.status == "done"


def test_an_internal_error_fails_the_job_in_chinese(cast, decision, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(decisions, "township_lists_publish", broken)
    job = publication_start(by=cast.office, decision=decision)
    with pytest.raises(RuntimeError):
        publication_run(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and job.error.startswith("发布时发生内部错误,未发布任何清单")


def test_only_the_office_starts_a_publication(cast, decision):
    for user in (cast.reviewer, cast.town_a_clerk, cast.outsider):
        with pytest.raises(Forbidden):
            publication_start(by=user, decision=decision)
    publication_run(publication_start(by=cast.office, decision=decision).pk)
    with pytest.raises(ValidationError, match="已经发布"):
        publication_start(by=cast.office, decision=decision)


def test_the_publish_reports_progress_in_townships(cast, decision):
    seen = []
    decisions.decision_publish(
        by=cast.office, decision=decision, progress=lambda done, total: seen.append((done, total))
    )
    assert seen[-1] == (2, 2) and all(total == 2 for _, total in seen)


def test_the_page_shows_the_job_and_polls_until_it_ends(client, cast, decision):
    client.force_login(cast.office)
    before = client.get(f"/delegation/decisions/{decision.pk}/").content.decode()
    assert f"/delegation/decisions/{decision.pk}/publish/" in before
    response = client.post(f"/delegation/decisions/{decision.pk}/publish/")
    job = PublicationJob.objects.get()
    assert response.url == f"/delegation/publications/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert "排队中" in page and f"/delegation/publications/{job.pk}/progress/" in page
    detail = client.get(f"/delegation/decisions/{decision.pk}/").content.decode()
    assert "/publish/" not in detail and f"/delegation/publications/{job.pk}/" in detail
    again = client.post(f"/delegation/decisions/{decision.pk}/publish/", follow=True)
    assert "不能重复发布" in again.content.decode()
    publication_run(job.pk)
    fragment = client.get(f"/delegation/publications/{job.pk}/progress/", HTTP_HX_REQUEST="true")
    assert fragment.headers["HX-Refresh"] == "true" and "2 / 2" in fragment.content.decode()
    page = client.get(response.url).content.decode()
    assert "发布2个乡镇(街道)清单" in page and "hx-get" not in page


def test_the_api_starts_and_reads_a_job(client, cast, decision):
    client.force_login(cast.office)
    url = f"/api/delegation/decisions/{decision.pk}/publish"
    started = client.post(url, {}, content_type="application/json")
    assert started.status_code == 202 and started.json()["status"] == "queued"
    twice = client.post(url, {}, content_type="application/json")
    assert twice.status_code == 409
    publication_run(started.json()["id"])
    read = client.get(f"/api/delegation/publication-jobs/{started.json()['id']}").json()
    assert (read["status"], read["done_townships"], read["total_townships"]) == ("done", 2, 2)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second writer needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_progress_is_visible_to_others_while_the_publication_runs(cast, monkeypatch):
    project = b.project(cast, b.guiding_version(cast, n=2))
    batch = b.batch(cast, project, verdicts=("pass",), status=Batch.Status.SUBMITTED)
    decision = decisions.decision_record(
        by=cast.office, batch=batch, meeting_date=date(2025, 5, 6), document_number="平政发〔2025〕9号",
        townships=[cast.town_a, cast.town_b], mode=Mode.ENTRUSTMENT,
        effective_date=date(2025, 6, 1), fine_return_share="80",
    )  # fmt: skip
    real, seen = decisions.township_lists_publish, []

    def watched(**kwargs):
        result = real(**kwargs)
        # Still inside the publication's transaction: what does another connection see?
        other = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with other.cursor() as cursor:
                cursor.execute(
                    "SELECT done_townships, total_townships FROM delegation_publicationjob"
                )
                seen.append(cursor.fetchone())
                cursor.execute(
                    "SELECT status FROM delegation_decision WHERE id = %s", [decision.pk]
                )
                seen.append(cursor.fetchone())
        finally:
            other.close()
        return result

    monkeypatch.setattr(decisions, "township_lists_publish", watched)
    job = publication_run(publication_start(by=cast.office, decision=decision).pk)
    assert job.status == "done"
    assert seen == [(2, 2), ("recorded",)]  # progress shown before the publication commits
