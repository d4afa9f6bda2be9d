"""Unit ranking (suggestion/units.py): matter suggestions turned into distinct units,
the township always a candidate, confirmations teaching which unit acts. Pure Python."""

from hypothesis import given, settings
from hypothesis import strategies as st

from quanze.dispatch.suggestion.matcher import Suggestion
from quanze.dispatch.suggestion.units import (
    COOPERATING,
    PRIMARY,
    TERRITORIAL,
    UnitMemory,
    rank_units,
    rural_text,
)

ROLES = {
    1: [("城管", PRIMARY), ("township", TERRITORIAL)],  # 占道经营
    2: [("生态", PRIMARY), ("公安", COOPERATING), ("township", TERRITORIAL)],  # 噪声
    3: [("township", PRIMARY), ("城管", COOPERATING), ("township", TERRITORIAL)],  # 门前三包
}
NAMES = {1: "占道经营管理", 2: "社会生活噪声污染", 3: "临街店铺门前三包落实"}


def _units(suggestions, **kw):
    return [u.unit for u in rank_units(suggestions, ROLES.__getitem__, names=NAMES, **kw)]


def test_units_are_distinct_and_the_township_is_always_offered():
    """Three matters of one department do not fill the list: it names three different
    units, the primary first, and the township where the event happened among them."""
    got = rank_units(
        [Suggestion(1, 1.0), Suggestion(2, 0.6), Suggestion(3, 0.2)],
        ROLES.__getitem__,
        names=NAMES,
        text="路口有人摆摊",
        rural=False,
    )
    units = [u.unit for u in got]
    assert units[0] == "城管" and len(set(units)) == 3 and "township" in units
    assert got[0].reasons[0] == "事项「占道经营管理」主办"


def test_a_rural_place_puts_the_township_first_a_street_does_not():
    suggestions = [Suggestion(1, 1.0), Suggestion(2, 0.3)]
    assert _units(suggestions, text="村口有人摆摊", rural=True)[0] == "township"
    assert _units(suggestions, text="解放路有人摆摊", rural=False)[0] == "城管"
    assert rural_text("某某村三组") and rural_text("镇上") and not rural_text("解放路小区")


def test_confirmations_teach_which_unit_acts():
    """A county whose townships handle stalls themselves: where the matter is not clear,
    a few confirmations put the township first, with the confirmations as its reason."""
    memory = UnitMemory([("township", "菜场门口摆摊卖菜占道"), ("township", "桥头有人摆摊卖水果")])
    unclear = [Suggestion(1, 1.0), Suggestion(2, 0.9)]
    assert _units(unclear, text="菜场门口又有人摆摊卖水果", rural=False)[0] == "城管"
    got = rank_units(
        unclear,
        ROLES.__getitem__,
        names=NAMES,
        memory=memory,
        text="菜场门口又有人摆摊卖水果",
        rural=False,
    )
    assert got[0].unit == "township"
    assert any("已办结事件" in reason for reason in got[0].reasons)
    memory.learn("城管", "夜市摆摊占道")  # grows in place
    assert len(memory) == 3


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from([1, 2, 3]), st.floats(0, 2)), max_size=6),
    st.booleans(),
)
def test_ranking_is_well_formed(pairs, rural):
    """Never more than k units, no repeats, scores descending, whatever the input."""
    suggestions = [Suggestion(m, s) for m, s in pairs]
    got = rank_units(suggestions, ROLES.__getitem__, rural=rural, k=3)
    units = [u.unit for u in got]
    assert len(units) == len(set(units)) <= 3
    assert [u.score for u in got] == sorted((u.score for u in got), reverse=True)
