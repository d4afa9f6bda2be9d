"""A county with catalogs in every state, built on the `cast`, for page and API tests.

- county_catalog: the county's guiding catalog, version 1 published, version 2 a draft
- urban_catalog / land_catalog: each department's powers list, a draft only
- town_a_catalog / town_b_catalog: each township's list, a draft only
- foreign_catalog: the other county's catalog, version 1 published
- urban_power / land_power: listed in the published county catalog
- urban_private / land_private: listed only in their department's draft
- foreign_power: a power of the other county
"""

from datetime import date
from types import SimpleNamespace

from quanze.catalog.catalogs import services
from quanze.catalog.models import Catalog, CatalogEntry
from quanze.catalog.powers import services as power_services
from quanze.org.models import Division, User
from quanze.testing import factories as f

BASIS = (
    "【法律】《中华人民共和国城乡规划法》(2019年修正)第六十四条第一款 未取得建设工程规划许可证……"
)


def _power(owner, code, name, department, type_name="行政处罚", field="城市管理"):
    return power_services.power_create(
        by=None,
        owner=owner,
        code=code,
        name=name,
        power_type=f.power_type(type_name),
        field=f.field(field),
        department=department,
        legal_basis=BASIS,
    )


def _catalog(owner, name, kind, department=None, entries=(), publish=False):
    catalog = services.catalog_create(
        by=None, name=name, kind=kind, owner=owner, department=department
    )
    draft = services.version_draft(by=None, catalog=catalog)
    services.version_set_entries(by=None, version=draft, entries=list(entries))
    if publish:
        services.version_publish(
            by=None,
            version=draft,
            effective_date=date(2025, 1, 1),
            document_number="平编发〔2025〕1号",
        )
    return catalog


def build_world(cast) -> SimpleNamespace:
    w = SimpleNamespace(cast=cast)
    w.urban_power = _power(cast.county, "330217D01", "对违法建设行为的行政执法", cast.urban)
    w.land_power = _power(
        cast.county, "XK-0001", "建设用地审批", cast.land, type_name="行政许可", field="自然资源"
    )
    w.urban_private = _power(cast.county, "330217D02", "对占道经营行为的处罚", cast.urban)
    w.land_private = _power(
        cast.county, "XK-0002", "临时用地审批", cast.land, "行政许可", "自然资源"
    )
    w.foreign_power = _power(cast.other_county, "SH-0001", "商河县城管执法事项", cast.other_dept)
    basic, optional = CatalogEntry.SetKind.BASIC, CatalogEntry.SetKind.OPTIONAL
    w.county_catalog = _catalog(
        cast.county,
        "平阴县赋权乡镇指导目录",
        Catalog.Kind.GUIDING,
        entries=[(w.urban_power, basic), (w.land_power, optional)],
        publish=True,
    )
    w.published = w.county_catalog.versions.get(number=1)
    w.draft = services.version_draft(by=None, catalog=w.county_catalog)
    w.urban_catalog = _catalog(
        cast.county,
        "县城管局权责清单",
        Catalog.Kind.POWERS_LIST,
        cast.urban,
        [(w.urban_private, "")],
    )
    w.land_catalog = _catalog(
        cast.county,
        "县自然资源局权责清单",
        Catalog.Kind.POWERS_LIST,
        cast.land,
        [(w.land_private, "")],
    )
    w.town_a_catalog = _catalog(cast.town_a, "锦水街道权责清单", Catalog.Kind.TOWNSHIP_LIST)
    w.town_b_catalog = _catalog(cast.town_b, "玫瑰镇权责清单", Catalog.Kind.TOWNSHIP_LIST)
    w.foreign_catalog = _catalog(
        cast.other_county,
        "商河县指导目录",
        Catalog.Kind.GUIDING,
        entries=[(w.foreign_power, "")],
        publish=True,
    )
    w.foreign_version = w.foreign_catalog.versions.get()
    for name in ("urban", "land", "town_a", "town_b"):
        catalog = getattr(w, f"{name}_catalog")
        setattr(w, f"{name}_draft", catalog.versions.get())
    return w


def build_cast() -> SimpleNamespace:
    """The cast as plain objects (the `cast` fixture), also for fixtures wider than one test."""
    shandong = f.province()
    jinan = f.city(shandong)
    pingyin = f.county(jinan)
    other_county = f.county(jinan, code="370126000000", name="商河县")
    town_a = f.township(pingyin, "370124001000", "锦水街道", kind=Division.Kind.SUBDISTRICT)
    town_b = f.township(pingyin, "370124100000", "玫瑰镇", economically_developed=True)
    urban = f.DepartmentFactory(division=pingyin, name="平阴县城市管理局", short_name="县城管局")
    land = f.DepartmentFactory(division=pingyin, name="平阴县自然资源局", short_name="县自然资源局")
    other_dept = f.DepartmentFactory(division=other_county, name="商河县城市管理局")
    Role = User.Role
    return SimpleNamespace(
        province=shandong,
        city=jinan,
        county=pingyin,
        other_county=other_county,
        town_a=town_a,
        town_b=town_b,
        urban=urban,
        land=land,
        other_dept=other_dept,
        office=f.UserFactory(username="office", role=Role.ESTABLISHMENT_OFFICE, county=pingyin),
        reviewer=f.UserFactory(username="reviewer", role=Role.JUSTICE_REVIEWER, county=pingyin),
        dept_clerk=f.UserFactory(
            username="urban", role=Role.DEPARTMENT_CLERK, county=pingyin, department=urban
        ),
        other_dept_clerk=f.UserFactory(
            username="land", role=Role.DEPARTMENT_CLERK, county=pingyin, department=land
        ),
        town_a_clerk=f.UserFactory(
            username="town_a", role=Role.TOWNSHIP_CLERK, county=pingyin, township=town_a
        ),
        town_b_clerk=f.UserFactory(
            username="town_b", role=Role.TOWNSHIP_CLERK, county=pingyin, township=town_b
        ),
        outsider=f.UserFactory(
            username="outsider", role=Role.ESTABLISHMENT_OFFICE, county=other_county
        ),
    )
