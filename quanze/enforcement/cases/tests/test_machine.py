"""The lifecycle rules, driven by random step sequences (hypothesis)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quanze.enforcement.cases import machine as m

ACTIONS = sorted(m.ACTIONS)
procedures = st.sampled_from([m.GENERAL, m.SIMPLE])
steps = st.lists(
    st.tuples(
        st.sampled_from(ACTIONS),
        st.booleans(),
        st.booleans(),
        st.lists(st.sampled_from(sorted(m.REVIEW_GROUNDS)), max_size=2),
    ),
    max_size=30,
)


def run(procedure, sequence, hearing_offered=True):
    state, facts = m.REGISTERED, m.Facts(procedure=procedure, hearing_offered=hearing_offered)
    path = [(state, facts, None)]
    for action, penalised, fine_due, grounds in sequence:
        try:
            state, facts = m.step(
                state, action, facts, penalised=penalised, fine_due=fine_due, review_grounds=grounds
            )
        except m.StepRefused as refused:
            assert str(refused)  # every refusal explains itself in Chinese
            continue
        path.append((state, facts, action))
    return path


@given(procedures, steps, st.booleans())
def test_every_path_keeps_the_statutory_order(procedure, sequence, hearing_offered):
    path = run(procedure, sequence, hearing_offered)
    taken = [a for _, _, a in path if a]
    states = [s for s, _, _ in path]
    for i, (state, facts, action) in enumerate(path):
        assert state in m.STATES
        if action == "decide":
            assert facts.notified, "art. 44: notice before the decision"
            assert not facts.review_required or facts.reviewed, "art. 58: review before deciding"
            assert (
                "hold_hearing" not in taken[:i]
                or "review" in taken[taken.index("hold_hearing") : i]
            )
        if action in ("pay", "execute"):
            assert facts.penalised
        if procedure == m.SIMPLE:
            assert action not in {"file", "investigate", "notify", "decide", "review"}
    if m.ARCHIVED in states:
        # nothing but annotations after archiving
        assert all(a == "annotate" for a in taken[taken.index("archive") + 1 :])
    if m.CLOSED in states:
        after = taken[[s for s, _, _ in path[1:]].index(m.CLOSED) + 1 :]
        assert all(a in ("annotate", "archive") for a in after)


@given(st.sampled_from(sorted(m.STATES)), st.sampled_from(ACTIONS))
def test_final_states_accept_only_annotation_and_archiving(state, action):
    if state not in m.FINAL:
        return
    try:
        m.step(state, action, m.Facts())
    except m.StepRefused:
        assert action not in ("annotate",) and not (state == m.CLOSED and action == "archive")
    else:
        assert action == "annotate" or (state == m.CLOSED and action == "archive")


@given(
    st.decimals(min_value=1, max_value=10**7, places=2), st.integers(min_value=-5, max_value=400)
)
def test_the_surcharge_is_three_percent_a_day_never_above_the_fine(fine, days):
    surcharge = m.late_surcharge(fine, days)
    assert Decimal(0) <= surcharge <= fine
    if days <= 0:
        assert surcharge == 0
    elif days * 3 < 100:
        assert surcharge == (fine * Decimal("0.03") * days).quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("kind", "fine", "ok"),
    [
        ("individual", "200", True),
        ("individual", "200.01", False),
        ("organisation", "3000", True),
        ("organisation", "3001", False),
    ],
)
def test_article_51_limits(kind, fine, ok):
    if ok:
        m.simple_procedure_check(party_kind=kind, penalty_kinds=["fine"], fine=Decimal(fine))
    else:
        with pytest.raises(m.StepRefused, match="第五十一条"):
            m.simple_procedure_check(party_kind=kind, penalty_kinds=["fine"], fine=Decimal(fine))


def test_a_warning_may_be_given_on_the_spot_but_not_a_licence_revocation():
    m.simple_procedure_check(party_kind="organisation", penalty_kinds=["warning"], fine=None)
    with pytest.raises(m.StepRefused, match="只能是警告或罚款"):
        m.simple_procedure_check(party_kind="organisation", penalty_kinds=["revoke"], fine=None)
