"""Pure rules of the delegation process: scoring, the class-proposal rule and the
county-level bar of the legality review. No queries here; services call these."""

import re
from decimal import ROUND_HALF_UP, Decimal

from quanze.delegation.models import AssessmentRule, ItemClass

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


# The county-level bar (行政处罚法 art. 24: only powers exercised at county level
# may be given to townships). A power fails it when its exercise level is above
# the county, or when its legal basis reserves it to a higher authority.
ABOVE_COUNTY_LEVELS = {"国家级", "省级", "市级"}
RESERVED = re.compile(
    r"省、自治区、直辖市(人民政府|[^,。;]{0,10}部门)"
    r"|省级(以上)?(人民政府|[^,。;]{0,10}部门)"
    r"|设区的市(级)?(以上)?(人民政府|[^,。;]{0,10}部门)"
    r"|国务院[^,。;]{0,10}部门(负责|决定|批准|审批|处罚|实施)"
)


def above_county_reason(*, exercise_level: str, basis_texts: list[str]) -> str:
    """Why the power sits above the county (empty when it does not)."""
    if exercise_level in ABOVE_COUNTY_LEVELS:
        return f"行使层级为{exercise_level},不属于县级权力事项,依据《行政处罚法》第二十四条不得赋予乡镇"
    for text in basis_texts:
        found = RESERVED.search(text or "")
        if found:
            return (
                f"设定依据规定由“{found.group(0)}”行使,超出县级权限,"
                "依据《行政处罚法》第二十四条不得赋予乡镇"
            )
    return ""
