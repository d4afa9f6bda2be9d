"""The demo county: 山东省济南市平阴县 with its townships, departments, catalog and people.

Everything goes through the project's services with `by=None` (a system job), so
every object has its history from the start.

The guiding catalog (185 items from quanze.catalog.demo.acts) is owned by the
county, not the province: the county office adopts the provincial catalog as its
own, adds its departments and publishes and revises it (version 1 published,
version 2 a draft with changes), and `clean_power` requires a power's department
to belong to the owner's county. A province-owned catalog could be read by the
county but not published or edited by anyone in the demo. (`quanze generate`
makes the province-owned variant, whose items name no county department.)
"""

import random
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import transaction

from quanze.catalog.catalogs import services as catalog_services
from quanze.catalog.demo.acts import ADDED_ITEMS, ITEMS, legal_basis
from quanze.catalog.demo.text import accountability_text, duties_text
from quanze.catalog.demo.units import DEMO_TOWNSHIPS, DEPARTMENT_BY_KEY, DEPARTMENTS, credit_code
from quanze.catalog.models import Catalog, CatalogEntry, Field, PowerType
from quanze.catalog.powers import services as power_services
from quanze.core.history import model_state, record_change
from quanze.org import services as org_services
from quanze.org.models import Division, User

PASSWORD = "quanze-demo"
PROVINCE = ("370000000000", "山东省")
CITY = ("370100000000", "济南市")
COUNTY = ("370124000000", "平阴县")
CATALOG_NAME = "平阴县赋权乡镇指导目录"
DOCUMENT_NUMBER = "平编办发〔2025〕3号"
# Share of the catalog in the basic set: Chongqing's guiding list has 15 common
# (basic) items out of 99 (catalog_summary_counts_from_notices.csv).
BASIC_SHARE = 15 / 99
SEED = 2025
# The article text version 2 adds to the first item's basis (as in the Zhengzhou sample).
ARTICLE_42 = (
    "第四十二条 违反本条例第二十七条规定,或者有下列行为之一的,由市政工程行政主管部门"
    "或者其他有关部门责令限期改正,可以处以2万元以下的罚款;造成损失的,应当依法承担赔偿责任:"
)


@dataclass
class DemoLogin:
    username: str
    role: str
    unit: str


def demo_loaded() -> bool:
    return Division.objects.filter(code=COUNTY[0]).exists()


@transaction.atomic
def demo_load() -> list[DemoLogin]:
    """Create the demo county once; a second run only resets the demo passwords."""
    if not demo_loaded():
        _build()
    return _logins()


def _build() -> None:
    province = org_services.division_create(
        by=None, code=PROVINCE[0], name=PROVINCE[1], level=Division.Level.PROVINCE, parent=None
    )
    city = org_services.division_create(
        by=None, code=CITY[0], name=CITY[1], level=Division.Level.CITY, parent=province
    )
    county = org_services.division_create(
        by=None, code=COUNTY[0], name=COUNTY[1], level=Division.Level.COUNTY, parent=city
    )
    townships = [
        org_services.division_create(
            by=None,
            code=f"{county.code[:6]}{suffix}000",
            name=name,
            level=Division.Level.TOWNSHIP,
            parent=county,
            kind=kind,
            economically_developed=developed,
            pilot=pilot,
        )
        for suffix, name, kind, developed, pilot in DEMO_TOWNSHIPS
    ]
    departments = {
        spec.key: org_services.department_create(
            by=None,
            division=county,
            name=f"{county.name}{spec.suffix}",
            short_name=spec.short_name,
            credit_code=credit_code(county.code, index),
        )
        for index, spec in enumerate(DEPARTMENTS, start=1)
    }
    powers = _powers(county, departments, [*ITEMS, *ADDED_ITEMS])
    catalog = catalog_services.catalog_create(
        by=None,
        name=CATALOG_NAME,
        kind=Catalog.Kind.GUIDING,
        owner=county,
        description="依据省级赋权乡镇指导目录,结合本县实际梳理的可赋予乡镇(街道)的县级权力事项。",
    )
    rng = random.Random(SEED)
    basic = set(rng.sample(range(len(ITEMS)), round(len(ITEMS) * BASIC_SHARE)))
    kinds = [
        CatalogEntry.SetKind.BASIC if i in basic else CatalogEntry.SetKind.OPTIONAL
        for i in range(len(powers))
    ]
    # Version 1 lists ITEMS; the ADDED_ITEMS at the end come with version 2.
    first = list(zip(powers[: len(ITEMS)], kinds[: len(ITEMS)], strict=True))
    v1 = catalog_services.version_draft(by=None, catalog=catalog)
    catalog_services.version_set_entries(by=None, version=v1, entries=first)
    catalog_services.version_publish(
        by=None, version=v1, effective_date=date(2025, 3, 1), document_number=DOCUMENT_NUMBER
    )
    _draft_version_2(catalog, powers, kinds, rng)
    _township_lists(townships, first, rng)
    _users(county, townships, departments)


def _powers(county: Division, departments: dict, items) -> list:
    types = {t.name: t for t in PowerType.objects.all()}
    fields = {f.name: f for f in Field.objects.all()}
    powers = []
    counters: dict[tuple[str, str], int] = {}
    for item in items:
        spec = DEPARTMENT_BY_KEY[item.dept]
        power_type = types[item.power_type]
        key = (spec.letters, power_type.prefix)
        counters[key] = counters.get(key, 0) + 1
        powers.append(
            power_services.power_create(
                by=None,
                owner=county,
                code=f"{county.code[:8]}{spec.letters}-{power_type.prefix}-{counters[key]:04d}",
                name=item.name,
                sub_name=item.sub_name,
                power_type=power_type,
                field=fields[spec.field],
                department=departments[item.dept],
                exercise_level="县级",
                legal_basis=legal_basis(item),
                duties=duties_text(item.power_type),
                accountability=accountability_text(item.power_type),
                accountability_scope=f"{departments[item.dept].name}及其工作人员",
                undertaking_unit=departments[item.dept].name,
            )
        )
    return powers


def _draft_version_2(catalog, powers, kinds, rng) -> None:
    """Version 2 drops three items, adds two, moves two between sets and edits one."""
    v2 = catalog_services.version_draft(by=None, catalog=catalog)
    entries = list(zip(powers, kinds, strict=True))
    dropped = set(rng.sample(range(1, len(ITEMS)), 3))
    entries = [pair for i, pair in enumerate(entries) if i not in dropped]
    for index in rng.sample(range(len(entries) - 2), 2):
        power, kind = entries[index]
        flipped = (
            CatalogEntry.SetKind.OPTIONAL
            if kind == CatalogEntry.SetKind.BASIC
            else CatalogEntry.SetKind.BASIC
        )
        entries[index] = (power, flipped)
    catalog_services.version_set_entries(
        by=None, version=v2, entries=entries, reason="根据乡镇反馈意见动态调整"
    )
    edited = powers[0]
    power_services.power_update(
        by=None,
        power=edited,
        reason="补充设定依据条文",
        legal_basis=edited.legal_basis + "\n" + ARTICLE_42,
    )


def _township_lists(townships, claimable, rng) -> None:
    """The pilot townships publish their lists: the whole basic set, part of the optional."""
    for township in (t for t in townships if t.pilot):
        share = rng.uniform(0.4, 0.8)
        claimed = [
            (power, kind)
            for power, kind in claimable
            if kind == CatalogEntry.SetKind.BASIC or rng.random() < share
        ]
        catalog = catalog_services.catalog_create(
            by=None,
            name=f"{township.name}赋权事项清单",
            kind=Catalog.Kind.TOWNSHIP_LIST,
            owner=township,
        )
        version = catalog_services.version_draft(by=None, catalog=catalog)
        catalog_services.version_set_entries(by=None, version=version, entries=claimed)
        catalog_services.version_publish(
            by=None,
            version=version,
            effective_date=date(2025, 4, 1),
            document_number=f"平政字〔2025〕{int(township.code[6:9]) + 10}号",
        )


def _users(county, townships, departments) -> None:
    Role = User.Role
    people = [
        ("office", "县委编办 张主任", Role.ESTABLISHMENT_OFFICE, {}),
        ("reviewer", "县司法局 李科长", Role.JUSTICE_REVIEWER, {}),
        ("urban", "县城管局 王经办", Role.DEPARTMENT_CLERK, {"department": departments["cg"]}),
        ("land", "县自然资源局 赵经办", Role.DEPARTMENT_CLERK, {"department": departments["zr"]}),
    ]
    pilots = [t for t in townships if t.pilot]
    people += [
        (f"town{i}", f"{t.name} 经办人", Role.TOWNSHIP_CLERK, {"township": t})
        for i, t in enumerate(pilots[:3], start=1)
    ]
    for username, display_name, role, unit in people:
        user = User.objects.create_user(
            username=username,
            password=None,  # set by _logins, which hashes the demo password once
            role=role,
            county=county,
            display_name=display_name,
            **unit,
        )
        record_change(
            user,
            action="create",
            actor=None,
            after=model_state(user, ["username", "role", "county", "department", "township"]),
        )


def _logins() -> list[DemoLogin]:
    logins = []
    county = Division.objects.get(code=COUNTY[0])
    password = make_password(PASSWORD)
    for user in User.objects.filter(county=county).select_related("department", "township"):
        if user.username in ("office", "reviewer", "urban", "land") or user.username.startswith(
            "town"
        ):
            user.password = password
            user.save(update_fields=["password"])
            unit = user.department or user.township or county
            logins.append(DemoLogin(user.username, user.get_role_display(), str(unit)))
    return sorted(logins, key=lambda login: login.username)
