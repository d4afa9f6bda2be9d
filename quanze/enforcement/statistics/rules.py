"""Pure rules of the statistics: the report's categories and the heaviest-penalty rule.

The annual report (行政执法统计年报) counts acts by type (许可, 处罚, 强制, 征收, 征用, 检查)
and penalty decisions by kind. A decision imposing several penalties is counted once,
under its heaviest kind; the order follows 行政处罚法 art. 9 from the lightest (警告) to
the heaviest (行政拘留), 其他 (a kind the law of art. 9(6) adds) standing lowest.
"""

from collections.abc import Iterable

# The act types of the report, by the power type's name (catalog managed list).
ACT_TYPES = [
    ("许可", ("行政许可",)),
    ("处罚", ("行政处罚",)),
    ("强制", ("行政强制",)),
    ("征收", ("行政征收",)),
    ("征用", ("行政征用",)),
    ("检查", ("行政检查",)),
]
OTHER_ACT = "其他"

# The penalty categories of the report, lightest first.
CATEGORIES = [
    "警告/通报批评",
    "罚款",
    "没收",
    "暂扣",
    "吊销",
    "限制经营",
    "停产停业",
    "拘留",
    "其他",
]
# cases/rules.PENALTY_KINDS key -> (severity, category); a higher severity is heavier.
KINDS = {
    "other": (0, "其他"),
    "warning": (1, "警告/通报批评"),
    "criticism": (1, "警告/通报批评"),
    "fine": (2, "罚款"),
    "confiscation": (3, "没收"),
    "suspend_licence": (4, "暂扣"),
    "demote": (5, "吊销"),
    "revoke": (6, "吊销"),
    "restrict": (7, "限制经营"),
    "restrict_employment": (7, "限制经营"),
    "suspend_business": (8, "停产停业"),
    "close": (9, "停产停业"),
    "detention": (10, "拘留"),
}


def act_type(power_type_name: str) -> str:
    for label, names in ACT_TYPES:
        if power_type_name in names:
            return label
    return OTHER_ACT


def heaviest(kinds: Iterable[str]) -> str:
    """The category a decision with these penalty kinds is counted under ('' if none).

    An unknown kind counts as 其他; ties keep the category of the first of equal weight
    in the law's order (警告 before 通报批评 are the same category anyway)."""
    best = None
    for kind in kinds:
        weight, category = KINDS.get(kind, KINDS["other"])
        if best is None or weight > best[0]:
            best = (weight, category)
    return best[1] if best else ""


def share_of(numerator: int, denominator: int) -> float | None:
    """A rate in [0, 1], or None when nothing is held (not 0 %: there is nothing to rate)."""
    return numerator / denominator if denominator else None
