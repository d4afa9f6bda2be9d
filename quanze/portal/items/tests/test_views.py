"""The public item page: the published text, who holds it, what enforcement publishes."""

from datetime import date

import pytest

from quanze.catalog.catalogs import services
from quanze.catalog.models import Catalog

pytestmark = pytest.mark.django_db


def _township_list(w, township, *, number="平政发〔2025〕5号"):
    catalog = services.catalog_create(
        by=None,
        name=f"{township.name}权责清单(公开)",
        kind=Catalog.Kind.TOWNSHIP_LIST,
        owner=township,
    )
    draft = services.version_draft(by=None, catalog=catalog)
    services.version_set_entries(by=None, version=draft, entries=[(w.urban_power, "basic")])
    return services.version_publish(
        by=None, version=draft, effective_date=date(2025, 3, 1), document_number=number
    )


def test_the_item_page_shows_the_published_fields_and_the_basis_article(client, world):
    page = client.get(f"/portal/items/{world.urban_power.pk}/").content.decode()
    assert "对违法建设行为的行政执法" in page and "330217D01" in page
    assert "中华人民共和国城乡规划法" in page and "第64条" in page
    assert "未取得建设工程规划许可证" in page  # the article's text as recorded
    assert "平阴县城市管理局" in page
    assert "平阴县赋权乡镇指导目录 第 1 版" in page


def test_the_item_page_names_each_township_holding_it_with_the_document(client, world):
    _township_list(world, world.cast.town_b)
    page = client.get(f"/portal/items/{world.urban_power.pk}/").content.decode()
    assert "玫瑰镇" in page and "平政发〔2025〕5号" in page
    assert "锦水街道" not in page  # its list is a draft


def test_a_power_of_no_published_version_is_404(client, world):
    assert client.get(f"/portal/items/{world.land_private.pk}/").status_code == 404
    assert client.get("/portal/items/999999/").status_code == 404


def test_the_item_page_is_public_and_cacheable(client, world):
    response = client.get(f"/portal/items/{world.urban_power.pk}/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and response["ETag"]
    assert "csrftoken" not in response.cookies and "sessionid" not in response.cookies
