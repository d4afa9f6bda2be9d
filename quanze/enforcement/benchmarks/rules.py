"""Pure rules of the discretion benchmarks (行政处罚裁量基准): no database here.

- `parse_standard(text)` reads a 处罚标准 cell as the justice bureau writes it
  ("处5000元以上1万元以下罚款", "警告,并处违法所得1倍以上3倍以下罚款,最高不超过3万元",
  "处建设工程造价百分之五以上百分之十以下的罚款", "不予行政处罚") into a `Standard`;
  `format_standard` writes one back (the two are inverse: hypothesis-tested).
- `split_conditions(text)` splits a 适用情形 cell into its conditions ("1.初次违法;2.及时改正")
  and `needs_all(text)` tells whether all must be met (the default, as in a 首违不罚 list)
  or any one ("具有下列情形之一的").
- `propose(rows, met, base)` is the tier proposal for the conditions an officer found met:
  the tier, the rows that applied, the penalty kinds and the amount range, and why.
- `deviations(proposal, ...)` compares a proposed or decided penalty with it.

Tier precedence (the county's rule, docs/enforcement.md): a 不予处罚 row whose conditions
are met wins; a 从重 circumstance together with a 从轻/减轻 one offset each other and the
一般 tier applies; otherwise 减轻 before 从轻 before 从重; with none met, 一般.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

NONE = "none"
MITIGATED = "mitigated"
LIGHTER = "lighter"
GENERAL = "general"
HEAVIER = "heavier"
TIERS = {
    NONE: "不予处罚",
    MITIGATED: "减轻处罚",
    LIGHTER: "从轻处罚",
    GENERAL: "一般",
    HEAVIER: "从重处罚",
}
# How 裁量阶次 cells say the tier (normalised: no spaces, half-width brackets).
TIER_WORDS = {
    "不予处罚": NONE,
    "不予行政处罚": NONE,
    "免予处罚": NONE,
    "首违不罚": NONE,
    "首违免罚": NONE,
    "轻微不罚": NONE,
    "轻微免罚": NONE,
    "减轻": MITIGATED,
    "减轻处罚": MITIGATED,
    "减轻行政处罚": MITIGATED,
    "从轻": LIGHTER,
    "从轻处罚": LIGHTER,
    "从轻行政处罚": LIGHTER,
    "一般": GENERAL,
    "一般处罚": GENERAL,
    "一般情形": GENERAL,
    "从重": HEAVIER,
    "从重处罚": HEAVIER,
    "从重行政处罚": HEAVIER,
}
FIRST_OFFENCE_WORDS = frozenset({"首违不罚", "首违免罚"})

# Words of a 处罚标准 cell -> penalty kind codes (the codes of cases.rules.PENALTY_KINDS,
# 行政处罚法 art. 9; a test keeps the two in step). Longer words first.
KIND_WORDS = (
    ("通报批评", "criticism"),
    ("警告", "warning"),
    ("没收", "confiscation"),
    ("暂扣", "suspend_licence"),
    ("降低资质等级", "demote"),
    ("吊销", "revoke"),
    ("限制开展生产经营活动", "restrict"),
    ("责令停产停业", "suspend_business"),
    ("停产停业", "suspend_business"),
    ("责令关闭", "close"),
    ("限制从业", "restrict_employment"),
    ("行政拘留", "detention"),
    ("罚款", "fine"),
)
KIND_ORDER = (
    "warning",
    "criticism",
    "fine",
    "confiscation",
    "suspend_licence",
    "demote",
    "revoke",
    "restrict",
    "suspend_business",
    "close",
    "restrict_employment",
    "detention",
)
KIND_LABELS = {
    "warning": "警告",
    "criticism": "通报批评",
    "fine": "罚款",
    "confiscation": "没收违法所得、没收非法财物",
    "suspend_licence": "暂扣许可证件",
    "demote": "降低资质等级",
    "revoke": "吊销许可证件",
    "restrict": "限制开展生产经营活动",
    "suspend_business": "责令停产停业",
    "close": "责令关闭",
    "restrict_employment": "限制从业",
    "detention": "行政拘留",
}
NO_PENALTY_WORDS = ("不予行政处罚", "不予处罚", "免予处罚", "免予行政处罚")
# The amounts a fine is a multiple of; longer words first so 建设工程造价 wins over 工程造价.
BASES = (
    "建设工程造价",
    "工程造价",
    "违法所得",
    "货值金额",
    "合同价款",
    "销售金额",
    "违法收入",
    "非法所得",
)

_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUM = r"(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百]+)"
_AMOUNT = rf"({_NUM})(万)?元"
_BASE = "(" + "|".join(BASES) + ")"
_CAP = re.compile(rf"(?:最高|最多|但)?不(?:得)?(?:超过|高于){_AMOUNT}")
_FIXED_RANGE = re.compile(rf"{_AMOUNT}以上{_AMOUNT}以下")
_FIXED_UPTO = re.compile(rf"{_AMOUNT}以下")
_FIXED_EXACT = re.compile(rf"处{_AMOUNT}(?:的)?罚款")
_TIMES_RANGE = re.compile(rf"{_BASE}?(?:的)?({_NUM})倍以上({_NUM})倍以下")
_TIMES_UPTO = re.compile(rf"{_BASE}?(?:的)?({_NUM})倍以下")
_PERCENT_RANGE = re.compile(rf"{_BASE}?(?:的)?百分之({_NUM})以上百分之({_NUM})以下")
_PERCENT_UPTO = re.compile(rf"{_BASE}?(?:的)?百分之({_NUM})以下")
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


class StandardUnreadable(ValueError):
    """A 处罚标准 text that cannot be read; the message is for the user."""


def normalise(text) -> str:
    """Full-width to half-width, no whitespace."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    return re.sub(r"\s+", "", text)


def _cn_number(text: str) -> int:
    """一 .. 九百九十九 (as benchmarks write multiples and percentages)."""
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def _number(text: str) -> Decimal:
    if text and text[0].isdigit():
        return Decimal(text)
    return Decimal(_cn_number(text))


def _amount(number: str, wan: str | None) -> Decimal:
    value = _number(number) * (10000 if wan else 1)
    return value.quantize(_CENT)


@dataclass(frozen=True)
class Standard:
    """One 处罚标准: penalty kinds and, for a fine, a yuan range and/or a range of
    multiples of a base amount (违法所得 …) with an optional cap in yuan."""

    kinds: tuple[str, ...] = ()
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    multiple_min: Decimal | None = None
    multiple_max: Decimal | None = None
    base: str = ""
    cap: Decimal | None = None

    @property
    def no_penalty(self) -> bool:
        return not self.kinds


def parse_standard(text) -> Standard:
    """The Standard a 处罚标准 cell states, or StandardUnreadable naming what is wrong."""
    raw = normalise(text)
    if not raw:
        raise StandardUnreadable("不能为空")
    if any(word in raw for word in NO_PENALTY_WORDS):
        return Standard()
    work = raw
    cap = None
    found = _CAP.search(work)
    if found:
        cap = _amount(found.group(1), found.group(2))
        work = work[: found.start()] + work[found.end() :]
    multiple_min = multiple_max = None
    base = ""
    for pattern, ranged, percent in (
        (_PERCENT_RANGE, True, True),
        (_PERCENT_UPTO, False, True),
        (_TIMES_RANGE, True, False),
        (_TIMES_UPTO, False, False),
    ):
        found = pattern.search(work)
        if not found:
            continue
        base = found.group(1) or ""
        low = _number(found.group(2)) if ranged else Decimal(0)
        high = _number(found.group(3) if ranged else found.group(2))
        if percent:
            low, high = low / _HUNDRED, high / _HUNDRED
        multiple_min, multiple_max = low.normalize(), high.normalize()
        work = work[: found.start()] + work[found.end() :]
        break
    amount_min = amount_max = None
    found = _FIXED_RANGE.search(work)
    if found:
        amount_min = _amount(found.group(1), found.group(2))
        amount_max = _amount(found.group(3), found.group(4))
    else:
        found = _FIXED_UPTO.search(work) or _FIXED_EXACT.search(work)
        if found:
            amount_max = _amount(found.group(1), found.group(2))
            amount_min = amount_max if found.re is _FIXED_EXACT else Decimal("0.00")
    kinds = {code for word, code in KIND_WORDS if word in raw}
    if amount_max is not None or multiple_max is not None:
        kinds.add("fine")
    if "fine" in kinds and amount_max is None and multiple_max is None:
        raise StandardUnreadable(
            f"未能识别罚款幅度「{raw}」,请写成“处X元以上Y元以下罚款”或“处违法所得X倍以上Y倍以下罚款”"
        )
    if not kinds:
        raise StandardUnreadable(f"未能识别处罚种类「{raw}」(如警告、罚款、没收违法所得、不予处罚)")
    if amount_min is not None and amount_max is not None and amount_min > amount_max:
        raise StandardUnreadable(f"罚款下限大于上限「{raw}」")
    if multiple_min is not None and multiple_max is not None and multiple_min > multiple_max:
        raise StandardUnreadable(f"倍数下限大于上限「{raw}」")
    if multiple_max is not None and not base:
        raise StandardUnreadable(f"未写明罚款倍数的计算基数(如违法所得、货值金额)「{raw}」")
    return Standard(
        kinds=tuple(k for k in KIND_ORDER if k in kinds),
        amount_min=amount_min,
        amount_max=amount_max,
        multiple_min=multiple_min,
        multiple_max=multiple_max,
        base=base,
        cap=cap,
    )


def _yuan(value: Decimal) -> str:
    text = format(value.quantize(_CENT), "f")
    return text[:-3] if text.endswith(".00") else text


def _times(value: Decimal) -> str:
    return format(value.normalize(), "f")


def format_standard(standard: Standard) -> str:
    """The canonical text of a Standard (parse_standard reads it back unchanged)."""
    if standard.no_penalty:
        return "不予行政处罚"
    parts = [KIND_LABELS[k] for k in standard.kinds if k not in ("fine", "confiscation")]
    if "confiscation" in standard.kinds:
        parts.append("没收违法所得")
    text = "、".join(parts)
    fines = []
    if standard.multiple_max is not None:
        low, high = standard.multiple_min or Decimal(0), standard.multiple_max
        if high < 1:
            pct_low, pct_high = _times(low * _HUNDRED), _times(high * _HUNDRED)
            span = f"百分之{pct_low}以上百分之{pct_high}以下" if low else f"百分之{pct_high}以下"
        else:
            span = f"{_times(low)}倍以上{_times(high)}倍以下" if low else f"{_times(high)}倍以下"
        fine = f"处{standard.base}{span}罚款"
        if standard.cap is not None:
            fine += f",最高不超过{_yuan(standard.cap)}元"
        fines.append(fine)
    if standard.amount_max is not None:
        low, high = standard.amount_min or Decimal(0), standard.amount_max
        if low == high and low:
            span = f"处{_yuan(high)}元罚款"
        elif low:
            span = f"处{_yuan(low)}元以上{_yuan(high)}元以下罚款"
        else:
            span = f"处{_yuan(high)}元以下罚款"
        fines.append(f"没有{standard.base}的,{span}" if fines else span)
    if fines:
        text = f"{text},并{';'.join(fines)}" if text else ";".join(fines)
    return text


# ---- conditions (适用情形) ----------------------------------------------------------------

_MARKERS = re.compile(
    r"(?:(?<![\d.])\d{1,2}[.、)](?!\d)|\([一二三四五六七八九十\d]{1,3}\)|[一二三四五六七八九十]、|[①-⑳])"
)
_TRAILING = ",.;、。的 "


def condition_key(text) -> str:
    """A condition as compared between rows: normalised, without end punctuation or 的."""
    return normalise(text).strip(_TRAILING)


def split_conditions(text) -> list[str]:
    """The conditions a 适用情形 cell lists, in order, without numbering or lead-in lines
    ("具有下列情形之一的:")."""
    raw = _MARKERS.sub("\n", normalise(text))
    out = []
    for part in re.split(r"[\n;。]+", raw):
        part = part.strip(_TRAILING)
        if not part or part.endswith(":"):
            continue
        if ":" in part:  # "同时符合下列条件:初次违法" -> "初次违法"
            part = part.rsplit(":", 1)[1].strip(_TRAILING)
            if not part:
                continue
        key = condition_key(part)
        if key and key not in out:
            out.append(key)
    return out


def needs_all(text) -> bool:
    """All conditions required, unless the cell says any one suffices (……之一)."""
    return "之一" not in normalise(text)


# ---- the proposal ------------------------------------------------------------------------


@dataclass(frozen=True)
class RowSpec:
    """One row of a power's discretion table, as the proposal needs it."""

    key: int
    tier: str
    conditions: tuple[str, ...]
    match_all: bool
    standard: Standard
    label: str = ""

    def applies(self, met: frozenset[str]) -> bool:
        if not self.conditions:
            return False
        hits = [c in met for c in self.conditions]
        return all(hits) if self.match_all else any(hits)


@dataclass(frozen=True)
class Proposal:
    tier: str
    rows: tuple[int, ...]
    kinds: tuple[str, ...]
    low: Decimal | None
    high: Decimal | None
    explanation: tuple[str, ...]
    missing: tuple[str, ...] = ()
    unknown: tuple[str, ...] = field(default=())

    @property
    def tier_label(self) -> str:
        return TIERS[self.tier]

    @property
    def no_penalty(self) -> bool:
        return self.tier == NONE


def row_range(
    standard: Standard, base_amount: Decimal | None
) -> tuple[Decimal | None, Decimal | None, str]:
    """The yuan range a row gives for the base amount; the third item names a missing base."""
    if standard.multiple_max is not None and base_amount:
        low = (base_amount * (standard.multiple_min or 0)).quantize(_CENT)
        high = (base_amount * standard.multiple_max).quantize(_CENT)
        if standard.cap is not None:
            low, high = min(low, standard.cap), min(high, standard.cap)
        return low, high, ""
    if standard.amount_max is not None:
        return standard.amount_min or Decimal("0.00"), standard.amount_max, ""
    if standard.multiple_max is not None:
        return None, None, standard.base
    return None, None, ""


def _describe(row: RowSpec) -> str:
    joined = ("且" if row.match_all else "或").join(row.conditions) or "未列情形"
    return f"第{row.label or row.key}行「{TIERS[row.tier]}」:{joined}"


def propose(rows, met, base_amount: Decimal | None = None) -> Proposal:
    """The tier and range for the conditions `met` (see the module docstring)."""
    rows = list(rows)
    met = frozenset(condition_key(c) for c in met if condition_key(c))
    known = {c for r in rows for c in r.conditions}
    unknown = tuple(sorted(met - known))
    applying = {tier: [r for r in rows if r.tier == tier and r.applies(met)] for tier in TIERS}
    why = []
    if applying[NONE]:
        tier = NONE
    elif applying[HEAVIER] and (applying[MITIGATED] or applying[LIGHTER]):
        tier = GENERAL
        why.append("同时具有从重情节和从轻(减轻)情节,相互抵消,适用一般阶次")
    elif applying[MITIGATED]:
        tier = MITIGATED
    elif applying[LIGHTER]:
        tier = LIGHTER
    elif applying[HEAVIER]:
        tier = HEAVIER
    else:
        tier = GENERAL
    chosen = applying[tier]
    if tier == GENERAL and not chosen:
        general = [r for r in rows if r.tier == GENERAL]
        plain = [r for r in general if not r.conditions]
        chosen = plain or general
        if chosen:
            why.append("不具有从轻、减轻、从重或不予处罚情形,适用一般阶次")
    for row in chosen:
        why.append(f"适用{_describe(row)} → {format_standard(row.standard)}")
    if not chosen:
        why.append("裁量基准没有本阶次的处罚标准")
    kinds = tuple(k for k in KIND_ORDER if any(k in r.standard.kinds for r in chosen))
    lows, highs, missing = [], [], []
    for row in chosen:
        low, high, needs = row_range(row.standard, base_amount)
        if needs and needs not in missing:
            missing.append(needs)
        if high is not None:
            lows.append(low)
            highs.append(high)
    low = min(lows) if lows else None
    high = max(highs) if highs else None
    if missing:
        why.append(f"罚款以{'、'.join(missing)}为基数计算,须填写{'、'.join(missing)}金额")
    if unknown:
        why.append(f"以下情形不在本事项的裁量基准中:{'、'.join(unknown)}")
    return Proposal(
        tier=tier,
        rows=tuple(r.key for r in chosen),
        kinds=kinds,
        low=low,
        high=high,
        explanation=tuple(why),
        missing=tuple(missing),
        unknown=unknown,
    )


def deviations(proposal: Proposal, *, penalised: bool, kinds, fine: Decimal | None) -> list[str]:
    """How a penalty departs from the proposal (empty when it keeps within it)."""
    out = []
    kinds = [k for k in kinds if k]
    if proposal.no_penalty:
        if penalised:
            out.append("裁量基准适用不予处罚,而本案给予行政处罚")
        return out
    if not penalised:
        out.append(f"裁量基准适用「{proposal.tier_label}」阶次,而本案不予行政处罚")
        return out
    outside = [k for k in kinds if k not in proposal.kinds]
    if outside and proposal.kinds:
        labels = "、".join(KIND_LABELS.get(k, k) for k in outside)
        out.append(f"处罚种类「{labels}」不在裁量基准「{proposal.tier_label}」阶次的处罚种类之内")
    if (
        "fine" in kinds
        and fine is not None
        and proposal.high is not None
        and not proposal.low <= fine <= proposal.high
    ):
        out.append(
            f"罚款{_yuan(fine)}元超出裁量基准「{proposal.tier_label}」阶次的幅度"
            f"({_yuan(proposal.low)}元至{_yuan(proposal.high)}元)"
        )
    return out


def decimal_or_none(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
