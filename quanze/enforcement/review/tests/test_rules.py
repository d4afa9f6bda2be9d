"""Sampling reproducibility and scoring, pure."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from quanze.enforcement.review import rules

pools = st.dictionaries(
    st.sampled_from(["t1", "t2", "d7"]), st.lists(st.integers(1, 500), max_size=30), min_size=1
)


@given(pools, st.integers(1, 8), st.integers(0, 10**9))
def test_sampling_is_reproducible_and_order_free(pool, per_unit, seed):
    drawn = rules.sample(pool, per_unit=per_unit, seed=seed)
    shuffled = {unit: list(reversed(ids)) for unit, ids in reversed(list(pool.items()))}
    assert rules.sample(shuffled, per_unit=per_unit, seed=seed) == drawn
    for unit, ids in pool.items():
        assert set(drawn[unit]) <= set(ids)
        assert len(drawn[unit]) == min(per_unit, len(set(ids)))


def test_another_seed_draws_another_sample():
    pool = {"t1": list(range(1, 101))}
    assert rules.sample(pool, per_unit=5, seed=1) == rules.sample(pool, per_unit=5, seed=1)
    assert rules.sample(pool, per_unit=5, seed=1) != rules.sample(pool, per_unit=5, seed=2)


def test_scoring_caps_each_part_and_a_veto_fails_the_file():
    score = rules.score
    assert score(form_points=20, content_points=80, deductions=[], vetoed=False) == (
        Decimal(100),
        "优秀",
    )
    total, grade = score(
        form_points=20,
        content_points=80,
        deductions=[("form", Decimal(15)), ("form", Decimal(15)), ("content", Decimal(10))],
        vetoed=False,
    )
    assert (total, grade) == (Decimal(70), "合格")  # form loses at most 20
    assert score(
        form_points=20, content_points=80, deductions=[("content", Decimal(45))], vetoed=False
    ) == (Decimal(55), "不合格")
    assert score(form_points=20, content_points=80, deductions=[], vetoed=True) == (
        Decimal(0),
        "不合格",
    )
