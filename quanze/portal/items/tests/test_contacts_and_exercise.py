"""The units' contacts on the item, lookup and list pages, and the exercise figures on
the item page, shown only when the county's office switched them on."""

from datetime import date

import pytest
from django.utils import timezone

from quanze.catalog.catalogs import services
from quanze.catalog.models import Catalog
from quanze.duties.territorial.tests.builders import published_list
from quanze.enforcement.statistics.models import Exercise
from quanze.enforcement.statistics.services import exercise_record
from quanze.org import services as org

pytestmark = pytest.mark.django_db


def _town_b_holds(w):
    catalog = services.catalog_create(
        by=None, name="玫瑰镇权责清单(公开)", kind=Catalog.Kind.TOWNSHIP_LIST, owner=w.cast.town_b
    )
    draft = services.version_draft(by=None, catalog=catalog)
    services.version_set_entries(by=None, version=draft, entries=[(w.urban_power, "basic")])
    services.version_publish(by=None, version=draft, effective_date=date(2025, 3, 1))
    return catalog


def _contacts(cast):
    org.department_update(
        by=cast.office, department=cast.urban, contact_phone="0531-87881111",
        contact_address="平阴县青龙路8号", office_hours="工作日 9:00-17:00",
        website="https://cg.pingyin.example.cn",
    )  # fmt: skip
    org.division_update(
        by=cast.office, division=cast.town_b, contact_phone="0531-87882222",
        contact_address="玫瑰镇便民服务中心",
    )  # fmt: skip


def test_the_item_page_shows_the_department_and_township_contacts(client, world):
    cast = world.cast
    _town_b_holds(world)
    url = f"/portal/items/{world.urban_power.pk}/"
    before = client.get(url)
    assert "0531-87881111" not in before.content.decode()
    _contacts(cast)
    after = client.get(url)
    page = after.content.decode()
    assert "0531-87881111" in page and "平阴县青龙路8号" in page and "工作日 9:00-17:00" in page
    assert "https://cg.pingyin.example.cn" in page
    assert "0531-87882222" in page and "玫瑰镇便民服务中心" in page
    assert after["ETag"] != before["ETag"]  # an edited contact is a new page


def test_the_list_page_shows_the_keeping_units_contact(client, world):
    catalog = _town_b_holds(world)
    _contacts(world.cast)
    page = client.get(f"/portal/lists/catalog/{catalog.pk}/").content.decode()
    assert "0531-87882222" in page and "玫瑰镇便民服务中心" in page


def test_the_lookup_answer_shows_the_units_contacts(client, cast):
    published_list(cast)
    _contacts(cast)
    page = client.get("/portal/lookup/", {"text": "邻居私搭乱建", "place": "玫瑰镇"})
    page = page.content.decode()
    assert "联系方式" in page and "0531-87881111" in page  # the primary unit (城管局)
    assert "未公布" in page  # the cooperating 自然资源局 published none


def test_exercise_figures_are_hidden_until_the_office_switches_them_on(client, world):
    cast = world.cast
    _town_b_holds(world)
    exercise_record(
        by=cast.town_b_clerk, power=world.urban_power, on=timezone.localdate(),
        kind=Exercise.Kind.values[0], count=3,
    )  # fmt: skip
    url = f"/portal/items/{world.urban_power.pk}/"
    off = client.get(url).content.decode()
    assert "行权数据" not in off and "行权率" not in off
    org.division_update(by=cast.office, division=cast.county, publish_exercise_figures=True)
    on = client.get(url).content.decode()
    assert "行权数据" in on and "平阴县" in on
    assert "100%" in on  # 1 of 1 township holding it exercised it
    org.division_update(by=cast.office, division=cast.county, publish_exercise_figures=False)
    assert "行权数据" not in client.get(url).content.decode()


def test_the_switch_of_another_county_does_not_publish_this_ones(client, world):
    cast = world.cast
    _town_b_holds(world)
    org.division_update(by=cast.outsider, division=cast.other_county, publish_exercise_figures=True)
    assert "行权数据" not in client.get(f"/portal/items/{world.urban_power.pk}/").content.decode()
