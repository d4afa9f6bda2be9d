"""Submitting a reviewed batch, recording the meeting's decision, publishing the lists."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from quanze.catalog.models import CatalogEntry, CatalogVersion
from quanze.core.errors import Conflict, Forbidden
from quanze.core.models import ChangeRecord
from quanze.delegation.decisions import services as decisions
from quanze.delegation.decisions.models import Decision
from quanze.delegation.eventlog.selectors import events_for
from quanze.delegation.review.models import Batch, Mode
from quanze.delegation.tests import builders as b

MEETING, EFFECTIVE = date(2025, 5, 6), date(2025, 6, 1)


@pytest.fixture
def setup(cast):
    version = b.guiding_version(cast, n=4)
    project = b.project(cast, version)
    return cast, project


def _record(cast, batch, **kw):
    args = dict(
        by=cast.office,
        batch=batch,
        meeting_date=MEETING,
        document_number="平政发〔2025〕8号",
        townships=[cast.town_a, cast.town_b],
        mode=Mode.ENTRUSTMENT,
        effective_date=EFFECTIVE,
        fine_return_share="80",
    )
    return decisions.decision_record(**{**args, **kw})


def test_it_submits_a_reviewed_batch_and_logs_the_transition(setup):
    cast, project = setup
    batch = b.batch(cast, project, verdicts=("pass", "pass_with_conditions"))
    decisions.batch_submit(by=cast.office, batch=batch)
    batch.refresh_from_db()
    assert batch.status == Batch.Status.SUBMITTED
    event = events_for(batch).get()
    assert (event.from_state, event.to_state, event.actor) == ("reviewed", "submitted", cast.office)


@pytest.mark.parametrize(
    "verdicts, message",
    [(("pass", None), "尚未经合法性审核"), (("pass", "reject"), "合法性审核不通过")],
)
def test_it_refuses_a_batch_with_an_unreviewed_or_rejected_item(setup, verdicts, message):
    cast, project = setup
    batch = b.batch(cast, project, verdicts=verdicts)
    with pytest.raises(ValidationError, match=message):
        decisions.batch_submit(by=cast.office, batch=batch)
    batch.refresh_from_db()
    assert batch.status == Batch.Status.REVIEWED
    assert not events_for(batch).exists()


def test_it_refuses_a_batch_not_yet_reviewed(setup):
    cast, project = setup
    batch = b.batch(cast, project, status=Batch.Status.IN_REVIEW)
    with pytest.raises(ValidationError, match="只有合法性审核完成的批次"):
        decisions.batch_submit(by=cast.office, batch=batch)


def test_only_the_county_office_submits(setup):
    cast, project = setup
    batch = b.batch(cast, project)
    for user in (cast.reviewer, cast.town_a_clerk, cast.outsider):
        with pytest.raises(Forbidden):
            decisions.batch_submit(by=user, batch=batch)


def test_a_stale_row_version_is_refused(setup):
    cast, project = setup
    batch = b.batch(cast, project)
    with pytest.raises(Conflict):
        decisions.batch_submit(
            by=cast.office, batch=batch, expected_row_version=batch.row_version + 1
        )


def test_it_records_the_decision_and_approves_the_batch(setup):
    cast, project = setup
    batch = b.batch(cast, project, verdicts=("pass", "pass"), status=Batch.Status.SUBMITTED)
    decision = _record(cast, batch)
    batch.refresh_from_db()
    assert batch.status == Batch.Status.APPROVED
    assert decision.status == Decision.Status.RECORDED
    assert decision.fine_return_share == 80
    assert decision.items.count() == 2
    assert set(decision.townships.all()) == {cast.town_a, cast.town_b}
    assert events_for(decision).get().to_state == "recorded"
    assert ChangeRecord.objects.filter(object_id=decision.pk, action="create").exists()


def test_it_refuses_a_decision_for_a_batch_not_submitted(setup):
    cast, project = setup
    batch = b.batch(cast, project)
    with pytest.raises(ValidationError, match="只有已提请常务会的批次"):
        _record(cast, batch)
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"fine_return_share": "120"}, "罚没款返还比例"),
        ({"document_number": " "}, "文号:不能为空"),
        ({"effective_date": date(2025, 1, 1)}, "生效日期:不能早于常务会日期"),
        ({"mode": Mode.ASSIGNMENT}, "方式与决定不一致"),
    ],
)
def test_it_refuses_bad_decisions_with_the_field_named(setup, change, message):
    cast, project = setup
    batch = b.batch(cast, project, status=Batch.Status.SUBMITTED)
    with pytest.raises(ValidationError, match=message):
        _record(cast, batch, **change)
    batch.refresh_from_db()
    assert batch.status == Batch.Status.SUBMITTED


def test_it_refuses_townships_outside_the_project(setup):
    cast, project = setup
    project.townships.set([cast.town_a])
    batch = b.batch(cast, project, status=Batch.Status.SUBMITTED)
    with pytest.raises(ValidationError, match="玫瑰镇不在本赋权项目范围内"):
        _record(cast, batch)


def test_publishing_the_decision_publishes_every_township_list_once(setup):
    cast, project = setup
    batch = b.batch(cast, project, verdicts=("pass", "pass"), status=Batch.Status.SUBMITTED)
    decision = _record(cast, batch)
    decisions.decision_publish(by=cast.office, decision=decision)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.PUBLISHED
    for town in (cast.town_a, cast.town_b):
        version = CatalogVersion.objects.get(catalog__owner=town, status="published")
        assert version.document_number == "平政发〔2025〕8号"
        assert version.effective_date == EFFECTIVE
        assert "80%返还" in version.note
        codes = list(
            CatalogEntry.objects.filter(version=version).values_list("power__code", flat=True)
        )
        assert codes == ["CG-000", "CG-001"]
    with pytest.raises(ValidationError, match="不能重复发布"):
        decisions.decision_publish(by=cast.office, decision=decision)
