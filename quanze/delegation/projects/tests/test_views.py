"""The project page: the stages with the current one marked, and only the next one offered."""

import pytest
from django.urls import reverse

from quanze.delegation.tests.project_world import build_project
from quanze.testing.world import build_world


@pytest.fixture
def w(cast):
    return build_project(build_world(cast))


def test_the_page_marks_the_current_stage_and_offers_only_the_next(client, w):
    client.force_login(w.cast.office)
    page = client.get(reverse("delegation:project_detail", args=[w.project.pk])).text
    assert 'aria-current="step">评估分类(当前)' in page
    assert '<input type="hidden" name="stage" value="consultation">' in page
    assert "推进到下一阶段:征求意见" in page and "data-confirm=" in page
    assert '<select name="stage">' not in page


def test_a_skipping_post_is_refused_with_the_reason(client, w):
    client.force_login(w.cast.office)
    url = reverse("delegation:project_advance", args=[w.project.pk])
    page = client.post(url, {"stage": "claims"}, follow=True).text
    assert "只能推进到下一阶段“征求意见”,不能跳过" in page
    w.project.refresh_from_db()
    assert w.project.stage == "assessment"
