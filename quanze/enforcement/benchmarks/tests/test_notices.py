"""Publishing a benchmark version tells those who apply it."""

from datetime import date

from quanze.core.models import Notice
from quanze.enforcement.benchmarks import services
from quanze.enforcement.benchmarks.tests import sheets


def publish(ew, tmp_path, on):
    bureau = ew.cast.reviewer
    benchmark = services.benchmark_create(by=bureau, name="平阴县城市管理行政处罚裁量基准")
    draft = benchmark.versions.get(status="draft")
    path = sheets.write(tmp_path / "基准.xlsx", sheets.rows())
    services.version_import(by=bureau, version=draft, path=path, file_name="基准.xlsx")
    return services.version_publish(
        by=bureau, version=draft, effective_date=on, document_number="平司发〔2025〕3号"
    )


def told():
    return set(
        Notice.objects.filter(kind=Notice.Kind.BENCHMARK_PUBLISHED).values_list(
            "recipient__username", flat=True
        )
    )


def test_the_townships_holding_its_powers_and_the_departments_owning_them_are_told(ew, tmp_path):
    cast = ew.cast
    # items: urban_private (玫瑰镇's list) and urban_power (锦水街道's list), both 城管局's
    version = publish(ew, tmp_path, date(2025, 2, 1))
    assert told() == {
        cast.town_a_clerk.username,
        cast.town_b_clerk.username,
        cast.dept_clerk.username,
    }
    notice = Notice.objects.filter(recipient=cast.town_a_clerk).get()
    assert notice.title == f"裁量基准发布:平阴县城市管理行政处罚裁量基准第{version.number}版"
    assert "2025年02月01日" in notice.body and "平司发〔2025〕3号" in notice.body
    assert notice.link == f"/enforcement/benchmarks/versions/{version.pk}/"


def test_a_township_that_no_longer_holds_the_power_is_not_told(ew, builders, tmp_path):
    cast = ew.cast
    # from 2025-06-01 玫瑰镇's list holds 土地 only: it no longer applies the 城管 benchmark
    from quanze.catalog.catalogs import services as catalog
    from quanze.catalog.models import Catalog

    listed = Catalog.objects.get(owner=cast.town_b, name="玫瑰镇赋权事项清单")
    draft = catalog.version_draft(by=None, catalog=listed)
    catalog.version_set_entries(by=None, version=draft, entries=[(ew.land_power, "")])
    catalog.version_publish(
        by=None,
        version=draft,
        effective_date=date(2025, 6, 1),
        document_number="平编发〔2025〕21号",
    )
    publish(ew, tmp_path, date(2099, 1, 1))
    assert cast.town_b_clerk.username not in told()
    assert cast.town_a_clerk.username in told()
