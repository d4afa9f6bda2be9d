"""The public list pages: published versions only, at any date, diffs, HTTP caching."""

from datetime import date

import pytest

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import CatalogEntry
from quanze.catalog.powers import services as power_services
from quanze.duties.territorial.tests.builders import published_list
from quanze.portal.lists import views

pytestmark = pytest.mark.django_db


def _publish_v2(w, *, on=date(2025, 6, 1)):
    """Version 2 of the county's guiding catalog: adds 占道经营, takes effect on `on`."""
    services.version_set_entries(
        by=None,
        version=w.draft,
        entries=[
            (w.urban_power, CatalogEntry.SetKind.BASIC),
            (w.land_power, CatalogEntry.SetKind.OPTIONAL),
            (w.urban_private, CatalogEntry.SetKind.BASIC),
        ],
    )
    return services.version_publish(
        by=None, version=w.draft, effective_date=on, document_number="平编发〔2025〕9号"
    )


def test_the_index_lists_published_lists_and_no_list_that_is_only_a_draft(client, world):
    page = client.get("/portal/lists/").content.decode()
    assert "平阴县赋权乡镇指导目录" in page
    assert "商河县指导目录" in page
    assert "县城管局权责清单" not in page  # a draft only
    assert "锦水街道权责清单" not in page


def test_the_index_filters_by_kind_and_name(client, world):
    page = client.get("/portal/lists/?kind=powers_list").content.decode()
    assert "平阴县赋权乡镇指导目录" not in page
    page = client.get("/portal/lists/?q=商河").content.decode()
    assert "商河县指导目录" in page and "平阴县赋权乡镇指导目录" not in page


def test_a_list_never_published_is_404_and_so_is_a_drafts_number(client, world):
    assert client.get(f"/portal/lists/catalog/{world.urban_catalog.pk}/").status_code == 404
    url = f"/portal/lists/catalog/{world.county_catalog.pk}/"
    assert client.get(f"{url}?v=2").status_code == 404  # version 2 is the open draft
    assert client.get("/portal/lists/nosuch/1/").status_code == 404


def test_a_draft_item_and_a_drafts_wording_never_appear(client, world):
    """The draft adds 占道经营 and the working copy of a published item is renamed: the
    public pages keep showing the published version as it was frozen."""
    services.version_set_entries(
        by=None,
        version=world.draft,
        entries=[(world.urban_power, ""), (world.urban_private, "")],
    )
    power_services.power_update(by=None, power=world.urban_power, name="尚未发布的新名称")
    url = f"/portal/lists/catalog/{world.county_catalog.pk}/"
    page = client.get(url).content.decode()
    assert "对违法建设行为的行政执法" in page and "建设用地审批" in page
    assert "对占道经营行为的处罚" not in page
    assert "尚未发布的新名称" not in page
    item = client.get(f"/portal/items/{world.urban_power.pk}/").content.decode()
    assert "对违法建设行为的行政执法" in item and "尚未发布的新名称" not in item
    assert client.get(f"/portal/items/{world.urban_private.pk}/").status_code == 404
    found = client.get("/portal/search/?q=占道").content.decode()
    assert "找到 0 个事项" in found
    found = client.get("/portal/search/?q=尚未发布").content.decode()
    assert "找到 0 个事项" in found


def test_point_in_time_shows_the_version_in_force_on_that_day(client, world):
    _publish_v2(world)
    url = f"/portal/lists/catalog/{world.county_catalog.pk}/"
    before = client.get(f"{url}?date=2025-03-01").content.decode()
    assert "2025年3月1日 施行的是第 1 版" in before
    assert "对占道经营行为的处罚" not in before
    after = client.get(f"{url}?date=2025-07-01").content.decode()
    assert "第 2 版" in after and "对占道经营行为的处罚" in after
    assert "平编发〔2025〕9号" in after
    early = client.get(f"{url}?date=2024-12-31").content.decode()
    assert "尚未施行任何版本" in early
    assert "对违法建设行为的行政执法" not in early


def test_a_bad_date_is_refused_in_chinese_and_the_current_version_shown(client, world):
    url = f"/portal/lists/catalog/{world.county_catalog.pk}/?date=2025-13-01"
    page = client.get(url).content.decode()
    assert "查询日期:请按 2024-03-01 的格式填写" in page
    assert "对违法建设行为的行政执法" in page


def test_the_diff_names_what_was_added(client, world):
    _publish_v2(world)
    page = client.get(f"/portal/lists/catalog/{world.county_catalog.pk}/diff/").content.decode()
    assert "从第 1 版" in page and "新增(1)" in page and "对占道经营行为的处罚" in page
    first = client.get(f"/portal/lists/catalog/{world.county_catalog.pk}/diff/?new=1")
    assert "没有可比较的旧版本" in first.content.decode()


def test_version_pages_carry_validators_and_answer_304(client, world):
    url = f"/portal/lists/catalog/{world.county_catalog.pk}/?v=1"
    response = client.get(url)
    assert response.status_code == 200
    assert "max-age=86400" in response["Cache-Control"] and "public" in response["Cache-Control"]
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    current = client.get(f"/portal/lists/catalog/{world.county_catalog.pk}/")
    assert "max-age=300" in current["Cache-Control"]


def test_a_new_publication_changes_the_current_pages_validator(client, world):
    url = f"/portal/lists/catalog/{world.county_catalog.pk}/"
    etag = client.get(url)["ETag"]
    _publish_v2(world, on=date(2025, 2, 1))
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "对占道经营行为的处罚" in response.content.decode()


def test_the_territorial_list_and_its_row_links(client, cast):
    version = published_list(cast)
    url = f"/portal/lists/territorial/{version.responsibility_list_id}/"
    page = client.get(url).content.decode()
    assert "违法建设查处" in page and "平阴县城市管理局" in page
    assert "平编发〔2025〕3号" in page


def test_a_published_duty_list_shows_and_its_draft_does_not(client, world):
    from quanze.duties.tests.matrix import extend_world

    extend_world(world)
    url = f"/portal/lists/duty/{world.duty_list.pk}/"
    assert client.get(url).status_code == 404  # only a draft so far
    version = world.duty_list.versions.create(
        number=9,
        status="published",
        published_at=world.draft.created_at,
        effective_date=date(2025, 1, 1),
    )
    version.entries.create(position=1, name="统筹推进基层党组织建设", duty_class="basic")
    page = client.get(url).content.decode()
    assert "统筹推进基层党组织建设" in page and "基本权责" in page
    assert "非法占用耕地的行政处罚" not in page  # in the draft only


def test_the_list_page_searches_and_pages_its_rows(client, world):
    url = f"/portal/lists/catalog/{world.county_catalog.pk}/?q=审批"
    page = client.get(url).content.decode()
    assert "建设用地审批" in page and "对违法建设行为的行政执法" not in page


def test_a_page_read_again_comes_from_the_server_cache_until_a_publication(
    client, world, monkeypatch
):
    url = f"/portal/lists/catalog/{world.county_catalog.pk}/"
    first = client.get(url).content

    def no_rendering(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(views, "_render_list", no_rendering)
    assert client.get(url).content == first
    monkeypatch.undo()
    _publish_v2(world, on=date(2025, 2, 1))
    assert "对占道经营行为的处罚" in client.get(url).content.decode()


def test_a_page_read_again_is_one_query_until_a_recorded_change(
    client, world, django_assert_max_num_queries
):
    from quanze.org import services as org

    url = f"/portal/lists/catalog/{world.county_catalog.pk}/"
    first = client.get(url)
    with django_assert_max_num_queries(1):  # the public generation
        again = client.get(url)
    with django_assert_max_num_queries(1):
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert again.content == first.content and again["ETag"] == first["ETag"]
    org.division_update(
        by=world.cast.office, division=world.county_catalog.owner, contact_phone="0531-87889999"
    )
    assert "0531-87889999" in client.get(url).content.decode()
    _publish_v2(world, on=date(2025, 2, 1))
    assert "对占道经营行为的处罚" in client.get(url).content.decode()


def test_the_home_page_counts_the_index_by_kind_in_sql(client, world):
    from collections import Counter

    from quanze.portal.lists import selectors

    counts = selectors.public_list_counts()
    assert counts == Counter(row.kind_label for row in selectors.public_lists())
    assert counts and all(n > 0 for n in counts.values())
    assert client.get("/portal/").status_code == 200


def test_the_index_is_read_a_page_at_a_time_in_the_same_order(world):
    from quanze.portal.lists import selectors

    rows = selectors.public_lists()
    every = list(rows)
    order = list(selectors.KIND_LABELS.values())
    key = lambda r: (order.index(r.kind_label), r.division_code, r.name)  # noqa: E731
    assert every == sorted(every, key=key) and len(rows) == len(every) >= 2
    assert rows[1:3] == every[1:3] and rows[-1] == every[-1] and rows[0] == every[0]
    assert rows[len(every) - 1 : len(every) + 5] == every[-1:]
    assert list(selectors.public_lists(q="商河")) == [r for r in every if "商河" in r.name + r.unit]
