"""Bulk actions, the matter picker and the print view in a real browser (issue 14), at
desktop and phone width, each page checked with axe-core like every role's main path."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.models import Claim
from quanze.dispatch.events.models import Event
from quanze.dispatch.intake.tests.builders import raise_event
from tests.browser.test_browser import log_in
from tests.browser.test_roles_at_two_widths import AXE, DESKTOP, PHONE, check
from tests.browser.test_roles_at_two_widths import w as w  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def width(request, page: Page):
    page.set_viewport_size({"width": request.param, "height": 800})
    return request.param


def test_a_township_refuses_ticked_items_at_once(page: Page, live_server, w, width):
    c = w.cast
    window = claim_windows.window_open(
        by=c.office, county=c.county, catalog_version=w.published, title="2025年认领",
        deadline=timezone.now() + timedelta(days=7), townships=[c.town_a],
    )  # fmt: skip
    log_in(page, live_server, "town_a")
    url = live_server.url + reverse("delegation:claim_sheet", args=[window.pk, c.town_a.pk])
    assert not check(page, url, width, "town_a")
    page.get_by_label("全选本页自选盘事项").check()  # shown by the script
    expect(page.get_by_label("勾选 XK-0001")).to_be_checked()
    page.get_by_label("不认领理由", exact=True).fill("本街道没有建设用地审批需求")
    page.get_by_role("button", name="批量不认领").click()
    expect(page.locator("ul.messages")).to_contain_text("已将勾选的事项批量设为不认领")
    claim = Claim.objects.get(window=window, township=c.town_a, entry__power__code="XK-0001")
    assert (claim.claimed, claim.reason) == (False, "本街道没有建设用地审批需求")
    assert not check(page, url, width, "town_a")


def test_the_office_dispatches_ticked_events_from_the_queue(page: Page, live_server, w, width):
    c = w.cast
    garbage = w.event.matter
    events = [raise_event(c, matter=garbage, text=f"第{n}处垃圾桶满溢") for n in (1, 2)]
    log_in(page, live_server, "office")
    url = live_server.url + reverse("dispatch:event_list") + "?queue=new"
    assert not check(page, url, width, "office")
    for event in events:
        page.get_by_label(f"选择 {event.number}").check()
    page.get_by_role("button", name="批量派发所选").click()
    expect(page.locator("ul.messages")).to_contain_text("已批量派发 2 件事件")
    assert set(
        Event.objects.filter(pk__in=[e.pk for e in events]).values_list("state", flat=True)
    ) == {"dispatched"}


def test_the_office_scores_ticked_items_at_once(page: Page, live_server, w, width):
    log_in(page, live_server, "office")
    url = live_server.url + reverse("delegation:assessment_list", args=[w.project.pk])
    assert not check(page, url, width, "office")
    page.get_by_label("全选本页事项").check()
    page.get_by_label("必要性", exact=True).fill("2.5")
    page.get_by_role("button", name="批量保存").click()
    expect(page.locator("ul.messages")).to_contain_text("已批量保存 2 个事项的评估")
    assert {str(i.necessity) for i in w.project.items.all()} == {"2.50"}


def test_the_matter_picker_filters_and_preselects_the_suggestion(page: Page, live_server, w, width):
    log_in(page, live_server, "town_a")
    url = live_server.url + reverse("dispatch:event_create")
    assert not check(page, url, width, "town_a")
    page.get_by_label("诉求内容").fill("小区门口垃圾桶满溢三天没人清运")
    page.get_by_role("button", name="按诉求推荐事项").click()
    expect(page.locator("#suggested-title")).to_be_visible()
    picker = page.locator("select[name=matter]")
    expect(picker.locator("option:checked")).to_have_text("生活垃圾收集清运")
    page.get_by_label("查找事项").fill("没有这个事项")
    expect(page.locator("#id_matter_found")).to_have_text("找到 0 项")
    page.get_by_label("查找事项").fill("垃圾")
    expect(page.locator("#id_matter_found")).to_have_text("找到 1 项")
    # The page the suggestion answered (a POST: checked in place, not opened again).
    violations = AXE.run(page).response["violations"]
    assert not [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator("#matter")).to_have_text("生活垃圾收集清运")


def test_the_version_print_view_prints_every_row_without_the_menu(
    page: Page, live_server, w, width
):
    log_in(page, live_server, "office")
    url = live_server.url + reverse("catalog:version_detail", args=[w.published.pk])
    page.goto(url)
    page.get_by_role("link", name="打印视图").click()
    expect(page.get_by_role("button", name="打印", exact=True)).to_be_visible()
    assert not check(page, page.url, width, "office")
    page.emulate_media(media="print")
    expect(page.locator("header.top")).to_be_hidden()
    expect(page.locator("form.filters").first).to_be_hidden()
    expect(page.locator("table.entries")).to_contain_text("XK-0001")
