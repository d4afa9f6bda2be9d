"""The proposal rules: hand-checked cases and properties over any facts (hypothesis)."""

from hypothesis import given
from hypothesis import strategies as st

from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.rounds.definitions import DEFAULT_THRESHOLDS
from quanze.evaluation.rounds.rules import (
    AddRequest,
    ItemFacts,
    Matter,
    add_proposals,
    item_proposals,
)

T = DEFAULT_THRESHOLDS


def facts(**more):
    base = dict(
        power_id=1, name="事项", county_owned=True, department_id=7, held=5, exercised=3, cases=9
    )
    return ItemFacts(**{**base, **more})


def test_no_exercise_returns_the_item_with_readable_facts():
    [draft] = item_proposals(facts(exercised=0, cases=0), T, months=12)
    assert draft.kind is ChangeKind.RETURN and draft.township_id is None
    assert draft.facts == "行权率 0%(12个月,5个乡镇承接、0个行权);案件 0 件"


def test_an_item_the_county_did_not_set_is_reported_upward():
    [draft] = item_proposals(facts(exercised=0, county_owned=False), T, months=12)
    assert draft.kind is ChangeKind.REPORT_UPWARD and "上报" in draft.reason


def test_most_townships_asking_to_return_returns_it():
    asked = tuple((n, f"镇{n}", True) for n in range(3))
    [draft] = item_proposals(facts(asked_return=asked), T, months=12)
    assert draft.kind is ChangeKind.RETURN
    assert "5个乡镇中3个申请退回" in draft.facts


def test_one_idle_township_asking_to_return_returns_it_there_only():
    asked = ((11, "玫瑰镇", False), (12, "锦水街道", True))
    [draft] = item_proposals(facts(asked_return=asked), T, months=12)
    assert (draft.kind, draft.township_id) == (ChangeKind.RETURN, 11)


def test_low_satisfaction_transfers_the_worst_matter_to_the_department():
    matter = Matter(5, "占道经营管理", 10, 2)
    [draft] = item_proposals(facts(rated=20, satisfied=8, worst_matter=matter), T, months=12)
    assert (draft.kind, draft.matter_id, draft.unit_id) == (ChangeKind.TRANSFER, 5, 7)
    assert "满意率 40%(评价 20 次)" in draft.facts and "“占道经营管理”满意率 20%" in draft.facts


def test_too_few_ratings_do_not_transfer():
    matter = Matter(5, "占道经营管理", 2, 0)
    [draft] = item_proposals(facts(rated=2, satisfied=0, worst_matter=matter), T, months=12)
    assert draft.kind is ChangeKind.KEEP


def test_add_needs_enough_townships():
    request = AddRequest(3, "事项", 7, ((1, "甲镇"), (2, "乙镇")))
    assert [d.township_id for d in add_proposals(request, T)] == [1, 2]
    assert add_proposals(request, {**T, "add_min": 3}) == []


thresholds = st.fixed_dictionaries(
    {
        "return_rate": st.integers(0, 100),
        "return_share": st.integers(1, 100),
        "satisfaction_min": st.integers(0, 100),
        "rated_min": st.integers(1, 50),
        "add_min": st.integers(1, 5),
    }
)


@st.composite
def items(draw):
    held = draw(st.integers(1, 40))
    exercised = draw(st.integers(0, held))
    rated = draw(st.integers(0, 200))
    satisfied = draw(st.integers(0, rated))
    asked = draw(
        st.lists(
            st.tuples(st.integers(1, 10**6), st.booleans()), max_size=held, unique_by=lambda t: t[0]
        )
    )
    matter = Matter(9, "事项甲", rated, satisfied) if rated else None
    return facts(
        held=held,
        exercised=exercised,
        rated=rated,
        satisfied=satisfied,
        worst_matter=matter,
        asked_return=tuple((t, "镇", ex) for t, ex in asked),
        county_owned=draw(st.booleans()),
    )


@given(items(), thresholds, st.integers(1, 36))
def test_every_item_gets_a_result_with_its_facts(item, limits, months):
    drafts = item_proposals(item, limits, months=months)
    assert drafts
    assert all(d.facts.startswith("行权率 ") and f"{months}个月" in d.facts for d in drafts)
    kinds = {d.kind for d in drafts}
    assert ChangeKind.KEEP not in kinds or kinds == {ChangeKind.KEEP}
    assert ChangeKind.ADD not in kinds


@given(items(), thresholds)
def test_no_exercise_always_gives_up_the_item(item, limits):
    idle = ItemFacts(**{**item.__dict__, "exercised": 0})
    [draft] = item_proposals(idle, limits, months=12)
    assert draft.township_id is None
    assert draft.kind is (ChangeKind.RETURN if idle.county_owned else ChangeKind.REPORT_UPWARD)


@given(items(), thresholds)
def test_a_higher_return_threshold_never_keeps_an_item_it_returned(item, limits):
    def returned_whole(limit):
        drafts = item_proposals(item, {**limits, "return_rate": limit}, months=12)
        return any(
            d.kind in (ChangeKind.RETURN, ChangeKind.REPORT_UPWARD) and d.township_id is None
            for d in drafts
        )

    if returned_whole(limits["return_rate"]):
        assert returned_whole(100)


@given(items(), thresholds)
def test_a_transfer_always_names_the_matter_and_the_department(item, limits):
    for draft in item_proposals(item, limits, months=12):
        if draft.kind is ChangeKind.TRANSFER:
            assert draft.matter_id == 9 and draft.unit_id == item.department_id
            assert 100 * item.satisfied / item.rated < limits["satisfaction_min"]
