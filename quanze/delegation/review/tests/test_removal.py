"""A batch with an item the legality review rejected reaches the executive meeting once the
office takes that item out (page and API), and a finished batch takes no more opinions."""

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord, Notice
from quanze.delegation.decisions import services as decisions
from quanze.delegation.review import services as review
from quanze.delegation.review.models import Batch, LegalityReview
from quanze.delegation.tests import builders as b


@pytest.fixture
def rejected_batch(cast):
    project = b.project(cast, b.guiding_version(cast, n=3))
    batch = b.batch(cast, project, verdicts=("pass", "reject", "pass"))
    rejected = batch.items.get(review__verdict="reject")
    return batch, rejected


def test_it_submits_a_batch_once_the_rejected_item_is_removed(cast, rejected_batch):
    batch, rejected = rejected_batch
    with pytest.raises(ValidationError, match="合法性审核不通过"):
        decisions.batch_submit(by=cast.office, batch=batch)
    power = rejected.item.power
    review.batch_remove_item(by=cast.office, batch_item=rejected, reason="依据保留给省级")
    assert batch.items.count() == 2
    assert ChangeRecord.objects.filter(object_id=batch.pk, reason="依据保留给省级").exists()
    told = Notice.objects.filter(kind=Notice.Kind.BATCH_ITEM_REMOVED)
    assert {n.recipient for n in told} >= {cast.reviewer}
    assert all(str(power) in n.title for n in told)
    submitted = decisions.batch_submit(by=cast.office, batch=Batch.objects.get(pk=batch.pk))
    assert submitted.status == Batch.Status.SUBMITTED


def test_it_refuses_to_remove_a_passed_item_or_without_reason(cast, rejected_batch):
    batch, rejected = rejected_batch
    passed = batch.items.exclude(pk=rejected.pk).first()
    with pytest.raises(ValidationError, match="只能移出审核不通过"):
        review.batch_remove_item(by=cast.office, batch_item=passed, reason="不要了")
    with pytest.raises(ValidationError, match="理由"):
        review.batch_remove_item(by=cast.office, batch_item=rejected, reason=" ")
    with pytest.raises(Forbidden):
        review.batch_remove_item(by=cast.reviewer, batch_item=rejected, reason="越权")
    assert batch.items.count() == 3


def test_the_batch_page_offers_removal_and_the_post_removes(client, cast, rejected_batch):
    batch, rejected = rejected_batch
    client.force_login(cast.office)
    page = client.get(f"/delegation/batches/{batch.pk}/").content.decode()
    assert f"/delegation/batch-items/{rejected.pk}/remove/" in page
    response = client.post(
        f"/delegation/batch-items/{rejected.pk}/remove/", {"reason": "超出县级权限"}
    )
    assert response.status_code == 302
    assert not batch.items.filter(pk=rejected.pk).exists()


def test_the_api_removes_a_rejected_item(client, cast, rejected_batch):
    batch, rejected = rejected_batch
    client.force_login(cast.office)
    response = client.post(
        f"/api/delegation/batch-items/{rejected.pk}/remove",
        {"reason": "超出县级权限"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["total"] == 2
    assert response.json()["verdicts"]["reject"] == 0


def test_a_finished_batch_shows_the_review_without_a_form(client, cast, rejected_batch):
    batch, rejected = rejected_batch
    client.force_login(cast.reviewer)
    page = client.get(f"/delegation/batch-items/{rejected.pk}/review/")
    assert page.status_code == 200
    assert 'name="verdict"' not in page.content.decode()
    assert "不能再修改" in page.content.decode()
    posted = client.post(
        f"/delegation/batch-items/{rejected.pk}/review/",
        {"mode": "entrustment", "legal_route": "委托", "verdict": "pass", "row_version": 0},
    )
    assert posted.status_code == 302
    assert LegalityReview.objects.get(batch_item=rejected).verdict == "reject"


def test_a_rejection_needs_no_legal_route_but_a_pass_does(cast):
    project = b.project(cast, b.guiding_version(cast, n=2))
    batch = b.batch(cast, project, status=Batch.Status.IN_REVIEW, verdicts=(None, None))
    first, second = batch.items.order_by("position")
    saved = review.review_save(
        by=cast.reviewer, batch_item=first, mode="entrustment", legal_route="",
        verdict="reject", comment="依据保留给省级人民政府",
    )  # fmt: skip
    assert saved.verdict == "reject"
    with pytest.raises(ValidationError, match="法律路径"):
        review.review_save(
            by=cast.reviewer, batch_item=second, mode="entrustment", legal_route="",
            verdict="pass",
        )  # fmt: skip
