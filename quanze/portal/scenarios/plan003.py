"""The plan of scenario 003 (Xuchang, source 003): pure Python, no database.

What the source gives: 31 city departments' 3,514 powers published in three batches on
the government websites; township lists for all 105 townships (six counties, cities and
districts) built from city templates (a basic-item catalog, a delegation catalog and a
duty-admission rule); 23 towns (subdistricts) given county powers by "委托 + 交办".

What it does not give, and this plan chooses (deterministically):
- the batch sizes: the batches are by department, in the order of `DEPARTMENTS`
  (10, 10 and 11 departments), so the sizes follow from the departments' item counts;
- each department's item count: 3,514 apportioned by the number of sample items each
  department owns in the demo stock (`catalog.demo.acts`) plus a floor, so
  enforcement-heavy departments hold more;
- the counties' township counts (12 + 16 + 12 + 16 + 31 + 18 = 105) and their names,
  invented from the generator's name stock; which towns are the 23 (the first ones of
  each county except the urban district: 0 + 4 + 3 + 4 + 7 + 5);
- the templates' sizes: 72 basic items, 60 delegation items; of the delegation items,
  penalties and coercive measures go by entrustment (委托), the rest by assignment (交办);
- all contact details are invented (phone numbers in the 0374 area, the city website).
"""

from dataclasses import dataclass, field

from quanze.catalog.demo.acts import ITEMS, OTHER_ITEMS, ItemSpec, legal_basis
from quanze.catalog.demo.mix import apportion
from quanze.catalog.demo.units import DEPARTMENTS, PLACE_FIRST, PLACE_SECOND, DepartmentSpec

PROVINCE = ("410000000000", "河南省")
CITY = ("411000000000", "许昌市")
WEBSITE = "https://www.xuchang.gov.cn"
# code, name, townships, towns given county powers (source: 105 and 23 in all)
COUNTIES = [
    ("411002", "魏都区", 12, 0),
    ("411003", "建安区", 16, 4),
    ("411024", "鄢陵县", 12, 3),
    ("411025", "襄城县", 16, 4),
    ("411081", "禹州市", 31, 7),
    ("411082", "长葛市", 18, 5),
]
POWERS, BATCHES = 3514, (10, 10, 11)  # departments per batch, in DEPARTMENTS order
BASIC_ITEMS, DELEGATION_ITEMS = 72, 60
ENTRUSTED_TYPES = ("行政处罚", "行政强制")
BATCH_DOCUMENTS = ("许政〔2019〕61号", "许政〔2019〕78号", "许政〔2020〕12号")
BATCH_DATES = ("2019-09-01", "2019-12-01", "2020-03-01")
POWERS_LIST = "许昌市市级行政职权清单"
BASIC_CATALOG = "许昌市乡镇(街道)权责清单基本事项目录"
DELEGATION_CATALOG = "许昌市乡镇(街道)放权赋权事项目录"
ADMISSION_RULE = "乡镇(街道)职责准入制度(模板)"
# Types cycled through where a department has no sample items of its own.
GENERIC_TYPES = ["行政处罚", "行政许可", "行政检查", "行政处罚", "行政确认", "其他行政权力"]
DELEGATED_KEYS = ("cg", "zr", "sh", "sc", "yj", "ny", "sl", "zj", "wl", "ws")


@dataclass(frozen=True)
class Row:
    """One row of a list as the published spreadsheet writes it."""

    code: str
    name: str
    sub_name: str
    power_type: str
    department: str
    field: str
    basis: str


@dataclass(frozen=True)
class Township:
    code: str
    name: str
    kind: str  # town / xiang / subdistrict
    developed: bool


@dataclass
class Plan:
    departments: list[DepartmentSpec]
    batches: list[list[Row]]  # the city's powers, by batch
    basic: list[Row]
    delegation: list[Row]
    townships: dict[str, list[Township]] = field(default_factory=dict)  # county code ->

    @property
    def powers(self) -> int:
        return sum(len(b) for b in self.batches)


def department_name(spec: DepartmentSpec, place: str = CITY[1]) -> str:
    return place + spec.suffix


def _specs_by_department() -> dict[str, list[ItemSpec]]:
    out: dict[str, list[ItemSpec]] = {}
    for spec in ITEMS + OTHER_ITEMS:
        out.setdefault(spec.dept, []).append(spec)
    return out


def _rows(dept: DepartmentSpec, count: int, specs: list[ItemSpec], owner: str, prefix) -> list:
    rows = []
    for n in range(count):
        if specs:
            spec = specs[n % len(specs)]
            rnd = n // len(specs)
            sub = spec.sub_name if rnd == 0 else f"{spec.sub_name or '情形'}{rnd + 1}"
            name, power_type, basis = spec.name, spec.power_type, legal_basis(spec)
        else:
            power_type = GENERIC_TYPES[n % len(GENERIC_TYPES)]
            name, sub, basis = f"{dept.suffix}{power_type}事项{n + 1}", "", ""
        code = f"{owner}{dept.letters}-{prefix(power_type)}-{n + 1:04d}"
        rows.append(Row(code, name, sub, power_type, "", dept.field, basis))
    return rows


def plan_003(prefix, *, powers: int = POWERS, scale: float = 1.0) -> Plan:
    """The plan; `prefix(type name)` gives the power type's code prefix (XK, CF …).
    `powers` and `scale` shrink it for a quick test (same shape, same code path)."""
    specs = _specs_by_department()
    departments = DEPARTMENTS[: sum(BATCHES)]
    counts = apportion(powers, {d.key: len(specs.get(d.key, ())) + 25 for d in departments})
    batches, start = [], 0
    for size in BATCHES:
        rows = []
        for dept in departments[start : start + size]:
            dept_rows = _rows(dept, counts[dept.key], specs.get(dept.key, []), "XC", prefix)
            rows += [
                r.__class__(**{**r.__dict__, "department": department_name(dept)})
                for r in dept_rows
            ]
        batches.append(rows)
        start += size
    # The templates: sample items without a department (a township exercises them itself).
    pool = [s for key in DELEGATED_KEYS for s in specs.get(key, [])]
    basic = _template(pool[::2], max(1, round(BASIC_ITEMS * scale)), "JB", prefix)
    delegation = _template(pool[1::2], max(2, round(DELEGATION_ITEMS * scale)), "FQ", prefix)
    plan = Plan(departments, batches, basic, delegation)
    used = 0
    for code, name, townships, developed in COUNTIES:
        count = max(1, round(townships * scale))
        plan.townships[code] = _townships(code, name, count, min(developed, count), used)
        used += count
    return plan


def _template(specs: list[ItemSpec], count: int, letters: str, prefix) -> list[Row]:
    rows = []
    for n in range(count):
        spec = specs[n % len(specs)]
        sub = spec.sub_name if n < len(specs) else f"{spec.sub_name or '情形'}{n // len(specs) + 1}"
        code = f"XC{letters}-{prefix(spec.power_type)}-{n + 1:04d}"
        field_name = next((d.field for d in DEPARTMENTS if d.key == spec.dept), "其他")
        rows.append(
            Row(code, spec.name, sub, spec.power_type, spec.dept, field_name, legal_basis(spec))
        )
    return rows


def _townships(county: str, county_name: str, count: int, developed: int, used: int) -> list:
    """Invented names; an urban district has subdistricts only, a county a few
    subdistricts (001…), then towns (100…) and xiang (200…); the first towns are the
    developed ones."""
    out = []
    urban = county_name.endswith("区") and county.endswith("02")
    subdistricts = count if urban else max(1, count // 6)
    xiang = 0 if urban else count // 5
    towns = count - subdistricts - xiang
    place = _names(used, count)
    for i in range(subdistricts):
        out.append(Township(f"{county}{1 + i:03d}", f"{place[i]}街道", "subdistrict", False))
    for i in range(towns):
        name = place[subdistricts + i]
        out.append(Township(f"{county}{100 + i:03d}", f"{name}镇", "town", i < developed))
    for i in range(xiang):
        name = place[subdistricts + towns + i]
        out.append(Township(f"{county}{200 + i:03d}", f"{name}乡", "xiang", False))
    if developed > towns:  # a tiny test plan: make subdistricts up the number
        extra = developed - towns
        out = [
            Township(t.code, t.name, t.kind, True) if i < extra else t for i, t in enumerate(out)
        ]
    return out


def _names(start: int, count: int) -> list[str]:
    """Two-character place names, distinct across the city."""
    seconds = "".join(dict.fromkeys(c for c in PLACE_SECOND if c != "乡"))
    names = []
    for n in range(start, start + count):
        first = PLACE_FIRST[n % len(PLACE_FIRST)]
        second = seconds[(n // len(PLACE_FIRST) + n) % len(seconds)]
        names.append(first + second)
    return names
