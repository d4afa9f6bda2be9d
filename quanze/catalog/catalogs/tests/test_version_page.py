"""The version page: escaped cells, snapshots once published, queries that do not grow."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quanze.catalog.catalogs import selectors, services
from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.powers import services as power_services
from quanze.testing import factories as f


def _version(cast, n, *, publish):
    catalog = services.catalog_create(
        by=None, name=f"清单{n}{publish}", kind=Catalog.Kind.TOWNSHIP_LIST, owner=cast.town_a
    )
    draft = services.version_draft(by=None, catalog=catalog)
    powers = [
        f.PowerFactory(owner=cast.county, department=cast.urban, name=f"<b>事项{i}</b>")
        for i in range(n)
    ]
    services.version_set_entries(by=None, version=draft, entries=[(p, "basic") for p in powers])
    if publish:
        services.version_publish(by=None, version=draft, effective_date=date(2025, 1, 1))
    return draft, powers


def _queries(client, version) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("catalog:version_detail", args=[version.pk])).status_code == 200
    return len(queries)


@pytest.mark.parametrize("publish", [True, False])
def test_its_queries_do_not_grow_with_the_list(client, cast, publish):
    client.force_login(cast.office)
    small, _ = _version(cast, 2, publish=publish)
    large, _ = _version(cast, 12, publish=publish)
    assert _queries(client, small) == _queries(client, large)


def test_it_escapes_cells_and_shows_the_snapshot_once_published(client, cast):
    client.force_login(cast.office)
    version, powers = _version(cast, 2, publish=True)
    power_services.power_update(
        by=None, power=powers[0], expected_updated_at=powers[0].updated_at, name="改过的名称"
    )
    html = client.get(reverse("catalog:version_detail", args=[version.pk])).content.decode()
    assert "&lt;b&gt;事项0&lt;/b&gt;" in html and "<b>事项0" not in html
    assert "改过的名称" not in html  # the published list shows what was published
    assert "<td>基本盘</td>" in html and '<td class="pre long">' in html


def test_power_rows_match_the_entries_in_drafts_and_published_versions(cast):
    for publish in (False, True):
        version, powers = _version(cast, 3, publish=publish)
        rows = selectors.version_power_rows(version)
        assert [pid for pid, _ in rows] == [p.pk for p in powers]
        assert [row["position"] for _, row in rows] == [1, 2, 3]
        assert {row["department"] for _, row in rows} == {"平阴县城市管理局"}
        assert {row["set_kind"] for _, row in rows} == {"basic"}


def test_a_long_version_is_paged_searched_and_sorted(client, cast):
    client.force_login(cast.office)
    version, _ = _version(cast, 60, publish=False)
    url = reverse("catalog:version_detail", args=[version.pk])
    first = client.get(url).text
    assert first.count("&lt;b&gt;事项") == 50 and "第 1/2 页" in first and "共 60 行" in first
    found = client.get(url, {"q": "事项59"}).text
    assert found.count("&lt;b&gt;事项") == 1 and "找到 1 行(共 60 行)" in found
    backwards = client.get(url, {"sort": "-position"}).text
    assert backwards.index("事项59") < backwards.index("事项10&lt;")
    assert 'aria-sort="descending"' in backwards
