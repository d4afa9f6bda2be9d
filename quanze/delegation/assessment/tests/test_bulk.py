"""批量评估 (issue 14): the ticked items get the same scores and/or class, each through
assessment_update, all or none, each change in the history and the item's event log."""

import pytest
from django.urls import reverse

from quanze.core.models import ChangeRecord
from quanze.delegation.assessment import services as assessing
from quanze.delegation.projects.models import ItemAssessment
from quanze.delegation.tests.project_world import build_project
from quanze.testing.world import build_world


@pytest.fixture
def w(cast):
    return build_project(build_world(cast))


def _picks(*items):
    return [f"{i.pk}:{i.row_version}" for i in items]


def _url(w, name):
    return reverse(f"delegation:{name}", args=[w.project.pk])


def test_the_office_scores_and_classes_ticked_items_at_once(client, w):
    client.force_login(w.cast.office)
    before = ChangeRecord.objects.filter(content_type__model="itemassessment").count()
    response = client.post(_url(w, "assessment_bulk"), {
        "pick": _picks(w.urban_item, w.land_item), "difficulty": "1.5", "necessity": "4",
        "final_class": "not_recommended", "override_reason": "暂不具备承接条件", "back": "?sort=name",
    })  # fmt: skip
    assert response.url.endswith("/items/?sort=name")
    for item in ItemAssessment.objects.filter(pk__in=[w.urban_item.pk, w.land_item.pk]):
        assert (item.difficulty, item.necessity, item.final_class) == (1.5, 4, "not_recommended")
        assert item.override_reason == "暂不具备承接条件"
    after = ChangeRecord.objects.filter(content_type__model="itemassessment").count()
    assert after == before + 2
    assert "批量保存" in client.get(_url(w, "assessment_list")).text


def test_scores_alone_keep_each_items_own_class_override(w):
    item = assessing.assessment_update(
        by=w.cast.office, item=w.land_item, expected_row_version=w.land_item.row_version,
        final_class="not_recommended", override_reason="原有理由",
    )  # fmt: skip
    assessing.assessments_update_many(
        by=w.cast.office, project=w.project, versions={item.pk: item.row_version}, necessity="5"
    )
    item.refresh_from_db()
    assert item.proposed_class != "not_recommended"  # so the class is still an override
    assert (item.final_class, item.override_reason, item.necessity) == (
        "not_recommended",
        "原有理由",
        5,
    )


def test_one_bad_item_saves_nothing_and_is_named(client, w):
    client.force_login(w.cast.office)
    stale = f"{w.land_item.pk}:{w.land_item.row_version - 1}"
    text = client.post(
        _url(w, "assessment_bulk"),
        {"pick": [*_picks(w.urban_item), stale], "necessity": "1"},
        follow=True,
    ).text
    assert f"第{w.land_item.position}项“{w.land_item.power}”" in text and "未保存任何评估" in text
    w.urban_item.refresh_from_db()
    assert w.urban_item.necessity == 4.5
    text = client.post(
        _url(w, "assessment_bulk"),
        {"pick": _picks(w.urban_item), "final_class": "not_recommended"},
        follow=True,
    ).text
    assert "调整分类理由" in text
    assert client.post(_url(w, "assessment_bulk"), {"pick": _picks(w.urban_item)}, follow=True)
    w.urban_item.refresh_from_db()
    assert w.urban_item.final_class != "not_recommended"


@pytest.mark.parametrize("who", ["reviewer", "dept_clerk", "town_a_clerk", "outsider"])
def test_only_the_office_may_assess_in_bulk(client, w, who):
    client.force_login(getattr(w.cast, who))
    response = client.post(
        _url(w, "assessment_bulk"), {"pick": _picks(w.urban_item), "necessity": "1"}
    )
    assert response.status_code in (403, 404)
    w.urban_item.refresh_from_db()
    assert w.urban_item.necessity == 4.5
