"""Pure rules of a project's items: scoring and the class-proposal rule. No queries here;
services call these."""

from decimal import ROUND_HALF_UP, Decimal

from quanze.delegation.projects.models import AssessmentRule, ItemClass

FLAGS = (
    ("technical", "专业技术性强"),
    ("dispute_prone", "易引起矛盾纠纷"),
    ("risk_shifting", "易转移风险"),
)
TWO_PLACES = Decimal("0.01")


def weighted_index(scores: dict[int, Decimal], weights: dict[int, Decimal]) -> Decimal | None:
    """The weighted mean of the criterion scores given (None when none is scored)."""
    scored = [(weights[c], Decimal(scores[c])) for c in weights if scores.get(c) is not None]
    if not scored:
        return None
    total = sum(w for w, _ in scored)
    return (sum(w * s for w, s in scored) / total).quantize(TWO_PLACES, ROUND_HALF_UP)


def flags_of(item) -> list[str]:
    return [label for name, label in FLAGS if getattr(item, name)]


def propose_class(rule: AssessmentRule, *, difficulty, necessity, flags: list[str]) -> str:
    """The class the rule proposes; see `rule_text` for the same rule in words."""
    if rule.flags_exclude and flags:
        return ItemClass.NOT_RECOMMENDED
    if difficulty is None or necessity is None:
        return ItemClass.PENDING
    if necessity < rule.not_recommended_below:
        return ItemClass.NOT_RECOMMENDED
    if necessity >= rule.batch1_min_necessity and difficulty <= rule.batch1_max_difficulty:
        return ItemClass.BATCH1
    if necessity >= rule.batch2_min_necessity and difficulty <= rule.batch2_max_difficulty:
        return ItemClass.BATCH2
    return ItemClass.PENDING


def rule_text(rule: AssessmentRule) -> list[str]:
    """The rule in plain Chinese, in the order it is applied (shown to the office)."""
    lines = []
    if rule.flags_exclude:
        lines.append(
            "凡标记“三不放”(专业技术性强、易引起矛盾纠纷、易转移风险)任一项的,建议“不建议承接”;"
        )
    lines += [
        "难度指数或必要性尚未评分的,建议“待研究”;",
        f"必要性低于 {rule.not_recommended_below} 分的,建议“不建议承接”;",
        f"必要性不低于 {rule.batch1_min_necessity} 分且难度指数不高于 "
        f"{rule.batch1_max_difficulty} 分的,建议“第一批承接”;",
        f"必要性不低于 {rule.batch2_min_necessity} 分且难度指数不高于 "
        f"{rule.batch2_max_difficulty} 分的,建议“第二批承接”;",
        "其余建议“待研究”。评分为 0-5 分,指标分值为各评分项的加权平均。",
    ]
    return lines
