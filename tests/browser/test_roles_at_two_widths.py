"""Each role's main path at desktop and phone width: every page opens, nothing is wider
than the screen, and axe-core finds no serious or critical accessibility violation. Also
the phone menu, a confirmation before a step that cannot be taken back, and the workbench's
one click to act."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from playwright.sync_api import Page, expect

from quanze.delegation.consultation import services as consultation
from quanze.delegation.tests.project_world import build_project
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import services as loop
from quanze.dispatch.suggestion import selectors as suggest
from quanze.dispatch.tests.lists import item, publish
from quanze.duties.territorial import routing
from tests.browser.test_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP, PHONE = 1280, 360
AXE = Axe()


@pytest.fixture
def w(world):
    ContentType.objects.clear_cache()
    routing.clear_cache()
    suggest.forget()
    w = build_project(world)
    c = w.cast
    consultation.answers_save(
        by=c.dept_clerk,
        recipient=w.urban_recipient,
        rows=[{"item": w.urban_item.pk, "row_version": 0, "can_delegate": "yes",
               "legal_basis": "行政处罚法第二十四条", "method": "委托"}],
    )  # fmt: skip
    found = publish(c, [item("生活垃圾收集清运", c.urban, c.land, "垃圾桶 垃圾满溢 环卫")])
    called = raise_event(c, matter=found["生活垃圾收集清运"])
    w.event = loop.event_dispatch(by=c.town_a_clerk, event=called)
    return w


def paths(w) -> dict[str, list[str]]:
    event = reverse("dispatch:event_detail", args=[w.event.pk])
    return {
        "office": [
            "/",
            reverse("delegation:project_detail", args=[w.project.pk]),
            reverse("delegation:recipient_detail", args=[w.urban_recipient.pk]),
            reverse("dispatch:event_list") + "?queue=all",
            reverse("dispatch:measures"),
        ],
        "reviewer": ["/", reverse("delegation:batch_detail", args=[w.batch.pk])],
        "urban": ["/", reverse("dispatch:event_list") + "?queue=new", event],
        "town_a": [
            "/",
            reverse("dispatch:event_list") + "?queue=all",
            reverse("dispatch:event_create"),
            event,
            reverse("duties:lookup"),
        ],
    }


def check(page: Page, url: str, width: int, who: str) -> list[str]:
    problems = []
    response = page.goto(url)
    if response.status != 200:
        return [f"{url} @{width}: HTTP {response.status}"]
    if folder := os.environ.get("QUANZE_SCREENSHOTS"):  # to look at them, as a person would
        name = f"{who}-{width}-{url.split('/', 3)[-1].strip('/').replace('/', '_') or 'home'}"
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > width:
        problems.append(f"{url} @{width}: 页面宽 {wide}px")
    for v in AXE.run(page).response["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = [n["target"] for n in v["nodes"][:3]]
            problems.append(f"{url} @{width}: {v['id']} ({len(v['nodes'])}) {targets}")
    return problems


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_every_roles_main_path_fits_and_passes_axe(page: Page, live_server, w, width):
    page.set_viewport_size({"width": width, "height": 800})
    problems = []
    for username, urls in paths(w).items():
        log_in(page, live_server, username)
        for url in urls:
            problems += check(page, live_server.url + url, width, username)
    assert not problems, "\n".join(problems)


def test_the_phone_menu_opens_and_the_workbench_leads_to_the_work(page: Page, live_server, w):
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, live_server, "urban")
    nav_link = page.locator("header nav").get_by_role("link", name="吹哨报到")
    expect(nav_link).to_be_hidden()
    page.get_by_text("菜单", exact=True).click()
    expect(nav_link).to_be_visible()
    # The department's workbench: the dispatched event waits to be accepted, one click away.
    row = page.locator("table.todo tr", has_text="待接收或报到")
    expect(row).to_contain_text("1")
    row.get_by_role("link", name="去办理").click()
    expect(page.locator("table.events")).to_contain_text(w.event.number)


def test_closing_a_round_asks_first_and_nothing_happens_when_declined(page: Page, live_server, w):
    log_in(page, live_server, "office")
    page.goto(live_server.url + reverse("delegation:round_detail", args=[w.round.pk]))
    questions = []

    def decline(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", decline)
    page.locator("form[data-confirm] button[type=submit]").first.click()
    expect(page.locator("h1")).to_be_visible()
    assert questions and "关闭本轮" in questions[0]
    w.round.refresh_from_db()
    assert w.round.is_open


def test_a_slow_download_says_it_is_being_made_then_saves_the_file(page: Page, live_server, w):
    log_in(page, live_server, "office")
    page.goto(live_server.url + reverse("catalog:version_detail", args=[w.published.pk]))
    link = page.get_by_role("link", name="下载 Word 文件")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".docx")
    expect(page.locator(".busy-status")).to_contain_text("已生成")
