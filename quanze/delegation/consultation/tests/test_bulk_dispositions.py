"""批量处理 (issue 14): the office disposes many answers of one recipient at once, each
through disposition_save, all or none, each in the history."""

import pytest
from django.urls import reverse

from quanze.core.models import ChangeRecord
from quanze.delegation.consultation import services as consultation
from quanze.delegation.consultation.models import Disposition, TownshipFeedback
from quanze.delegation.tests.project_world import build_project
from quanze.testing.world import build_world


@pytest.fixture
def w(cast):
    w = build_project(build_world(cast))
    consultation.answers_save(
        by=cast.town_a_clerk, recipient=w.town_a_recipient,
        rows=[
            {"item": i.pk, "row_version": 0, "willing": "yes", "capacity": "sufficient"}
            for i in (w.urban_item, w.land_item)
        ],
    )  # fmt: skip
    w.answers = list(TownshipFeedback.objects.filter(round=w.round, township=cast.town_a))
    return w


def _url(w):
    return reverse("delegation:disposition_bulk", args=[w.town_a_recipient.pk])


def test_the_office_disposes_ticked_answers_at_once(client, w):
    client.force_login(w.cast.office)
    page = client.get(reverse("delegation:recipient_detail", args=[w.town_a_recipient.pk])).text
    assert page.count('name="pick"') == 2 and "批量处理" in page
    picks = [f"{a.pk}:0" for a in w.answers]
    client.post(_url(w), {"pick": picks, "outcome": "partly", "reason": "按乡镇承接能力分步下放"})
    found = Disposition.objects.filter(feedback__in=w.answers)
    assert {(d.outcome, d.reason) for d in found} == {("partly", "按乡镇承接能力分步下放")}
    records = ChangeRecord.objects.filter(content_type__model="disposition", actor=w.cast.office)
    assert records.count() == 2
    # Again on the now-stale page: the first row is named and nothing changes.
    text = client.post(_url(w), {"pick": picks, "outcome": "adopted"}, follow=True).text
    first = min(w.answers, key=lambda a: a.pk)
    assert f"第{first.item.position}项" in text and "未处理任何意见" in text
    assert set(Disposition.objects.values_list("outcome", flat=True)) == {"partly"}


def test_a_refusal_needs_a_reason_and_nothing_is_half_done(client, w):
    client.force_login(w.cast.office)
    text = client.post(
        _url(w), {"pick": [f"{a.pk}:0" for a in w.answers], "outcome": "not_adopted"}, follow=True
    ).text
    assert "部分采纳或不采纳时必须说明理由" in text
    assert not Disposition.objects.exists()


@pytest.mark.parametrize("who", ["reviewer", "town_a_clerk", "dept_clerk", "outsider"])
def test_only_the_office_disposes(client, w, who):
    client.force_login(getattr(w.cast, who))
    response = client.post(_url(w), {"pick": [f"{w.answers[0].pk}:0"], "outcome": "adopted"})
    assert response.status_code in (403, 404)
    assert not Disposition.objects.exists()
