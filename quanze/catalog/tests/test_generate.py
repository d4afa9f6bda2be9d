"""`quanze generate`: deterministic, shaped by the published figures, valid, fast enough."""

import csv
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from python_calamine import CalamineWorkbook

from quanze.catalog.catalogs.layout import COLUMNS
from quanze.catalog.catalogs.models import Catalog, CatalogEntry
from quanze.catalog.demo import mix
from quanze.catalog.demo.nation import PROVINCES, split
from quanze.catalog.demo.province import CLAIM_MAX, CLAIM_MEAN, build_plan
from quanze.catalog.demo.workbooks import MANIFEST
from quanze.catalog.powers.models import Citation, Power
from quanze.catalog.powers.services import clean_power
from quanze.core.models import ChangeRecord
from quanze.org.models import Department, Division
from quanze.org.validators import validate_credit_code, validate_division_code

PREFIXES = {
    "行政许可": "XK",
    "行政处罚": "CF",
    "行政强制": "QZ",
    "行政征收": "ZS",
    "行政给付": "JF",
    "行政检查": "JC",
    "行政确认": "QR",
    "行政奖励": "JL",
    "行政裁决": "CJ",
    "其他行政权力": "QT",
    "行政备案": "BA",
}


def plan(**kwargs):
    return build_plan(**{"townships": 60, "items": 471, "seed": 7, "prefixes": PREFIXES, **kwargs})


def test_it_makes_the_same_province_from_the_same_seed():
    assert plan() == plan()
    assert plan().claims != plan(seed=8).claims


def test_it_takes_the_type_mix_from_the_published_totals():
    items = plan().items
    assert Counter(item.power_type for item in items) == mix.apportion(471, mix.type_shares())
    assert len({(item.code) for item in items}) == 471
    assert len({(item.name, item.sub_name) for item in items}) == 471


def test_it_reads_the_mix_from_the_file_at_generation_time(tmp_path, monkeypatch):
    source = tmp_path / "counts.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["document", "list_kind", "dimension", "category", "count"])
        writer.writerow(["A县清单", "乡镇权责清单", "power_type", "行政许可", "3"])
        writer.writerow(["A县清单", "乡镇权责清单", "power_type", "其他职权", "1"])
        writer.writerow(["B县清单", "乡镇权责清单", "power_type", "行政许可", "1"])
        writer.writerow(["B县清单", "乡镇权责清单", "power_type", "行政调解", "1"])
    monkeypatch.setattr(mix, "SOURCE", source)
    mix.type_shares.cache_clear()
    try:
        # Each list weighs the same: (3/4 + 1/2) / 2 licences, the rest 其他行政权力.
        assert mix.type_shares() == {"行政许可": 0.625, "其他行政权力": 0.375}
    finally:
        mix.type_shares.cache_clear()


def test_it_apportions_exactly():
    assert mix.apportion(10, {"a": 1 / 3, "b": 1 / 3, "c": 1 / 3}) in (
        {"a": 4, "b": 3, "c": 3},
        {"a": 3, "b": 4, "c": 3},
        {"a": 3, "b": 3, "c": 4},
    )
    assert sum(mix.apportion(471, mix.type_shares()).values()) == 471


def test_townships_claim_the_basic_set_and_about_288_of_471():
    province = plan(townships=400)
    basic = {i for i, item in enumerate(province.items) if item.set_kind == "basic"}
    assert len(basic) == round(471 * mix.basic_share())
    sizes = [len(claimed) for claimed in province.claims]
    assert all(basic <= set(claimed) for claimed in province.claims)
    assert abs(sum(sizes) / len(sizes) - 471 * CLAIM_MEAN) < 6
    assert round(471 * CLAIM_MAX) - 5 <= max(sizes) <= round(471 * CLAIM_MAX)


def test_it_spreads_townships_over_counties_and_cities():
    province = plan(townships=260)
    assert len(province.counties) == 11
    assert len(province.cities) == 2
    codes = [t.code for t in province.townships]
    assert len(set(codes)) == len(codes)


@pytest.fixture
def generated(db, tmp_path):
    out = StringIO()
    call_command(
        "generate",
        "--townships=30",
        "--items=80",
        "--seed=3",
        "--powers=400",
        f"--xlsx-dir={tmp_path}",
        stdout=out,
    )
    return tmp_path


def test_it_writes_valid_divisions_and_departments(generated):
    for division in Division.objects.select_related("parent"):
        validate_division_code(division.code, division.level, division.parent)
    assert Division.objects.filter(level=Division.Level.TOWNSHIP).count() == 30
    assert Department.objects.count() == 31 * 2
    for department in Department.objects.all():
        validate_credit_code(department.credit_code)


def test_it_writes_powers_the_services_accept(generated):
    powers = Power.objects.select_related("department", "owner", "power_type")
    assert powers.count() == 80 + 400
    for power in powers:
        before = (power.search_text, power.name, power.code)
        clean_power(power)
        assert (power.search_text, power.name, power.code) == before
    assert not Power.objects.filter(citations__isnull=True).exists()
    assert Citation.objects.filter(rank="").count() < Citation.objects.count()
    assert ChangeRecord.objects.filter(action="create").count() >= 480


def test_it_publishes_the_catalog_and_every_township_list(generated):
    assert Catalog.objects.filter(kind=Catalog.Kind.TOWNSHIP_LIST).count() == 30
    assert CatalogEntry.objects.filter(snapshot__isnull=True).count() == 0
    guiding = Catalog.objects.get(kind=Catalog.Kind.GUIDING).versions.get()
    assert guiding.entries.count() == 80


def test_it_writes_the_lists_as_workbooks_in_the_standard_layout(generated):
    with (generated / MANIFEST).open(encoding="utf-8") as handle:
        manifest = list(csv.DictReader(handle))
    assert len(manifest) == 31
    for row in manifest:
        sheet = CalamineWorkbook.from_path(generated / row["file"]).get_sheet_by_index(0)
        rows = sheet.to_python()
        assert rows[0] == [header for _, header in COLUMNS]
        version = Catalog.objects.get(name=row["catalog"], owner__code=row["division_code"])
        version = version.versions.get()
        assert len(rows) - 1 == version.entries.count()
        codes = [r[1] for r in rows[1:]]
        assert codes == list(version.entries.values_list("power__code", flat=True))


def test_it_refuses_a_database_that_already_holds_the_province(generated):
    with pytest.raises(CommandError, match="已有"):
        call_command("generate", "--townships=5", "--items=10", stdout=StringIO())


def test_a_nation_splits_the_townships_evenly_over_real_province_codes():
    assert split(38_000, 31)[:2] == [1226, 1226] and sum(split(38_000, 31)) == 38_000
    assert len({code for code, _ in PROVINCES}) == 31
    for code, _name in PROVINCES:
        validate_division_code(code, Division.Level.PROVINCE, None)
    # Each province draws from its own stream: the same whichever others come with it.
    hebei = ("130000000000", "河北省")
    one = plan(townships=10, province=hebei)
    assert one == plan(townships=10, province=hebei)
    assert one.claims != plan(townships=10).claims
    assert all(item.code.startswith("13000000") for item in one.items)
    assert all(t.code.startswith("13") for t in one.townships)


def test_it_generates_a_nation_set_based_with_the_claims_of_each_plan(db):
    out = StringIO()
    call_command("generate", "--provinces=2", "--townships=6", "--items=20", "--seed=3", stdout=out)
    assert "2 个省" in out.getvalue()
    provinces = Division.objects.filter(level=Division.Level.PROVINCE).order_by("code")
    assert [p.code for p in provinces] == ["110000000000", "120000000000"]
    for division in Division.objects.select_related("parent"):
        validate_division_code(division.code, division.level, division.parent)
    assert Catalog.objects.filter(kind=Catalog.Kind.GUIDING).count() == 2
    for code, name in PROVINCES[:2]:
        expected = build_plan(
            townships=3, items=20, seed=3, prefixes=PREFIXES, province=(code, name)
        )
        for township, claimed in zip(expected.townships, expected.claims, strict=True):
            version = Catalog.objects.get(owner__code=township.code).versions.get()
            rows = list(version.entries.order_by("position").values_list("position", "power__code"))
            assert rows == [(n, expected.items[i].code) for n, i in enumerate(claimed, start=1)]
            assert version.entries.filter(power__owner__code=code).count() == len(claimed)
    assert CatalogEntry.objects.filter(snapshot__isnull=True).count() == 0
    # One history row per object, as for one province: divisions, departments, catalogs,
    # powers (the list entries have none, as for one province).
    created = 2 * (1 + 1 + 1 + 3) + 2 * 31 + 2 * (1 + 3) + 2 * 20
    assert ChangeRecord.objects.filter(action="create").count() == created
    assert ChangeRecord.objects.filter(action="publish").count() == 2 * 4
    with pytest.raises(CommandError, match="已有北京市"):
        call_command("generate", "--provinces=1", "--townships=1", "--items=5", stdout=out)
