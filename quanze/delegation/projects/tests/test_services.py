"""Projects: opening one, its stages, and its class-proposal rule."""

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Conflict
from quanze.delegation.eventlog.models import Event
from quanze.delegation.projects import services as projects
from quanze.delegation.projects.models import DelegationProject, ItemClass
from quanze.delegation.tests.project_world import build_project
from quanze.testing.world import build_world


@pytest.fixture
def w(cast):
    return build_project(build_world(cast))


def test_it_opens_a_project_with_one_assessment_per_catalog_entry(w):
    assert w.project.items.count() == w.published.entries.count() == 2
    assert Event.objects.filter(project=w.project, to_state="assessment").exists()


def test_adjusting_the_rule_reclassifies_items_that_follow_it(w):
    rule = w.project.rule
    projects.rule_update(
        by=w.cast.office,
        project=w.project,
        expected_row_version=rule.row_version,
        batch2_min_necessity="3.5",
        reason="提高第二批门槛",
    )
    w.land_item.refresh_from_db()
    assert w.land_item.final_class == ItemClass.PENDING
    with pytest.raises(Conflict):
        projects.rule_update(
            by=w.cast.office, project=w.project, expected_row_version=rule.row_version
        )


def test_stages_only_move_forward(w):
    projects.project_advance(by=w.cast.office, project=w.project, to="consultation")
    projects.project_advance(by=w.cast.office, project=w.project, to="review")
    with pytest.raises(ValidationError, match="不能改为"):
        projects.project_advance(by=w.cast.office, project=w.project, to="consultation")


def test_no_stage_is_skipped(w):
    with pytest.raises(ValidationError, match="只能推进到下一阶段“征求意见”,不能跳过"):
        projects.project_advance(by=w.cast.office, project=w.project, to="review")
    assert DelegationProject.objects.get(pk=w.project.pk).stage == "assessment"
