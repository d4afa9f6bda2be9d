"""The proposal rules: hand-checked cases and properties over any facts (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.rounds.definitions import DEFAULT_THRESHOLDS
from quanze.evaluation.rounds.rules import (
    AddRequest,
    ItemFacts,
    Matter,
    add_proposals,
    item_proposals,
    transfer_refusal,
)

T = DEFAULT_THRESHOLDS


def facts(**more):
    """An item; unless told, every township asking to return it still holds it, and so
    does another one (id 0)."""
    base = dict(
        power_id=1, name="事项", county_owned=True, department_id=7, held=5, exercised=3, cases=9
    )
    asked = more.get("asked_return", ())
    base["holding"] = frozenset({0, *(t for t, _n, _e in asked)})
    return ItemFacts(**{**base, **more})


def test_no_exercise_returns_the_item_with_readable_facts():
    [draft] = item_proposals(facts(exercised=0, cases=0), T, months=12)
    assert draft.kind is ChangeKind.RETURN and draft.township_id is None
    assert draft.facts == "行权率 0%(12个月,5个乡镇承接、0个行权);案件 0 件"


def test_an_item_no_catalog_lists_any_more_is_kept_and_the_facts_say_why():
    [draft] = item_proposals(facts(exercised=0, cases=0, in_catalog=False), T, months=12)
    assert draft.kind is ChangeKind.KEEP and draft.reason == "目录中已无该事项,暂不能收回,保留"
    assert draft.facts.endswith(
        ";乡镇不能承担:评估期内行权率低,但该事项已不在已发布的目录中,须先列入目录才能收回,未提出收回"
    )


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


def test_no_return_of_an_item_no_township_of_the_round_holds_now():
    """Held in the period, but every list that held it has since been replaced by one
    without it: opening would refuse the return (无从收回), so it is not proposed."""
    [draft] = item_proposals(facts(exercised=0, holding=frozenset()), T, months=12)
    assert draft.kind is ChangeKind.KEEP and draft.township_id is None
    assert draft.reason == "现行清单中已无该事项,无需收回"
    assert draft.facts.endswith(
        ";乡镇不能承担:评估期内行权率低,但评估范围内乡镇的现行清单中已无该事项,未提出收回"
    )
    asked = tuple((n, f"镇{n}", True) for n in range(3))
    upward = facts(county_owned=False, asked_return=asked, holding=frozenset())
    [draft] = item_proposals(upward, T, months=12)
    assert draft.kind is ChangeKind.KEEP and "多数承接乡镇申请退回,但" in draft.facts


def test_no_return_for_a_township_whose_list_no_longer_holds_it():
    asked = ((11, "玫瑰镇", False), (12, "锦水街道", False))
    [draft] = item_proposals(facts(asked_return=asked, holding=frozenset({12})), T, months=12)
    assert (draft.kind, draft.township_id) == (ChangeKind.RETURN, 12)
    assert draft.facts.endswith(";玫瑰镇申请退回,但其现行清单中已无该事项,未提出收回")


def test_low_satisfaction_transfers_the_worst_matter_to_the_department():
    matter = Matter(5, "占道经营管理", 10, 2, primary_id=3)
    [draft] = item_proposals(facts(rated=20, satisfied=8, worst_matter=matter), T, months=12)
    assert (draft.kind, draft.matter_id, draft.unit_id) == (ChangeKind.TRANSFER, 5, 7)
    assert "满意率 40%(评价 20 次)" in draft.facts and "“占道经营管理”满意率 20%" in draft.facts


def test_too_few_ratings_do_not_transfer():
    matter = Matter(5, "占道经营管理", 2, 0, primary_id=3)
    [draft] = item_proposals(facts(rated=2, satisfied=0, worst_matter=matter), T, months=12)
    assert draft.kind is ChangeKind.KEEP


def test_no_transfer_to_the_department_already_primary_and_the_facts_say_why():
    matter = Matter(5, "占道经营管理", 10, 2, primary_id=7)
    [draft] = item_proposals(facts(rated=20, satisfied=8, worst_matter=matter), T, months=12)
    assert draft.kind is ChangeKind.KEEP
    assert draft.facts.endswith(
        ";满意率最低的属地事项“占道经营管理”满意率 20%(评价 10 次),"
        "未提出调整主责单位:该事项的实施部门已是“占道经营管理”的主责部门"
    )


def test_no_transfer_of_a_matter_off_the_list_or_to_no_department():
    off_list = Matter(5, "占道经营管理", 10, 2, primary_id=None)
    [draft] = item_proposals(facts(rated=20, satisfied=8, worst_matter=off_list), T, months=12)
    assert draft.kind is ChangeKind.KEEP
    assert "未提出调整主责单位:“占道经营管理”不在现行属地管理责任清单上" in draft.facts
    matter = Matter(5, "占道经营管理", 10, 2, primary_id=3)
    nobody = facts(rated=20, satisfied=8, worst_matter=matter, department_id=None)
    [draft] = item_proposals(nobody, T, months=12)
    assert draft.kind is ChangeKind.KEEP and "没有实施部门" in draft.facts


def test_a_skipped_transfer_is_explained_on_the_item_s_other_proposals():
    matter = Matter(5, "占道经营管理", 10, 2, primary_id=7)
    asked = ((11, "玫瑰镇", False),)
    item = facts(rated=20, satisfied=8, worst_matter=matter, asked_return=asked)
    [draft] = item_proposals(item, T, months=12)
    assert (draft.kind, draft.township_id) == (ChangeKind.RETURN, 11)
    assert "未提出调整主责单位" in draft.facts


def test_add_needs_enough_townships():
    request = AddRequest(3, "事项", 7, ((1, "甲镇"), (2, "乙镇")), in_catalog=True)
    drafts, skipped = add_proposals(request, T)
    assert [d.township_id for d in drafts] == [1, 2] and skipped == []
    assert add_proposals(request, {**T, "add_min": 3}) == ([], [])


def test_no_add_of_an_item_outside_the_published_catalog_and_the_reason_is_returned():
    request = AddRequest(3, "FW0003「事项」", 7, ((1, "甲镇"), (2, "乙镇")), in_catalog=False)
    assert add_proposals(request, T) == (
        [],
        [
            "未提出新增赋权:FW0003「事项」(甲镇、乙镇申请)不在已发布的现行目录中,须先列入目录才能赋权"
        ],
    )


def test_no_add_for_a_township_whose_list_holds_it_already():
    request = AddRequest(
        3, "事项", 7, ((1, "甲镇"), (2, "乙镇")), in_catalog=True, holding=frozenset({2})
    )
    drafts, skipped = add_proposals(request, T)
    assert [d.township_id for d in drafts] == [1]
    assert skipped == ["未提出新增赋权:事项(乙镇申请)已在乙镇已发布的清单中"]


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
    primary = draw(st.sampled_from([None, 7, 8]))
    matter = Matter(9, "事项甲", rated, satisfied, primary) if rated else None
    # of the townships that held it in the period, those whose list holds it now: any
    # subset of the ones that asked to return it and of the others (ids above 10**6)
    others = range(10**6 + 1, 10**6 + 1 + held - len(asked))
    holding = draw(st.sets(st.sampled_from([t for t, _ex in asked] + list(others))))
    return facts(
        holding=frozenset(holding),
        department_id=draw(st.sampled_from([None, 7, 8])),
        held=held,
        exercised=exercised,
        rated=rated,
        satisfied=satisfied,
        worst_matter=matter,
        asked_return=tuple((t, "镇", ex) for t, ex in asked),
        county_owned=draw(st.booleans()),
        in_catalog=draw(st.booleans()),
    )


@settings(max_examples=50)
@given(items(), thresholds, st.integers(1, 36))
def test_every_item_gets_a_result_with_its_facts(item, limits, months):
    drafts = item_proposals(item, limits, months=months)
    assert drafts
    assert all(d.facts.startswith("行权率 ") and f"{months}个月" in d.facts for d in drafts)
    kinds = {d.kind for d in drafts}
    assert ChangeKind.KEEP not in kinds or kinds == {ChangeKind.KEEP}
    assert ChangeKind.ADD not in kinds


@settings(max_examples=50)
@given(items(), thresholds)
def test_no_exercise_always_gives_up_the_item_some_township_still_holds(item, limits):
    idle = ItemFacts(**{**item.__dict__, "exercised": 0})
    [draft] = item_proposals(idle, limits, months=12)
    assert draft.township_id is None
    if not idle.holding:  # nothing to give up; a poorly rated matter may still move
        assert draft.kind in (ChangeKind.KEEP, ChangeKind.TRANSFER)
        assert "未提出收回" in draft.facts
        return
    if idle.county_owned and not idle.in_catalog:  # returning it needs a catalog listing it
        assert draft.kind in (ChangeKind.KEEP, ChangeKind.TRANSFER)
        assert "须先列入目录才能收回" in draft.facts
        return
    assert draft.kind is (ChangeKind.RETURN if idle.county_owned else ChangeKind.REPORT_UPWARD)


@settings(max_examples=100)
@given(items(), thresholds, st.booleans())
def test_a_county_item_no_catalog_lists_is_never_returned_and_the_facts_say_why(
    item, limits, partial
):
    """Opening refuses returning an item no published catalog in force lists (adjustment/
    validation.py `_one`: 须先列入目录); the rules hold the return back and say so, and a
    report upward (not the county's to change) does not need the county's catalog."""
    uncatalogued = ItemFacts(**{**item.__dict__, "county_owned": True, "in_catalog": False})
    drafts = item_proposals(uncatalogued, limits, months=12, partial=partial)
    assert ChangeKind.RETURN not in {d.kind for d in drafts}
    listed = ItemFacts(**{**uncatalogued.__dict__, "in_catalog": True})
    if any(d.kind is ChangeKind.RETURN for d in item_proposals(listed, limits, months=12)):
        assert all("已不在已发布的目录中" in d.facts for d in drafts)
    upward = ItemFacts(**{**item.__dict__, "county_owned": False, "in_catalog": False})
    reported = item_proposals(upward, limits, months=12, partial=partial)
    assert not any("目录" in d.facts for d in reported)


@settings(max_examples=100)
@given(items(), thresholds)
def test_a_return_is_about_a_pair_that_exists(item, limits):
    """Whatever townships still hold the item: a township's return names one whose list
    holds it now and that asked for it; an item-wide one needs a township holding it now
    (adjustment/validation.py `_one`: 无从收回 otherwise); every asking township that was
    not proposed is explained."""
    drafts = item_proposals(item, limits, months=12)
    asked = {t for t, _n, _e in item.asked_return}
    gives_up = (ChangeKind.RETURN, ChangeKind.REPORT_UPWARD)
    for draft in drafts:
        if draft.kind in gives_up and draft.township_id is not None:
            assert draft.township_id in item.holding and draft.township_id in asked
        elif draft.kind in gives_up:
            assert item.holding and len(drafts) == 1
        assert draft.township_id is None or draft.kind in gives_up
    returned = {d.township_id for d in drafts}
    if not any(d.kind in gives_up and d.township_id is None for d in drafts):
        for township_id, _name, exercised in item.asked_return:
            if not exercised and township_id not in item.holding:
                assert township_id not in returned
                assert all("其现行清单中已无该事项" in d.facts for d in drafts)


@settings(max_examples=50)
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


@settings(max_examples=50)
@given(items(), thresholds)
def test_a_transfer_always_names_the_matter_and_the_department(item, limits):
    for draft in item_proposals(item, limits, months=12):
        if draft.kind is ChangeKind.TRANSFER:
            assert draft.matter_id == 9 and draft.unit_id == item.department_id
            assert 100 * item.satisfied / item.rated < limits["satisfaction_min"]


@settings(max_examples=50)
@given(items(), thresholds)
def test_a_transfer_is_one_opening_accepts_and_a_skipped_one_says_why(item, limits):
    """Opening refuses a transfer with no receiving department, of a matter off the list in
    force, or to the department already primary (adjustment/validation.py `_transfer`)."""
    drafts = item_proposals(item, limits, months=12)
    for draft in drafts:
        if draft.kind is ChangeKind.TRANSFER:
            assert draft.unit_id is not None and item.worst_matter.primary_id is not None
            assert draft.unit_id != item.worst_matter.primary_id
    matter = item.worst_matter
    if matter is not None and transfer_refusal(item, matter) is not None:
        assert ChangeKind.TRANSFER not in {d.kind for d in drafts}
        if any("满意率最低" in d.facts for d in drafts):
            assert all(transfer_refusal(item, matter) in d.facts for d in drafts)


@st.composite
def add_requests(draw):
    ids = draw(st.lists(st.integers(1, 10**6), min_size=1, max_size=8, unique=True))
    holding = draw(st.sets(st.sampled_from(ids)))
    return AddRequest(
        3, "事项", 7, tuple((t, f"镇{t}") for t in ids),
        in_catalog=draw(st.booleans()), holding=frozenset(holding),
    )  # fmt: skip


@settings(max_examples=50)
@given(add_requests(), thresholds)
def test_an_add_is_one_opening_accepts_and_every_other_request_is_explained(asked, limits):
    """Opening refuses an add of an item in no published catalog in force, or for a
    township whose published list holds it (adjustment/validation.py `_one`)."""
    drafts, skipped = add_proposals(asked, limits)
    if len(asked.townships) < limits["add_min"]:
        assert (drafts, skipped) == ([], [])
        return
    assert all(d.kind is ChangeKind.ADD for d in drafts)
    if not asked.in_catalog:
        assert drafts == [] and len(skipped) == 1 and "不在已发布的现行目录中" in skipped[0]
        return
    proposed = {d.township_id for d in drafts}
    assert proposed == {t for t, _n in asked.townships} - asked.holding
    assert len(skipped) == len(asked.holding)


@settings(max_examples=100)
@given(items(), thresholds)
def test_a_round_over_some_townships_returns_from_those_only(item, limits):
    """In a round over part of the county an item the rules give up is returned from each
    township of the round that holds it now, never from the whole county (where the round
    has no facts); what the whole-county round returns item-wide is returned from exactly
    the round's holders."""
    whole = item_proposals(item, limits, months=12)
    part = item_proposals(item, limits, months=12, partial=True)
    assert not any(d.kind is ChangeKind.RETURN and d.township_id is None for d in part)
    if any(d.kind is ChangeKind.RETURN and d.township_id is None for d in whole):
        assert sorted(d.township_id for d in part) == sorted(item.holding)
        assert all(d.kind is ChangeKind.RETURN for d in part)
    else:
        assert part == whole
