"""Projects, assessment, consultation and legality review: the rules the services keep."""

import pytest
from django.core.exceptions import ValidationError

from quanze.catalog.models import Power
from quanze.core.errors import Conflict, Forbidden
from quanze.core.models import ChangeRecord
from quanze.delegation import assessing, consultation, dispositions, projects, reports, review
from quanze.delegation.models import DepartmentOpinion, Event, ItemClass
from quanze.delegation.tests.project_world import build_project
from quanze.testing.world import build_world

OPINION = {"can_delegate": "yes", "legal_basis": "行政处罚法第二十条", "method": "委托"}
FEEDBACK = {"willing": "yes", "capacity": "sufficient"}


@pytest.fixture
def w(cast):
    return build_project(build_world(cast))


def test_it_opens_a_project_with_one_assessment_per_catalog_entry(w):
    assert w.project.items.count() == w.published.entries.count() == 2
    assert Event.objects.filter(project=w.project, to_state="assessment").exists()


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


def test_a_department_answers_only_its_own_items(w):
    with pytest.raises(ValidationError, match="不在本单位本轮的征求范围内"):
        consultation.answers_save(
            by=w.cast.dept_clerk,
            recipient=w.urban_recipient,
            rows=[{"item": w.land_item.pk, "row_version": 0, **OPINION}],
        )
    with pytest.raises(Forbidden):
        consultation.answers_save(
            by=w.cast.other_dept_clerk,
            recipient=w.urban_recipient,
            rows=[{"item": w.urban_item.pk, "row_version": 0, **OPINION}],
        )
    consultation.answers_save(
        by=w.cast.dept_clerk,
        recipient=w.urban_recipient,
        rows=[{"item": w.urban_item.pk, "row_version": 0, **OPINION}],
    )
    assert DepartmentOpinion.objects.get().department == w.cast.urban


def test_the_second_of_two_concurrent_saves_is_refused(w):
    row = {"item": w.urban_item.pk, "row_version": 0, **FEEDBACK}
    consultation.answers_save(by=w.cast.town_a_clerk, recipient=w.town_a_recipient, rows=[row])
    with pytest.raises(Conflict):  # the second clerk saw the sheet before the first saved
        consultation.answers_save(
            by=w.cast.town_a_clerk,
            recipient=w.town_a_recipient,
            rows=[{**row, "willing": "no", "reason": "人手不足"}],
        )
    feedback = w.round.feedback.get()
    assert feedback.willing == "yes" and feedback.row_version == 1


def test_a_refusal_needs_a_reason_and_nothing_is_saved(w):
    rows = [
        {"item": w.urban_item.pk, "row_version": 0, **FEEDBACK},
        {"item": w.land_item.pk, "row_version": 0, "willing": "no", "capacity": "insufficient"},
    ]
    with pytest.raises(ValidationError, match="第2行.*理由"):
        consultation.answers_save(by=w.cast.town_a_clerk, recipient=w.town_a_recipient, rows=rows)
    assert not w.round.feedback.exists()


def test_a_closed_round_is_frozen_and_cannot_be_reopened(w):
    consultation.round_close(by=w.cast.office, round_=w.round)
    with pytest.raises(ValidationError, match="已关闭并冻结"):
        consultation.answers_save(
            by=w.cast.town_a_clerk,
            recipient=w.town_a_recipient,
            rows=[{"item": w.urban_item.pk, "row_version": 0, **FEEDBACK}],
        )
    with pytest.raises(ValidationError, match="不能再次关闭或重新开启"):
        consultation.round_close(by=w.cast.office, round_=w.round)


def test_progress_reminders_and_the_next_round_show_what_changed(w):
    row = {"item": w.urban_item.pk, "row_version": 0, **FEEDBACK}
    consultation.answers_save(by=w.cast.town_a_clerk, recipient=w.town_a_recipient, rows=[row])
    progress = {str(p.recipient): p for p in reports.recipient_progress(w.round)}
    assert (progress["锦水街道"].answered, progress["锦水街道"].outstanding) == (1, 1)
    assert progress["平阴县城市管理局"].expected == 1
    reminder = dispositions.reminder_send(by=w.cast.office, recipient=w.town_a_recipient)
    assert reminder.outstanding == 1
    consultation.round_close(by=w.cast.office, round_=w.round)
    second = consultation.round_open(
        by=w.cast.office, project=w.project, items=[w.urban_item], departments=[]
    )
    town_a = second.recipients.get(township=w.cast.town_a)
    consultation.answers_save(
        by=w.cast.town_a_clerk,
        recipient=town_a,
        rows=[{**row, "willing": "conditional", "reason": "需配备执法车辆"}],
    )
    changes = reports.round_changes(second)
    assert [(c["unit"], c["kind"], c["fields"]) for c in changes] == [
        ("锦水街道", "changed", ["willing", "reason"])
    ]


def test_dispositions_need_a_reason_unless_adopted(w):
    consultation.answers_save(
        by=w.cast.dept_clerk,
        recipient=w.urban_recipient,
        rows=[{"item": w.urban_item.pk, "row_version": 0, **OPINION}],
    )
    opinion = DepartmentOpinion.objects.get()
    with pytest.raises(ValidationError, match="理由"):
        dispositions.disposition_save(by=w.cast.office, opinion=opinion, outcome="not_adopted")
    done = dispositions.disposition_save(
        by=w.cast.office, opinion=opinion, outcome="partly", reason="分批下放"
    )
    with pytest.raises(Conflict):
        dispositions.disposition_save(by=w.cast.office, opinion=opinion, outcome="adopted")
    assert done.row_version == 1


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


def test_every_edit_is_recorded_in_the_change_log(w):
    consultation.answers_save(
        by=w.cast.town_a_clerk,
        recipient=w.town_a_recipient,
        rows=[{"item": w.urban_item.pk, "row_version": 0, **FEEDBACK}],
    )
    assert ChangeRecord.objects.filter(actor=w.cast.town_a_clerk).count() == 1
    assert ChangeRecord.objects.filter(
        object_id=w.urban_item.pk, content_type__model="itemassessment"
    ).exists()


def test_stages_only_move_forward(w):
    projects.project_advance(by=w.cast.office, project=w.project, to="review")
    with pytest.raises(ValidationError, match="不能改为"):
        projects.project_advance(by=w.cast.office, project=w.project, to="consultation")
