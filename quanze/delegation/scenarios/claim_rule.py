"""Scenario 001's claiming rule: which items each township claims, from its traits.

Pure Python, no database. Source 001 reports the outcome of claiming a 471-item
provincial catalog: 288 items per township on average, 355 at most (the leading
economically developed town), 21 approval (行政许可) items per township on
average. The rule below reproduces that kind of outcome from what the county
knows of each township; the scenario then claims through the services and the
system's statistics selectors compute the report, so the figures are never typed.

1. Every township claims the whole basic set (基本盘应领尽领).
2. Its capacity score comes from its traits: kind (subdistrict, town, xiang),
   economically developed, pilot, and resident population (size).
3. How many optional items it claims grows linearly with its capacity; the line
   is calibrated on source 001 (mean and maximum of the county) and rounded by
   the largest-remainder method, so the county's total is exact.
4. Approval items are claimed in proportion to capacity (the service hall's
   windows), calibrated on the county mean of source 001.
5. Which optional items: those whose field fits the township best (a
   subdistrict takes urban items before farm items; a xiang the reverse),
   ties broken by a stable hash of township and item codes.
"""

import hashlib
from dataclasses import dataclass

LICENCE = "行政许可"
# Source 001 (see /work/shared/seeds/001_*.txt).
CLAIM_MEAN, CLAIM_MAX, LICENCE_MEAN = 288, 355, 21

KIND_BASE = {"subdistrict": 1.0, "town": 0.9, "xiang": 0.6}
DEVELOPED_BONUS, PILOT_BONUS, PER_10K_RESIDENTS = 0.45, 0.1, 0.04

URBAN = {"城市管理", "住房城乡建设", "市场监管", "消防救援", "卫生健康", "人防", "文化旅游"}
RURAL = {"农业农村", "林业草原", "水利", "自然资源"}
# How well a field fits a kind of township: 2 core business, 1 usual, 0 rare.
FIT = {
    "subdistrict": {**dict.fromkeys(URBAN, 2), **dict.fromkeys(RURAL, 0)},
    "town": {**dict.fromkeys(URBAN, 1), **dict.fromkeys(RURAL, 2)},
    "xiang": {**dict.fromkeys(URBAN, 0), **dict.fromkeys(RURAL, 2)},
}


@dataclass(frozen=True)
class Township:
    code: str
    name: str
    kind: str
    developed: bool
    pilot: bool
    population: float  # residents, in 10,000s


@dataclass(frozen=True)
class CatalogItem:
    code: str
    power_type: str
    field: str
    set_kind: str


@dataclass(frozen=True)
class Choice:
    code: str
    claimed: bool
    reason: str


def capacity(township: Township) -> float:
    return (
        KIND_BASE[township.kind]
        + DEVELOPED_BONUS * township.developed
        + PILOT_BONUS * township.pilot
        + PER_10K_RESIDENTS * township.population
    )


def largest_remainder(exact: list[float]) -> list[int]:
    """Round to integers whose sum is the rounded sum of `exact`."""
    counts = [int(value) for value in exact]
    left = round(sum(exact)) - sum(counts)
    order = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[:left]:
        counts[i] += 1
    return counts


def optional_quotas(scores: list[float], *, basic: int, mean: float, top: float) -> list[int]:
    """Optional items per township: linear in capacity, county mean `mean`, maximum `top`."""
    average = sum(scores) / len(scores)
    spread = max(scores) - average
    slope = (top - mean) / spread if spread else 0.0
    return largest_remainder([mean - basic + slope * (s - average) for s in scores])


def licence_quotas(scores: list[float], *, basic: int, mean: float) -> list[int]:
    """Optional approval items per township, proportional to capacity, county mean `mean`."""
    average = sum(scores) / len(scores)
    return largest_remainder([(mean - basic) * s / average for s in scores])


def _stable(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")


def _ranked(township: Township, items: list[CatalogItem]) -> list[CatalogItem]:
    fit = FIT[township.kind]
    return sorted(items, key=lambda it: (-fit.get(it.field, 1), _stable(township.code, it.code)))


def _reason(township: Township, item: CatalogItem, claimed: bool) -> str:
    fit = FIT[township.kind].get(item.field, 1)
    if claimed:
        if fit == 2:
            return f"{item.field}是本{_kind_word(township)}主要工作,具备承接条件"
        return f"本{_kind_word(township)}有{item.field}方面的实际需求,人员和场所可以保障"
    if fit == 0:
        return f"本{_kind_word(township)}{item.field}方面的业务量很少,暂不认领"
    return "承接能力有限,本轮暂不认领,待条件成熟后再申请"


def _kind_word(township: Township) -> str:
    return {"subdistrict": "街道", "xiang": "乡"}.get(township.kind, "镇")


def claim_choices(
    townships: list[Township],
    items: list[CatalogItem],
    *,
    mean: float = CLAIM_MEAN,
    top: float = CLAIM_MAX,
    licence_mean: float = LICENCE_MEAN,
) -> dict[str, list[Choice]]:
    """Each township's choice on every item of the catalog, with a reason for each optional one."""
    basic = [it for it in items if it.set_kind == "basic"]
    licences = [it for it in items if it.set_kind == "optional" and it.power_type == LICENCE]
    others = [it for it in items if it.set_kind == "optional" and it.power_type != LICENCE]
    scores = [capacity(t) for t in townships]
    totals = optional_quotas(scores, basic=len(basic), mean=mean, top=top)
    basic_licences = sum(it.power_type == LICENCE for it in basic)
    approvals = licence_quotas(scores, basic=basic_licences, mean=licence_mean)
    result = {}
    for township, total, approval in zip(townships, totals, approvals, strict=True):
        if not 0 <= approval <= min(total, len(licences)) or total - approval > len(others):
            raise ValueError(
                f"{township.name}:认领数 {total} 超出自选盘范围,规则参数不适用于该目录"
            )
        chosen = {it.code for it in _ranked(township, licences)[:approval]}
        chosen |= {it.code for it in _ranked(township, others)[: total - approval]}
        choices = [Choice(it.code, True, "") for it in basic]
        choices += [
            Choice(it.code, it.code in chosen, _reason(township, it, it.code in chosen))
            for it in items
            if it.set_kind == "optional"
        ]
        result[township.code] = choices
    return result
