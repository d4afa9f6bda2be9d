"""The public portal's pages (lists, item, 谁来管, search) as an anonymous visitor at desktop
and phone width: every page opens, nothing is wider than the screen, axe-core finds no
serious or critical violation (WCAG 2.1 AA rules), and print leaves out the navigation."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from quanze.catalog.catalogs import services
from quanze.catalog.models import CatalogEntry
from quanze.dispatch.intake.models import PlaceName
from quanze.dispatch.suggestion import selectors as suggest
from quanze.duties.territorial import routing
from quanze.duties.territorial.tests.builders import published_list
from quanze.portal.search import selectors as search_selectors
from tests.browser.test_roles_at_two_widths import DESKTOP, PHONE, check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def w(world):
    routing.clear_cache()
    suggest.forget()
    c = world.cast
    services.version_set_entries(
        by=None,
        version=world.draft,
        entries=[(world.urban_power, CatalogEntry.SetKind.BASIC), (world.urban_private, "")],
    )
    services.version_publish(
        by=None,
        version=world.draft,
        effective_date=date(2025, 6, 1),
        document_number="平编发〔2025〕9号",
    )
    world.resp_version = published_list(c)
    for town in (c.town_a, c.town_b):
        PlaceName.objects.create(county=c.county, township=town, name="青龙路", created_by=c.office)
    return world


def paths(w) -> list[str]:
    catalog = reverse("portal:list", args=["catalog", w.county_catalog.pk])
    territorial = reverse(
        "portal:list", args=["territorial", w.resp_version.responsibility_list_id]
    )
    lookup = reverse("portal:lookup")
    return [
        reverse("portal:home"),
        reverse("portal:lists"),
        catalog,
        catalog + "?date=2025-03-01",
        reverse("portal:list_diff", args=["catalog", w.county_catalog.pk]),
        territorial,
        reverse("portal:item", args=[w.urban_power.pk]),
        lookup,
        lookup + "?text=邻居私搭乱建&place=玫瑰镇",
        lookup + "?text=违建&place=青龙路",
        reverse("portal:search") + "?q=执法",
    ]


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_every_public_page_fits_and_passes_axe(page: Page, live_server, w, width):
    page.set_viewport_size({"width": width, "height": 800})
    problems = []
    for url in paths(w):
        problems += check(page, live_server.url + url, width, "anon")
    assert not problems, "\n".join(problems)


def test_a_visitor_finds_who_is_responsible_and_chooses_an_ambiguous_place(
    page: Page, live_server, w
):
    page.set_viewport_size({"width": PHONE, "height": 800})
    page.goto(live_server.url + reverse("portal:lookup"))
    page.get_by_label("发生了什么").fill("路边有人私搭乱建")
    page.get_by_label("在哪里").fill("青龙路")
    page.get_by_role("button", name="查找").click()
    expect(page.get_by_role("status").first).to_contain_text("请选择乡镇(街道)")
    page.get_by_role("link", name="玫瑰镇").click()
    expect(page.locator("main")).to_contain_text("玫瑰镇配合")
    expect(page.locator("main")).to_contain_text("平阴县城市管理局")


def test_print_leaves_out_the_navigation_and_the_forms(page: Page, live_server, w):
    page.goto(live_server.url + reverse("portal:list", args=["catalog", w.county_catalog.pk]))
    expect(page.locator("header nav")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("header nav")).to_be_hidden()
    expect(page.locator("form.filters").first).to_be_hidden()
    expect(page.locator("table.entries")).to_be_visible()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_past_the_unit_limit_a_visitor_finds_the_unit_by_its_name(
    page: Page, live_server, w, width, monkeypatch
):
    monkeypatch.setattr(search_selectors, "UNIT_CHOICES_MAX", 1)  # two units keep a list
    page.set_viewport_size({"width": width, "height": 800})
    search = live_server.url + reverse("portal:search")
    problems = check(page, search + "?unit_name=县", width, "anon")  # the choices
    problems += check(page, search + "?unit_name=不存在", width, "anon")  # the field error
    assert not problems, "\n".join(problems)
    page.goto(search)
    page.get_by_label("单位名称").fill("平阴")
    page.get_by_role("button", name="检索").click()
    expect(page.get_by_role("status")).to_contain_text("找到")
    expect(page.locator('select[name="unit"]')).to_have_value(f"o{w.cast.county.pk}")
