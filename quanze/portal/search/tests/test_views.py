"""The public search: lists in force only, the published text, filters, paging."""

from datetime import date

import pytest

from quanze.portal.search import selectors

pytestmark = pytest.mark.django_db


def test_search_finds_two_character_words_in_published_items(client, world):
    page = client.get("/portal/search/?q=审批").content.decode()
    assert "建设用地审批" in page and "找到 1 个事项" in page
    assert "临时用地审批" not in page  # only in a department's draft


def test_search_filters_by_type_field_and_unit(client, world):
    found = selectors.search(selectors.SearchFilter(power_type="行政许可"))
    assert [row["power__code"] for row in found] == ["XK-0001"]
    found = selectors.search(selectors.SearchFilter(field="城市管理"))
    assert [row["power__code"] for row in found] == ["330217D01", "SH-0001"]
    other = selectors.search(selectors.SearchFilter(unit=f"o{world.cast.other_county.pk}"))
    assert [row["power__code"] for row in other] == ["SH-0001"]
    page = client.get(f"/portal/search/?unit=o{world.cast.county.pk}&q=").content.decode()
    assert "找到 2 个事项" in page


def test_an_unknown_filter_value_is_refused_in_chinese(client, world):
    page = client.get("/portal/search/?power_type=不存在").content.decode()
    assert "选择一个有效的选项" in page or "有效" in page


def test_past_the_limit_the_unit_select_offers_only_the_unit_asked_for(client, world, monkeypatch):
    county, other = f"o{world.cast.county.pk}", f"o{world.cast.other_county.pk}"
    assert selectors.unit_choices(limit=5) == selectors.unit_choices()
    monkeypatch.setattr(selectors, "UNIT_CHOICES_MAX", 1)  # two units keep a list in force
    assert selectors.unit_choices(limit=1) is None
    page = client.get(f"/portal/search/?unit={county}&q=").content.decode()
    assert "找到 2 个事项" in page
    assert f'value="{county}"' in page and f'value="{other}"' not in page
    page = client.get(f"/portal/search/?unit=o{world.cast.town_a.pk}&q=").content.decode()
    assert "选择一个有效的选项" in page or "有效" in page  # keeps no list in force


def test_under_the_limit_no_unit_name_is_asked_and_a_name_given_is_ignored(client, world):
    page = client.get("/portal/search/?q=&unit_name=商河").content.decode()
    assert 'name="unit_name"' not in page and "单位名称" not in page
    assert "找到 3 个事项" in page  # every item: the name is not a filter here


@pytest.fixture
def nation(world, monkeypatch):
    """Past the limit: two units (平阴县, 商河县) keep a list in force, one allowed."""
    monkeypatch.setattr(selectors, "UNIT_CHOICES_MAX", 1)
    return world


def test_past_the_limit_one_unit_named_filters_by_it_and_paging_keeps_it(client, nation):
    county = f"o{nation.cast.county.pk}"
    page = client.get("/portal/search/").content.decode()
    assert 'name="unit_name"' in page and "单位名称" in page
    response = client.get("/portal/search/?q=&unit=&unit_name=平阴&power_type=&field=")
    assert response.status_code == 302
    assert response["Location"] == f"/portal/search/?q=&unit={county}&power_type=&field="
    page = client.get(response["Location"]).content.decode()
    assert "找到 2 个事项" in page
    assert f'<option value="{county}" selected>济南市 平阴县</option>' in page
    from quanze.portal.search import views

    views.PAGE_SIZE, size = 1, views.PAGE_SIZE
    try:
        page = client.get(response["Location"]).content.decode()
    finally:
        views.PAGE_SIZE = size
    assert f"unit={county}&amp;power_type=&amp;field=&amp;page=2" in page


def test_past_the_limit_several_units_named_are_offered_and_nothing_is_guessed(client, nation):
    county, other = f"o{nation.cast.county.pk}", f"o{nation.cast.other_county.pk}"
    page = client.get("/portal/search/?q=执法&unit_name=县").content.decode()
    assert "有多个单位名称包含“县”,请选择:" in page
    assert f'href="?q=%E6%89%A7%E6%B3%95&amp;unit={county}&amp;power_type=&amp;field="' in page
    assert f"unit={other}" in page and "济南市 商河县" in page
    assert "找到" not in page  # no search was run


def test_past_the_limit_no_or_too_many_units_named_is_an_error_of_the_field(
    client, nation, monkeypatch
):
    page = client.get("/portal/search/?unit_name=不存在").content.decode()
    assert "单位名称:未找到名称包含“不存在”的单位" in page and "个事项" not in page
    monkeypatch.setattr(selectors, "UNITS_NAMED_MAX", 1)
    page = client.get("/portal/search/?unit_name=县").content.decode()
    assert "单位名称:名称包含“县”的单位过多,请输入更完整的名称" in page
    assert 'aria-invalid="true"' in page


def test_past_the_limit_a_hostile_unit_name_is_refused(client, nation):
    page = client.get("/portal/search/", {"unit_name": "平\x07阴"}).content.decode()
    assert "单位名称:含有不可见的控制字符" in page and "个事项" not in page


def test_units_named_labels_a_department_with_its_division(world):
    from quanze.catalog.catalogs import services

    services.version_publish(
        by=None,
        version=world.urban_catalog.versions.get(),
        effective_date=date(2025, 2, 1),
        document_number="平编发〔2025〕2号",
    )
    urban = f"d{world.cast.urban.pk}"
    assert selectors.units_named("城市管理局") == [(urban, "平阴县城市管理局")]
    assert selectors.unit_choice(urban) == (urban, "平阴县城市管理局")
    assert selectors.units_named("自然资源局") == []  # its list is a draft
    assert [key for key, _ in selectors.units_named("平阴")] == [f"o{world.cast.county.pk}", urban]
    assert len(selectors.units_named("县", limit=1)) == 2  # one more than the limit: too many


def test_a_unit_is_labelled_after_its_division_unless_its_name_begins_with_it():
    assert selectors.unit_label("平阴县", "市场监督管理局") == "平阴县 市场监督管理局"
    assert selectors.unit_label("平阴县", "平阴县城市管理局") == "平阴县城市管理局"
    assert selectors.unit_label(None, "山东省") == "山东省"


def test_units_named_finds_a_township_by_its_county_and_name(world):
    county, other = f"o{world.cast.county.pk}", f"o{world.cast.other_county.pk}"
    assert [key for key, _ in selectors.units_named("济南市")] == [county, other]
    assert selectors.units_named("济南市 商河") == [(other, "济南市 商河县")]
    assert selectors.units_named("济南市商河县") == [(other, "济南市 商河县")]
