"""Legality review: the rules the batch and review services keep."""

import pytest
from django.core.exceptions import ValidationError

from quanze.catalog.models import Power
from quanze.core.errors import Forbidden
from quanze.delegation.assessment import services as assessing
from quanze.delegation.eventlog.models import Event
from quanze.delegation.projects.models import ItemClass
from quanze.delegation.review import services as review
from quanze.delegation.tests.project_world import build_project
from quanze.testing.world import build_world


@pytest.fixture
def w(cast):
    return build_project(build_world(cast))


def test_a_power_above_county_level_cannot_pass_review(w):
    review.batch_send_for_review(by=w.cast.office, batch=w.batch)
    Power.objects.filter(pk=w.urban_power.pk).update(exercise_level="省级")
    with pytest.raises(ValidationError, match="不属于县级权力事项"):
        review.review_save(
            by=w.cast.reviewer,
            batch_item=w.batch_item,
            mode="entrustment",
            legal_route="委托",
            verdict="pass",
        )
    Power.objects.filter(pk=w.urban_power.pk).update(
        exercise_level="县级", legal_basis="由省、自治区、直辖市人民政府城市管理主管部门责令改正"
    )
    with pytest.raises(ValidationError, match="超出县级权限"):
        review.review_save(
            by=w.cast.reviewer,
            batch_item=w.batch_item,
            mode="entrustment",
            legal_route="委托",
            verdict="pass",
        )
    rejected = review.review_save(
        by=w.cast.reviewer,
        batch_item=w.batch_item,
        mode="entrustment",
        legal_route="委托",
        verdict="reject",
        comment="省级权限",
    )
    assert rejected.verdict == "reject"


def test_a_batch_completes_review_only_with_every_item_reviewed(w):
    with pytest.raises(ValidationError, match="只有审核中的批次"):
        review.review_save(
            by=w.cast.reviewer,
            batch_item=w.batch_item,
            mode="entrustment",
            legal_route="委托",
            verdict="pass",
        )
    review.batch_send_for_review(by=w.cast.office, batch=w.batch)
    with pytest.raises(ValidationError, match="还有1项未审核"):
        review.batch_review_complete(by=w.cast.reviewer, batch=w.batch)
    with pytest.raises(Forbidden):
        review.review_save(
            by=w.cast.office,
            batch_item=w.batch_item,
            mode="entrustment",
            legal_route="委托",
            verdict="pass",
        )
    review.review_save(
        by=w.cast.reviewer,
        batch_item=w.batch_item,
        mode="entrustment",
        legal_route="委托",
        verdict="pass_with_conditions",
        conditions="配备持证执法人员",
    )
    batch = review.batch_review_complete(by=w.cast.reviewer, batch=w.batch)
    assert batch.status == "reviewed"
    assert list(
        Event.objects.filter(
            object_id=batch.pk, to_state__in=["in_review", "reviewed"]
        ).values_list("to_state", flat=True)
    ) == ["in_review", "reviewed"]


def test_a_batch_takes_only_batch_classes_once(w):
    with pytest.raises(ValidationError, match="已列入"):
        review.batch_create(
            by=w.cast.office,
            project=w.project,
            title="重复",
            mode="entrustment",
            items=[w.urban_item],
        )
    item = assessing.assessment_update(
        by=w.cast.office,
        item=w.land_item,
        expected_row_version=w.land_item.row_version,
        final_class=ItemClass.NOT_RECOMMENDED,
        override_reason="部门不同意",
    )
    with pytest.raises(ValidationError, match="不是第一批或第二批"):
        review.batch_create(
            by=w.cast.office, project=w.project, title="第二批", mode="grant", items=[item]
        )
