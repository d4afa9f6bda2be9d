"""Consultation: the rules the services of rounds, answers and dispositions keep."""

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Conflict, Forbidden
from quanze.core.models import ChangeRecord
from quanze.delegation.consultation import dispositions
from quanze.delegation.consultation import selectors as reports
from quanze.delegation.consultation import services as consultation
from quanze.delegation.consultation.models import DepartmentOpinion
from quanze.delegation.tests.project_world import build_project
from quanze.testing.world import build_world

OPINION = {"can_delegate": "yes", "legal_basis": "行政处罚法第二十条", "method": "委托"}
FEEDBACK = {"willing": "yes", "capacity": "sufficient"}


@pytest.fixture
def w(cast):
    return build_project(build_world(cast))


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
