"""The demo county: what `quanze load_demo` promises the README reader."""

from io import StringIO

import pytest
from django.core.management import call_command

from quanze.catalog.catalogs import selectors
from quanze.catalog.demo.acts import ITEMS
from quanze.catalog.demo.loader import CATALOG_NAME, COUNTY, PASSWORD
from quanze.catalog.models import Catalog, CatalogVersion, Citation, Power
from quanze.core.models import ChangeRecord
from quanze.org.models import Department, Division, User
from quanze.org.validators import validate_credit_code


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_it_builds_the_county_with_twenty_townships(demo):
    county = Division.objects.get(code=COUNTY[0])
    townships = Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP)
    assert townships.count() == 20
    assert townships.filter(economically_developed=True).count() == 2
    assert townships.filter(kind=Division.Kind.SUBDISTRICT).exists()
    assert townships.filter(kind=Division.Kind.TOWN).exists()
    assert townships.filter(pilot=True).count() >= 3
    assert all(len(t.code) == 12 and t.code.startswith("370124") for t in townships)
    assert county.parent.name == "济南市" and county.parent.parent.name == "山东省"


def test_it_gives_departments_real_names_and_valid_credit_codes(demo):
    departments = Department.objects.filter(division__code=COUNTY[0])
    assert 28 <= departments.count() <= 32
    names = set(departments.values_list("name", flat=True))
    assert {"平阴县住房和城乡建设局", "平阴县城市管理局", "平阴县市场监督管理局"} <= names
    for department in departments:
        validate_credit_code(department.credit_code)
        assert department.short_name


def test_it_publishes_a_185_item_catalog_and_drafts_a_changed_second_version(demo):
    catalog = Catalog.objects.get(name=CATALOG_NAME)
    v1, v2 = catalog.versions.order_by("number")
    assert v1.status == CatalogVersion.Status.PUBLISHED and v1.document_number
    assert v2.status == CatalogVersion.Status.DRAFT
    assert v1.entries.count() == len(ITEMS) == 185
    assert {e.set_kind for e in v1.entries.all()} == {"basic", "optional"}
    diff = selectors.version_diff(v1, v2)
    assert len(diff.added) == 2
    assert len(diff.removed) == 3
    changed_keys = {key for _, changes in diff.changed for key, _, _ in changes}
    assert {"legal_basis", "set_kind"} <= changed_keys


def test_it_parses_the_citations_of_the_demo_powers(demo):
    power = Power.objects.get(name="对擅自占用或者挖掘城市道路的处罚")
    first, second = Citation.objects.filter(power=power).order_by("position")
    assert (first.rank, first.act_title, first.revision_year, first.article) == (
        "行政法规",
        "城市道路管理条例",
        2019,
        "42",
    )
    assert (second.act_title, second.article, second.item) == ("城市道路管理条例", "27", "1")
    waste = Power.objects.get(name="对随意倾倒、抛撒、堆放或者焚烧生活垃圾的处罚")
    (citation,) = waste.citations.all()
    assert (citation.rank, citation.revision_year) == ("法律", 2020)
    assert (citation.article, citation.clause, citation.item) == ("111", "1", "1")
    assert not Power.objects.filter(citations__isnull=True).exists()


def test_it_publishes_the_lists_of_the_pilot_townships(demo):
    lists = Catalog.objects.filter(kind=Catalog.Kind.TOWNSHIP_LIST)
    assert lists.count() == Division.objects.filter(pilot=True).count()
    guiding = Catalog.objects.get(name=CATALOG_NAME).versions.get(number=1)
    basic = set(guiding.entries.filter(set_kind="basic").values_list("power_id", flat=True))
    for township_list in lists:
        version = township_list.versions.get()
        assert version.status == CatalogVersion.Status.PUBLISHED
        claimed = set(version.entries.values_list("power_id", flat=True))
        assert basic <= claimed < set(guiding.entries.values_list("power_id", flat=True))


def test_it_records_history_for_what_it_creates(demo):
    power = Power.objects.first()
    assert ChangeRecord.objects.filter(object_id=power.pk, action="create").exists()
    assert ChangeRecord.objects.filter(action="publish").count() >= 2


def test_it_prints_logins_that_work(demo):
    for username in ("office", "reviewer", "urban", "town1"):
        assert username in demo
        assert User.objects.get(username=username).check_password(PASSWORD)
    assert User.objects.get(username="urban").department.name == "平阴县城市管理局"


def test_it_loads_only_once(demo):
    counts = (Division.objects.count(), Power.objects.count(), ChangeRecord.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "未重复载入" in out.getvalue()
    assert (Division.objects.count(), Power.objects.count(), ChangeRecord.objects.count()) == counts
