"""The public search: lists in force only, the published text, filters, paging."""

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
