"""Scenario 001's catalog: 471 provincial items with a basic and an optional set.

Built from the same item stock and type mix as the province generator
(quanze.catalog.demo), except that the share of approvals (行政许可) is raised:
source 001's catalog grants "审批执法权限" (approval and enforcement powers), and
its townships took 21 approval items each on average, more than the generator's
mix (about 4% approvals) would hold.
"""

import random

from quanze.catalog.demo.acts import ItemSpec
from quanze.catalog.demo.mix import apportion, basic_share, type_shares
from quanze.catalog.demo.province import Item, make_item, pool_by_type, variants
from quanze.catalog.demo.units import DEPARTMENT_BY_KEY

ITEMS, SEED = 471, 2024
LICENCE_SHARE = 0.11
PROVINCE_PREFIX = "37000000"  # 山东省: the demo county's province issues the catalog


def catalog_items(prefixes: dict[str, str], *, total: int = ITEMS, seed: int = SEED) -> list[Item]:
    """`prefixes` maps power type names to their code prefixes (PowerType.prefix)."""
    rng = random.Random(seed)
    shares = dict(type_shares())
    rest = 1 - shares.pop("行政许可")
    shares = {name: share * (1 - LICENCE_SHARE) / rest for name, share in shares.items()}
    shares["行政许可"] = LICENCE_SHARE
    pool = pool_by_type()
    chosen: list[tuple[ItemSpec, str]] = []
    for power_type, n in apportion(total, shares).items():
        chosen += [pair for pair, _ in zip(variants(pool[power_type]), range(n), strict=False)]
    order = {key: i for i, key in enumerate(DEPARTMENT_BY_KEY)}
    chosen.sort(key=lambda pair: (order[pair[0].dept], pair[0].power_type))
    basic = set(rng.sample(range(len(chosen)), round(len(chosen) * basic_share())))
    serial: dict[tuple[str, str], int] = {}
    items = []
    for index, (spec, sub_name) in enumerate(chosen):
        key = (DEPARTMENT_BY_KEY[spec.dept].letters, prefixes[spec.power_type])
        serial[key] = serial.get(key, 0) + 1
        code = f"{PROVINCE_PREFIX}{key[0]}-{key[1]}-{serial[key]:04d}"
        items.append(make_item(spec, sub_name, code, "basic" if index in basic else "optional"))
    return items
