"""Pure rules of the two-way appraisal: weighting, aggregation, ranking, anonymity.

Scores are 0–100. A criterion without a figure (no form score submitted, or a fact with
nothing recorded in the period) drops out and the remaining weights are scaled up to
100 %, so a unit is never punished for a fact that did not occur. A department's total is
the townships' part (the form criteria the townships score) weighted by the round's
township weight, plus the part from its recorded facts with the rest; a township's total
is the weighted mean of all its criteria.
"""

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

SCORE_MIN, SCORE_MAX = Decimal(0), Decimal(100)
PLACES = Decimal("0.01")


def rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(PLACES, rounding=ROUND_HALF_UP)


def mean(scores: Iterable[Decimal]) -> Decimal | None:
    values = [Decimal(s) for s in scores]
    return sum(values) / len(values) if values else None


def weighted_mean(pairs: Iterable[tuple[Decimal, Decimal | None]]) -> Decimal | None:
    """Σ wᵢsᵢ / Σ wᵢ over the pairs that have a score (and a positive weight)."""
    scored = [(Decimal(w), Decimal(s)) for w, s in pairs if s is not None and w > 0]
    total = sum((w for w, _ in scored), Decimal(0))
    if not total:
        return None
    return sum((w * s for w, s in scored), Decimal(0)) / total


def shares(weights: Sequence[Decimal]) -> list[Decimal]:
    """Each weight as a percentage of their sum (what the report shows beside a criterion)."""
    total = sum((Decimal(w) for w in weights), Decimal(0))
    if not total:
        return [Decimal(0) for _ in weights]
    return [Decimal(w) * 100 / total for w in weights]


def department_total(
    township_part: Decimal | None, fact_part: Decimal | None, township_weight: Decimal
) -> Decimal | None:
    """The townships' part weighs `township_weight` %, the facts the rest."""
    return weighted_mean([(township_weight, township_part), (100 - township_weight, fact_part)])


def ranks(totals: Sequence[Decimal | None]) -> list[int | None]:
    """Competition ranking (1, 2, 2, 4) by total, highest first; no total, no rank."""
    ordered = sorted((t for t in totals if t is not None), reverse=True)
    first = {}
    for position, total in enumerate(ordered, start=1):
        first.setdefault(total, position)
    return [None if t is None else first[t] for t in totals]


def hides_scorers(scores: Iterable[Decimal], *, anonymous: bool, threshold: Decimal) -> bool:
    """In an anonymous round a department must not learn who scored it below the threshold.

    Naming only the scorers above it would give the others away by elimination (the county's
    townships are known), so as soon as one score is below the threshold no scorer of any of
    the department's scores is shown; with none below, there is nobody to protect."""
    return anonymous and any(Decimal(s) < threshold for s in scores)


def score_error(label: str, raw) -> tuple[Decimal | None, str]:
    """Parse one form score: (value, "") or (None, Chinese message naming the criterion)."""
    text = str(raw if raw is not None else "").strip()
    if not text:
        return None, f"「{label}」得分:请填写0到100之间的分数"
    try:
        value = Decimal(text)
    except ArithmeticError:
        return None, f"「{label}」得分:“{text[:20]}”不是数字"
    if not value.is_finite() or value < SCORE_MIN or value > SCORE_MAX:
        return None, f"「{label}」得分:应在0到100之间"
    tenths = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if value != tenths:
        return None, f"「{label}」得分:最多一位小数"
    return tenths, ""


def department_shares(
    form_weights: Sequence[Decimal], fact_weights: Sequence[Decimal], township_weight: Decimal
) -> tuple[list[Decimal], list[Decimal]]:
    """The share (%) of each criterion in a department's total: the townships' part splits
    `township_weight` by the form criteria's weights, the facts split the rest; a part with
    no criteria leaves the whole to the other."""
    if not form_weights:
        return [], shares(fact_weights)
    if not fact_weights:
        return shares(form_weights), []
    townships = Decimal(township_weight)
    return (
        [s * townships / 100 for s in shares(form_weights)],
        [s * (100 - townships) / 100 for s in shares(fact_weights)],
    )
