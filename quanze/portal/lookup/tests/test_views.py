"""谁来管: words and place to matter, units and why."""

import pytest

from quanze.dispatch.intake.models import PlaceName
from quanze.duties.territorial.tests.builders import published_list

pytestmark = pytest.mark.django_db


def test_words_and_a_township_give_the_units_and_the_reason(client, cast):
    published_list(cast)
    page = client.get("/portal/lookup/", {"text": "邻居私搭乱建", "place": "玫瑰镇"})
    page = page.content.decode()
    assert "违法建设查处" in page
    assert "平阴县城市管理局" in page and "平阴县自然资源局" in page  # primary, cooperating
    assert "玫瑰镇配合" in page and "第1项" in page  # why: list, version and row
    assert "/portal/requests/new/" in page


def test_an_ambiguous_street_asks_which_township(client, cast):
    published_list(cast)
    for town in (cast.town_a, cast.town_b):
        PlaceName.objects.create(
            county=cast.county, township=town, name="青龙路", created_by=cast.office
        )
    page = client.get("/portal/lookup/", {"text": "违建", "place": "青龙路"}).content.decode()
    assert "请选择乡镇(街道)" in page
    assert f"township={cast.town_a.pk}" in page and f"township={cast.town_b.pk}" in page
    chosen = client.get(
        "/portal/lookup/",
        {"text": "违建", "place": "青龙路", "county": cast.county.pk, "township": cast.town_a.pk},
    ).content.decode()
    assert "锦水街道配合" in chosen


def test_a_street_the_gazetteer_knows_settles_the_township(client, cast):
    published_list(cast)
    PlaceName.objects.create(
        county=cast.county, township=cast.town_b, name="玫瑰大街", created_by=cast.office
    )
    page = client.get("/portal/lookup/", {"text": "有人占用耕地盖房", "place": "玫瑰大街12号"})
    page = page.content.decode()
    assert "玫瑰镇" in page and "非法占用耕地" in page


def test_control_characters_are_refused_naming_the_field(client, cast):
    published_list(cast)
    page = client.get("/portal/lookup/", {"text": "违建\x07", "place": ""}).content.decode()
    assert "发生了什么:含有不可见的控制字符" in page
