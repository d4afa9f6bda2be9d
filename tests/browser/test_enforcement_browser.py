"""A case from a dispatch event to a decision, through the browser, at desktop and phone width:
the township clerk opens a case from the event (据此事件立案), files it, is refused an
investigation with one officer (the Chinese message names the rule), records it with two,
concludes, notifies, decides, and finds the case on the team queue.

Screenshots go to `QUANZE_SCREENSHOTS` (a folder) when set, else to the test's tmp_path."""

import os
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import Page, expect

from quanze.dispatch.tests.matrix import extend_world as with_event
from quanze.duties.territorial import routing
from quanze.enforcement.tests.world import extend as with_enforcement
from tests.browser.test_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def shots(tmp_path: Path, width: str) -> Path:
    folder = Path(os.environ.get("QUANZE_SCREENSHOTS") or tmp_path) / width
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def step(page: Page, action: str):
    """The step's form on the case page, opened."""
    box = page.locator(f"details.step-{action}")
    if box.get_attribute("open") is None:
        box.locator("summary").click()
    return box.locator("form")


def no_sideways_scroll(page: Page) -> None:
    """The page itself does not scroll sideways (wide tables scroll inside their own box)."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"页面横向溢出 {overflow}px"


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_case_from_an_event_to_a_decision(page: Page, live_server, world, tmp_path, width):
    ContentType.objects.clear_cache()
    routing.clear_cache()
    with_enforcement(world)
    with_event(world)
    event = world.ev_a
    folder = shots(tmp_path, width)
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))

    log_in(page, live_server, "town_a")
    page.goto(f"{live_server.url}/dispatch/{event.pk}/")
    page.get_by_role("link", name="据此事件立案").click()
    expect(page.locator("h1")).to_have_text("登记执法案件")
    expect(page.get_by_label("案由")).to_have_value("垃圾桶满溢")
    page.get_by_label("执法事项").select_option(str(world.urban_power.pk))
    page.locator("#id_party_name").fill("张三")
    page.screenshot(path=folder / "1-open.png", full_page=True)
    no_sideways_scroll(page)
    page.get_by_role("button", name="登记").click()
    expect(page.locator("#state")).to_have_text("案源登记")
    expect(page.locator("#acting")).to_have_text("平阴县城市管理局")  # entrusted: its name
    expect(page.locator("#event-link")).to_have_text(event.number)
    case_url = page.url
    case_path = case_url.removeprefix(live_server.url)

    form = step(page, "file")
    form.get_by_label("立案意见").fill("符合立案条件")
    form.get_by_role("button", name="立案").click()
    expect(page.locator("#state")).to_have_text("已立案")

    # One officer only: refused, in Chinese, naming the rule; nothing changes.
    form = step(page, "investigate")
    form.get_by_label("王强").check()
    form.get_by_label("调查取证内容(询问、检查、勘验……)").fill("现场检查")
    form.get_by_role("button", name="调查取证").click()
    expect(page.locator("ul.messages")).to_contain_text("至少2名持证执法人员")
    expect(page.locator("#state")).to_have_text("已立案")
    page.screenshot(path=folder / "2-refused.png", full_page=True)
    no_sideways_scroll(page)

    form = step(page, "investigate")
    form.get_by_label("王强").check()
    form.get_by_label("李明").check()
    form.get_by_label("地点").fill("人民路12号")
    form.get_by_label("调查取证内容(询问、检查、勘验……)").fill("现场检查,制作笔录")
    form.get_by_role("button", name="调查取证").click()
    expect(page.locator("#state")).to_have_text("调查取证")
    expect(page.locator("table.timeline")).to_contain_text("王强(执法证 37012400001)")

    form = step(page, "conclude")
    form.get_by_label("调查终结报告").fill("事实清楚")
    form.get_by_role("button", name="调查终结").click()
    expect(page.locator("#state")).to_have_text("调查终结")

    form = step(page, "notify")
    form.get_by_label("罚款", exact=True).check()
    form.get_by_label("罚款金额(元)").fill("2000")
    form.get_by_label("拟处罚内容及事实、理由、依据").fill("拟罚款2000元")
    form.get_by_role("button", name="告知").click()
    expect(page.locator("#state")).to_have_text("已告知")

    form = step(page, "decide")
    form.get_by_label("决定结果").select_option("penalty")
    form.get_by_label("罚款", exact=True).check()
    form.get_by_label("罚款金额(元)").fill("2000")
    form.get_by_label("当事人书面放弃陈述申辩和听证").check()
    form.get_by_label("决定内容").fill("罚款2000元")
    form.get_by_role("button", name="作出决定").click()
    expect(page.locator("#state")).to_have_text("已决定")
    expect(page.locator("#decision")).to_contain_text("2000")
    page.screenshot(path=folder / "3-decided.png", full_page=True)
    no_sideways_scroll(page)

    page.goto(f"{live_server.url}/enforcement/")
    row = page.locator("table.cases tr", has=page.locator(f"a[href='{case_path}']"))
    expect(row).to_contain_text("已决定")
    expect(row).to_contain_text("送达处罚决定书")  # the limit it waits on now
    page.screenshot(path=folder / "4-queue.png", full_page=True)
    no_sideways_scroll(page)
    row.get_by_role("link").first.click()
    assert page.url == case_url
