"""Property tests of the weighting, aggregation and anonymity rules."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from quanze.evaluation.appraisal import rules

scores = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False)
weights = st.decimals(min_value=Decimal("0.01"), max_value=100, places=2, allow_nan=False)
township_weights = st.decimals(min_value=50, max_value=100, places=2, allow_nan=False)


@settings(deadline=None)
@given(st.lists(st.tuples(weights, st.one_of(st.none(), scores)), max_size=12))
def test_a_weighted_mean_stays_within_the_scores_it_weighs(pairs):
    result = rules.weighted_mean(pairs)
    given_scores = [s for _, s in pairs if s is not None]
    if not given_scores:
        assert result is None
    else:
        assert min(given_scores) <= rules.rounded(result) <= max(given_scores)


@settings(deadline=None)
@given(
    st.lists(st.tuples(weights, scores), min_size=1, max_size=8),
    weights,
)
def test_a_criterion_without_a_figure_drops_out_of_the_mean(pairs, weight):
    assert rules.weighted_mean([*pairs, (weight, None)]) == rules.weighted_mean(pairs)


@settings(deadline=None)
@given(st.lists(weights, max_size=8), st.lists(weights, max_size=8), township_weights)
def test_the_shares_of_a_departments_criteria_sum_to_100(forms, facts, township_weight):
    form_shares, fact_shares = rules.department_shares(forms, facts, township_weight)
    total = sum(form_shares + fact_shares, Decimal(0))
    if forms or facts:
        assert abs(total - 100) < Decimal("0.0001")
    if forms and facts:
        assert abs(sum(form_shares, Decimal(0)) - township_weight) < Decimal("0.0001")


@settings(deadline=None)
@given(scores, scores, township_weights)
def test_the_townships_part_weighs_as_the_round_says(township_part, fact_part, weight):
    total = rules.department_total(township_part, fact_part, weight)
    expected = (township_part * weight + fact_part * (100 - weight)) / 100
    assert abs(total - expected) < Decimal("0.0001")
    assert min(township_part, fact_part) <= rules.rounded(total) <= max(township_part, fact_part)
    # "weighs more": the total lies at least as near the townships' part as the facts'
    assert abs(total - township_part) <= abs(total - fact_part)


def test_a_department_with_one_part_only_gets_that_part():
    assert rules.department_total(Decimal(80), None, Decimal(60)) == 80
    assert rules.department_total(None, Decimal(70), Decimal(60)) == 70
    assert rules.department_total(None, None, Decimal(60)) is None


@settings(deadline=None)
@given(st.lists(st.one_of(st.none(), scores), max_size=15))
def test_ranks_follow_the_totals_and_ties_share_a_rank(totals):
    ranks = rules.ranks(totals)
    for total, rank in zip(totals, ranks, strict=True):
        if total is None:
            assert rank is None
        else:
            assert rank == 1 + sum(1 for other in totals if other is not None and other > total)


@settings(deadline=None)
@given(st.lists(scores, max_size=10), st.booleans(), scores)
def test_scorers_are_hidden_exactly_when_an_anonymous_round_has_a_low_score(
    values, anonymous, threshold
):
    hidden = rules.hides_scorers(values, anonymous=anonymous, threshold=threshold)
    assert hidden == (anonymous and any(v < threshold for v in values))


@settings(deadline=None)
@given(st.text(max_size=8))
def test_a_score_outside_0_to_100_or_not_a_number_is_refused_naming_the_criterion(text):
    value, message = rules.score_error("指挥调度", text)
    if message:
        assert value is None and message.startswith("「指挥调度」得分:")
    else:
        assert 0 <= value <= 100


@settings(deadline=None)
@given(scores)
def test_every_score_0_to_100_with_one_decimal_is_accepted(score):
    assert rules.score_error("指标", str(score)) == (score, "")


def test_bad_scores_name_the_criterion_and_the_problem():
    assert rules.score_error("资源调配", "101")[1] == "「资源调配」得分:应在0到100之间"
    assert rules.score_error("资源调配", "-1")[1] == "「资源调配」得分:应在0到100之间"
    assert rules.score_error("资源调配", "abc")[1] == "「资源调配」得分:“abc”不是数字"
    assert rules.score_error("资源调配", "")[1] == "「资源调配」得分:请填写0到100之间的分数"
    assert rules.score_error("资源调配", "80.55")[1] == "「资源调配」得分:最多一位小数"
    assert rules.score_error("资源调配", "NaN")[1] == "「资源调配」得分:应在0到100之间"
