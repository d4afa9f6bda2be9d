"""A deterministic plan of a province: divisions, a guiding catalog and every township's claims.

Pure Python, no database: `fabricate` writes a plan to the database and
`workbooks` writes it as xlsx, so both always hold the same data.
"""

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count

from quanze.catalog.demo.acts import ADDED_ITEMS, ITEMS, OTHER_ITEMS, ItemSpec, legal_basis
from quanze.catalog.demo.mix import apportion, basic_share, type_shares
from quanze.catalog.demo.text import accountability_text, duties_text
from quanze.catalog.demo.units import DEPARTMENT_BY_KEY, PLACE_FIRST, PLACE_SECOND

PROVINCE = ("410000000000", "河南省")
GUIDING_NAME = f"{PROVINCE[1]}赋予乡镇(街道)县级权限指导目录"  # guiding_name(PROVINCE[1])


def township_list_name(township_name: str) -> str:
    return f"{township_name}赋权事项清单"


TOWNSHIPS_PER_COUNTY = 25
COUNTIES_PER_CITY = 8
# Source 001: 471 catalog items, 288 claimed per township on average, 355 at most.
CLAIM_MEAN, CLAIM_MAX = 288 / 471, 355 / 471
# How a repeated item is split into sub-items (主项/子项), per power type.
SUB_ITEMS = {
    "行政处罚": ["逾期不改正的", "情节严重的", "造成损失的", "拒不改正的"],
    "行政许可": ["新办", "变更", "延续", "注销"],
}
SUB_ITEMS_OTHER = ["审核", "转报", "组织实施", "监督管理"]
# Shares of township kinds and flags (003: 23 of 105 townships given county powers).
SUBDISTRICT_SHARE, XIANG_SHARE = 0.2, 0.15
DEVELOPED_SHARE, PILOT_SHARE = 23 / 105, 0.2


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    parent: int  # index into the level above (-1 for the province)
    kind: str = ""
    economically_developed: bool = False
    pilot: bool = False


@dataclass(frozen=True)
class Item:
    """One power as the catalog lists it: the layout's power fields as text."""

    code: str
    name: str
    sub_name: str
    power_type: str
    field: str
    dept_key: str
    legal_basis: str
    duties: str
    accountability: str
    set_kind: str = ""

    @property
    def undertaking_unit(self) -> str:
        return DEPARTMENT_BY_KEY[self.dept_key].short_name


@dataclass
class Plan:
    seed: int
    province: tuple[str, str] = PROVINCE  # (12-digit code, name)
    cities: list[Unit] = field(default_factory=list)
    counties: list[Unit] = field(default_factory=list)
    townships: list[Unit] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    claims: list[list[int]] = field(default_factory=list)  # per township: item indexes


def _names(rng: random.Random, suffix: str, n: int) -> list[str]:
    pool = [a + b for a in PLACE_FIRST for b in dict.fromkeys(PLACE_SECOND) if a != b]
    return [name + suffix for name in rng.sample(pool, n)]


def _divisions(plan: Plan, rng: random.Random, townships: int) -> None:
    name = plan.province[1]
    n_counties = max(1, math.ceil(townships / TOWNSHIPS_PER_COUNTY))
    n_cities = math.ceil(n_counties / COUNTIES_PER_CITY)
    if n_cities > 99:
        raise ValueError(
            f"{name}:一个省最多 {99 * COUNTIES_PER_CITY * TOWNSHIPS_PER_COUNTY} 个乡镇"
        )
    province = plan.province[0][:2]
    for c, name in enumerate(_names(rng, "市", n_cities)):
        plan.cities.append(Unit(f"{province}{c + 1:02d}00000000", name, -1))
    for k, name in enumerate(_names(rng, "县", n_counties)):
        city = k // COUNTIES_PER_CITY
        prefix = plan.cities[city].code[:4]
        plan.counties.append(Unit(f"{prefix}{k % COUNTIES_PER_CITY + 21:02d}000000", name, city))
    for k, county in enumerate(plan.counties):
        n = townships // n_counties + (1 if k < townships % n_counties else 0)
        serial = {"subdistrict": count(1), "town": count(100), "xiang": count(200)}
        suffix = {"subdistrict": "街道", "town": "镇", "xiang": "乡"}
        for base in _names(rng, "", n):
            draw = rng.random()
            kind = (
                "subdistrict"
                if draw < SUBDISTRICT_SHARE
                else "xiang"
                if draw > 1 - XIANG_SHARE
                else "town"
            )
            code = f"{county.code[:6]}{next(serial[kind]):03d}000"
            plan.townships.append(
                Unit(
                    code,
                    base + suffix[kind],
                    k,
                    kind,
                    economically_developed=kind == "town" and rng.random() < DEVELOPED_SHARE,
                    pilot=rng.random() < PILOT_SHARE,
                )
            )


def variants(specs: list[ItemSpec]) -> Iterator[tuple[ItemSpec, str]]:
    """Each spec as it stands, then split into sub-items, round after round."""
    yield from ((spec, spec.sub_name) for spec in specs)
    for round_ in count():
        for spec in specs:
            subs = SUB_ITEMS.get(spec.power_type, SUB_ITEMS_OTHER)
            sub = subs[round_ % len(subs)] + ("" if round_ < len(subs) else f"({round_})")
            yield spec, f"{spec.sub_name}({sub})" if spec.sub_name else sub


def make_item(spec: ItemSpec, sub_name: str, code: str, set_kind: str = "") -> Item:
    return Item(
        code=code,
        name=spec.name,
        sub_name=sub_name,
        power_type=spec.power_type,
        field=DEPARTMENT_BY_KEY[spec.dept].field,
        dept_key=spec.dept,
        legal_basis=legal_basis(spec),
        duties=duties_text(spec.power_type),
        accountability=accountability_text(spec.power_type),
        set_kind=set_kind,
    )


def pool_by_type() -> dict[str, list[ItemSpec]]:
    pool: dict[str, list[ItemSpec]] = {}
    for spec in [*ITEMS, *ADDED_ITEMS, *OTHER_ITEMS]:
        pool.setdefault(spec.power_type, []).append(spec)
    return pool


def _catalog(plan: Plan, rng: random.Random, items: int, prefixes: dict[str, str]) -> None:
    pool = pool_by_type()
    chosen: list[tuple[ItemSpec, str]] = []
    for power_type, n in apportion(items, type_shares()).items():
        chosen += [pair for pair, _ in zip(variants(pool[power_type]), range(n), strict=False)]
    # Catalogs list items department by department, each grouped by type.
    order = {d: i for i, d in enumerate(DEPARTMENT_BY_KEY)}
    chosen.sort(key=lambda pair: (order[pair[0].dept], pair[0].power_type))
    basic = set(rng.sample(range(len(chosen)), round(len(chosen) * basic_share())))
    serial: dict[tuple[str, str], int] = {}
    for index, (spec, sub_name) in enumerate(chosen):
        letters, prefix = DEPARTMENT_BY_KEY[spec.dept].letters, prefixes[spec.power_type]
        serial[(letters, prefix)] = serial.get((letters, prefix), 0) + 1
        code = f"{plan.province[0][:8]}{letters}-{prefix}-{serial[(letters, prefix)]:04d}"
        kind = "basic" if index in basic else "optional"
        plan.items.append(make_item(spec, sub_name, code, kind))


def _claims(plan: Plan, rng: random.Random) -> None:
    """Every township claims the basic set and a share of the optional set (source 001)."""
    basic = [i for i, item in enumerate(plan.items) if item.set_kind == "basic"]
    optional = [i for i, item in enumerate(plan.items) if item.set_kind == "optional"]
    total = len(plan.items)
    mean = (CLAIM_MEAN * total - len(basic)) / max(1, len(optional))
    high = min(1.0, (CLAIM_MAX * total - len(basic)) / max(1, len(optional)))
    low = max(0.0, 2 * mean - high)
    for _ in plan.townships:
        share = rng.uniform(low, high)
        taken = set(basic) | set(rng.sample(optional, round(share * len(optional))))
        plan.claims.append(sorted(taken))


def guiding_name(province_name: str) -> str:
    return f"{province_name}赋予乡镇(街道)县级权限指导目录"


def build_plan(
    *,
    townships: int,
    items: int,
    seed: int,
    prefixes: dict[str, str],
    province: tuple[str, str] = PROVINCE,
) -> Plan:
    """`prefixes` maps power type names to their code prefixes (PowerType.prefix).

    Another `province` (a nation, `demo.nation`) draws from its own stream of the seed, so
    each province is the same whichever others are generated with it."""
    rng = random.Random(seed if province == PROVINCE else f"{seed}/{province[0][:2]}")
    plan = Plan(seed=seed, province=province)
    _divisions(plan, rng, townships)
    _catalog(plan, rng, items, prefixes)
    _claims(plan, rng)
    return plan
