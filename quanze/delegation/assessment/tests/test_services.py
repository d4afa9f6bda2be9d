"""Assessment: the rules the assessment of one item keeps."""

import pytest
from django.core.exceptions import ValidationError

from quanze.delegation.assessment import services as assessing
from quanze.delegation.eventlog.models import Event
from quanze.delegation.projects.models import ItemClass
from quanze.delegation.tests.project_world import build_project
from quanze.testing.world import build_world


@pytest.fixture
def w(cast):
    return build_project(build_world(cast))


def test_it_proposes_classes_by_the_rule_and_records_overrides_with_a_reason(w):
    assert w.urban_item.final_class == ItemClass.BATCH1
    assert w.land_item.final_class == ItemClass.BATCH2
    with pytest.raises(ValidationError, match="须写明理由"):
        assessing.assessment_update(
            by=w.cast.office,
            item=w.land_item,
            expected_row_version=w.land_item.row_version,
            final_class=ItemClass.PENDING,
        )
    item = assessing.assessment_update(
        by=w.cast.office,
        item=w.land_item,
        expected_row_version=w.land_item.row_version,
        final_class=ItemClass.PENDING,
        override_reason="待自然资源局明确法律依据",
    )
    assert item.proposed_class == ItemClass.BATCH2 and item.final_class == ItemClass.PENDING
    assert Event.objects.filter(object_id=item.pk, from_state="batch2", to_state="pending").exists()


def test_a_do_not_delegate_flag_needs_a_reason_and_excludes_the_item(w):
    with pytest.raises(ValidationError, match="必须写明理由"):
        assessing.assessment_update(
            by=w.cast.office,
            item=w.urban_item,
            expected_row_version=w.urban_item.row_version,
            flags={"technical": ""},
        )
    item = assessing.assessment_update(
        by=w.cast.office,
        item=w.urban_item,
        expected_row_version=w.urban_item.row_version,
        flags={"dispute_prone": "涉及拆除违建,矛盾突出"},
    )
    assert item.final_class == ItemClass.NOT_RECOMMENDED


def test_criteria_scores_make_the_indices(w):
    criteria = {c.name: c for c in w.project.criteria.all()}
    scores = {
        criteria["专业技术要求"].pk: 1,
        criteria["办案程序复杂程度"].pk: 3,
        criteria["人员装备要求"].pk: 3,
    }
    item = assessing.assessment_update(
        by=w.cast.office,
        item=w.urban_item,
        expected_row_version=w.urban_item.row_version,
        scores=scores,
    )
    assert str(item.difficulty) == "2.00"  # (1×2 + 3 + 3) / 4
