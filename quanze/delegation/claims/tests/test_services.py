"""Claiming: the basic set in full, reasons for optional refusals, deadline, review, concurrency."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quanze.core.errors import Conflict, Forbidden
from quanze.core.history import history_for
from quanze.core.models import ChangeRecord
from quanze.delegation.claims import review as claim_review
from quanze.delegation.claims import services as claims
from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.claims.models import Claim, ClaimWindow
from quanze.delegation.claims.services import Choice
from quanze.delegation.eventlog.selectors import events_for
from quanze.delegation.tests import builders as b


@pytest.fixture
def window(cast):
    version = b.guiding_version(cast, n=4, basic=2)
    return claim_windows.window_open(
        by=cast.office,
        county=cast.county,
        catalog_version=version,
        title="2025年乡镇认领",
        deadline=b.deadline(),
        townships=[cast.town_a, cast.town_b],
    )


def _rows(window, town):
    return list(Claim.objects.filter(window=window, township=town).order_by("entry__position"))


def _answer(cast, window, town, answers, clerk=None):
    rows = _rows(window, town)
    return claims.claims_save(
        by=clerk or cast.town_a_clerk,
        window=window,
        township=town,
        choices={rows[i].pk: choice for i, choice in answers.items()},
        row_versions={c.pk: c.row_version for c in rows},
    )


def _complete(cast, window):
    _answer(cast, window, cast.town_a, {2: Choice(True, "业务量大"), 3: Choice(False, "无此业务")})


def test_opening_creates_a_row_per_township_and_item_with_the_basic_set_claimed(cast, window):
    rows = _rows(window, cast.town_a)
    assert [c.claimed for c in rows] == [True, True, None, None]
    assert Claim.objects.filter(window=window).count() == 8
    assert events_for(window).get().to_state == "open"


def test_a_township_claims_submits_and_the_office_accepts(cast, window):
    _complete(cast, window)
    assert claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a) == 3
    assert {c.status for c in _rows(window, cast.town_a)} == {"submitted"}
    assert {c.status for c in _rows(window, cast.town_b)} == {"draft"}
    claim_review.claims_review(by=cast.office, window=window, township=cast.town_a, accept=True)
    rows = _rows(window, cast.town_a)
    assert {c.status for c in rows} == {"accepted"}
    assert [e.to_state for e in events_for(rows[2])] == ["submitted", "accepted"]


def test_every_saved_answer_is_in_the_history(cast, window):
    _complete(cast, window)
    row = _rows(window, cast.town_a)[2]
    record = ChangeRecord.objects.get(
        object_id=row.pk, action="update", content_type__model="claim"
    )
    assert record.after == {"claimed": True, "reason": "业务量大"}
    assert record.actor == cast.town_a_clerk


def test_the_basic_set_cannot_be_refused(cast, window):
    with pytest.raises(ValidationError, match="第1项.*属于基本盘,必须认领"):
        _answer(cast, window, cast.town_a, {0: Choice(False, "不想要"), 2: Choice(True, "好")})
    assert _rows(window, cast.town_a)[2].claimed is None  # nothing saved


def test_submitting_needs_a_choice_for_every_optional_item_and_a_reason_for_a_refusal(cast, window):
    _answer(cast, window, cast.town_a, {2: Choice(False, "")})
    with pytest.raises(ValidationError) as error:
        claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a)
    text = " ".join(error.value.messages)
    assert "尚未选择认领或不认领:第4项" in text
    assert "不认领的自选盘事项须说明理由:第3项" in text
    assert {c.status for c in _rows(window, cast.town_a)} == {"draft"}


def test_a_claimed_item_needs_no_reason(cast, window):
    _answer(cast, window, cast.town_a, {2: Choice(True, ""), 3: Choice(False, "无此业务")})
    assert claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a) == 3


def test_the_second_of_two_people_editing_the_same_claim_is_refused(cast, window):
    seen = _rows(window, cast.town_a)
    versions = {c.pk: c.row_version for c in seen}
    claims.claims_save(
        by=cast.town_a_clerk,
        window=window,
        township=cast.town_a,
        choices={seen[2].pk: Choice(True, "第一人")},
        row_versions=versions,
    )
    with pytest.raises(Conflict, match="第3项.*已被他人修改"):
        claims.claims_save(
            by=cast.town_a_clerk,
            window=window,
            township=cast.town_a,
            choices={seen[3].pk: Choice(False, "第二人")},
            row_versions=versions,
        )
    rows = _rows(window, cast.town_a)
    assert (rows[2].reason, rows[3].claimed) == ("第一人", None)


def test_claiming_after_the_deadline_is_refused(cast, window):
    ClaimWindow.objects.filter(pk=window.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    window.refresh_from_db()
    with pytest.raises(ValidationError, match="认领已于.*截止"):
        _complete(cast, window)
    with pytest.raises(ValidationError, match="截止"):
        claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a)


def test_a_closed_window_refuses_claims(cast, window):
    claim_windows.window_close(by=cast.office, window=window, reason="各乡镇已提交")
    with pytest.raises(ValidationError, match="已截止"):
        _complete(cast, window)
    assert [(e.from_state, e.to_state) for e in events_for(window)][-1] == ("open", "closed")
    record = ChangeRecord.objects.get(object_id=window.pk, action="close")
    assert record.before == {"status": "open"} and record.after == {"status": "closed"}
    assert record.actor == cast.office and record.reason == "各乡镇已提交"


def test_the_office_returns_with_comments_and_the_township_answers_again(cast, window):
    _complete(cast, window)
    claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a)
    rows = _rows(window, cast.town_a)
    with pytest.raises(ValidationError, match="退回时须写明意见"):
        claim_review.claims_review(
            by=cast.office, window=window, township=cast.town_a, accept=False
        )
    claim_review.claims_review(
        by=cast.office,
        window=window,
        township=cast.town_a,
        accept=False,
        comment="请再考虑",
        item_comments={rows[3].pk: "本镇有此业务,建议认领"},
    )
    rows = _rows(window, cast.town_a)
    assert {c.status for c in rows} == {"returned"}
    assert rows[3].office_comment == "本镇有此业务,建议认领"
    _answer(cast, window, cast.town_a, {3: Choice(True, "接受建议")})
    assert claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a) == 4


def test_a_submitted_claim_cannot_be_edited_or_submitted_again(cast, window):
    _complete(cast, window)
    claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a)
    with pytest.raises(ValidationError, match="不能再修改"):
        _answer(cast, window, cast.town_a, {3: Choice(True, "改主意")})
    with pytest.raises(ValidationError, match="不能重复提交"):
        claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a)


def test_a_township_answers_only_for_itself(cast, window):
    with pytest.raises(Forbidden):
        _answer(cast, window, cast.town_a, {2: Choice(True, "x")}, clerk=cast.town_b_clerk)
    with pytest.raises(Forbidden):
        _answer(cast, window, cast.town_a, {2: Choice(True, "x")}, clerk=cast.office)
    with pytest.raises(Forbidden):
        claim_review.claims_review(
            by=cast.town_a_clerk, window=window, township=cast.town_a, accept=True
        )


def test_opening_refuses_bad_input(cast):
    version = b.guiding_version(cast, n=2, basic=1)
    args = dict(
        by=cast.office,
        county=cast.county,
        catalog_version=version,
        title="认领",
        deadline=b.deadline(),
        townships=[cast.town_a],
    )
    with pytest.raises(ValidationError, match="截止时间:应晚于当前时间"):
        claim_windows.window_open(**{**args, "deadline": timezone.now() - timedelta(days=1)})
    with pytest.raises(ValidationError, match="不属于平阴县"):
        claim_windows.window_open(**{**args, "townships": [cast.other_county]})
    with pytest.raises(Forbidden):
        claim_windows.window_open(**{**args, "by": cast.outsider})
    assert not ClaimWindow.objects.exists()


def _status_records(claim):
    return [
        (r.before, r.after, r.actor)
        for r in history_for(claim).order_by("at", "pk")
        if "status" in r.after
    ]


def test_submit_return_and_accept_each_leave_a_change_record_per_claim(cast, window):
    _complete(cast, window)
    claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a)
    row = _rows(window, cast.town_a)[3]
    claim_review.claims_review(
        by=cast.office,
        window=window,
        township=cast.town_a,
        accept=False,
        comment="请再考虑",
        item_comments={row.pk: "建议认领"},
    )
    _answer(cast, window, cast.town_a, {3: Choice(True, "接受建议")})
    claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a)
    claim_review.claims_review(by=cast.office, window=window, township=cast.town_a, accept=True)
    assert _status_records(row) == [
        ({"status": "draft"}, {"status": "submitted"}, cast.town_a_clerk),
        (
            {"status": "submitted", "office_comment": ""},
            {"status": "returned", "office_comment": "建议认领"},
            cast.office,
        ),
        ({"status": "returned"}, {"status": "submitted"}, cast.town_a_clerk),
        ({"status": "submitted"}, {"status": "accepted"}, cast.office),
    ]
    other = _rows(window, cast.town_a)[0]
    assert [after for _, after, _ in _status_records(other)][1] == {"status": "returned"}
    assert not any(_status_records(c) for c in _rows(window, cast.town_b))


def test_submitting_costs_the_same_queries_for_few_or_many_claims(cast):
    def submit_queries(n, prefix, town, clerk):
        version = b.guiding_version(cast, n=n, basic=n, prefix=prefix)
        window = claim_windows.window_open(
            by=cast.office,
            county=cast.county,
            catalog_version=version,
            title=f"认领{prefix}",
            deadline=b.deadline(),
            townships=[town],
        )
        with CaptureQueriesContext(connection) as queries:
            claims.claims_submit(by=clerk, window=window, township=town)
        assert ChangeRecord.objects.filter(after={"status": "submitted"}).count() >= n
        return len(queries)

    few = submit_queries(2, "QA", cast.town_a, cast.town_a_clerk)
    many = submit_queries(15, "QB", cast.town_b, cast.town_b_clerk)
    assert few == many
