"""A stationed squad under dual management in real Chromium: 县城管局 stations a squad in
锦水街道 and posts two officers; it asks the township's consent to appoint the head; the
township refuses with its reason, the department asks again and the township agrees; then
the office reads the staffing report with its charts at desktop and phone widths, with no
Content-Security-Policy violation.

Leaves screenshots in /tmp (quanze_squads_*.png) for a person to look at."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quanze.core.models import Notice
from quanze.enforcement.squads.models import HeadConsent, Squad
from quanze.enforcement.tests import world as enforcement_world
from quanze.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp")
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def log_in(page: Page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f.PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("header .who")).to_contain_text(username)


@pytest.fixture
def ew(world):
    ew = enforcement_world.extend(world)
    for n, name in enumerate(["张建国", "刘海燕"]):
        enforcement_world.officer(ew.cast, name, department=ew.cast.urban, number=f"CG-B{n}")
    return ew


def test_squad_consent_refused_then_agreed_and_the_staffing_report(page: Page, live_server, ew):
    page.add_init_script(WATCH)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "urban")
    page.goto(f"{live_server.url}/enforcement/squads/")
    page.get_by_role("link", name="设立派驻中队").click()
    page.get_by_label("派驻乡镇(街道)").select_option(label="锦水街道")
    page.get_by_label("设立日期").fill("2025-10-01")
    page.get_by_role("button", name="设立").click()
    expect(page.locator("h1")).to_have_text("县城管局派驻锦水街道中队")
    for name in ("张建国", "刘海燕"):
        form = page.locator("#member-form")
        form.get_by_label("执法人员").select_option(label=name)
        form.get_by_label("派驻日期").fill("2025-10-01")
        form.get_by_role("button", name="派驻队员").click()
        expect(page.locator("#members")).to_contain_text(name)
    form = page.locator("#consent-form")
    form.get_by_label("拟任中队长").select_option(label="刘海燕")
    form.get_by_label("任免理由").fill("业务骨干")
    form.get_by_role("button", name="向乡镇(街道)征求意见").click()
    expect(page.locator("#consents")).to_contain_text("待答复")
    page.screenshot(path=str(SHOTS / "quanze_squads_request_1280.png"), full_page=True)

    log_in(page, live_server, "town_a")
    squad = Squad.objects.get()
    assert Notice.objects.filter(recipient=ew.cast.town_a_clerk, kind="squad_consent").exists()
    page.goto(f"{live_server.url}/enforcement/squads/{squad.pk}/")
    form = page.locator("#answer-form")
    form.get_by_label("不同意", exact=True).check()
    form.get_by_role("button", name="答复").click()
    expect(page.locator(".errors, .messages")).to_contain_text("不同意时须写明理由")
    form = page.locator("#answer-form")
    form.get_by_label("不同意", exact=True).check()
    form.get_by_label("答复意见(不同意须写明理由)").fill("派驻时间短,不熟悉本镇情况")
    form.get_by_role("button", name="答复").click()
    expect(page.locator("#consents")).to_contain_text("不同意")
    expect(page.locator("#squad-head")).to_have_text("未任命")

    log_in(page, live_server, "urban")
    page.goto(f"{live_server.url}/enforcement/squads/{squad.pk}/")
    form = page.locator("#consent-form")
    form.get_by_label("拟任中队长").select_option(label="张建国")
    form.get_by_label("任免理由").fill("熟悉辖区")
    form.get_by_role("button", name="向乡镇(街道)征求意见").click()

    log_in(page, live_server, "town_a")
    page.goto(f"{live_server.url}/enforcement/squads/{squad.pk}/")
    form = page.locator("#answer-form")
    form.get_by_label("同意", exact=True).check()
    form.get_by_role("button", name="答复").click()
    expect(page.locator("#squad-head")).to_have_text("张建国")
    states = list(HeadConsent.objects.order_by("pk").values_list("state", flat=True))
    assert states == ["refused", "agreed"]
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.screenshot(path=str(SHOTS / "quanze_squads_detail_390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the squad page scrolls sideways on a phone ({width}px)"

    log_in(page, live_server, "office")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/enforcement/staffing/?on=2025-12-31&minimum=3")
    expect(page.locator("#definition")).to_contain_text("持证执法人员")
    expect(page.locator("#townships")).to_contain_text("锦水街道")
    expect(page.locator("#share")).to_contain_text("%")
    for chart in ("#chart-townships", "#chart-posts", "#chart-share"):
        expect(page.locator(f"{chart} canvas")).to_have_count(1)
    page.screenshot(path=str(SHOTS / "quanze_staffing_1280.png"), full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("#chart-townships canvas")).to_have_count(1)
    page.screenshot(path=str(SHOTS / "quanze_staffing_390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the staffing report scrolls sideways on a phone ({width}px)"
    assert page.locator("#chart-townships").bounding_box()["width"] <= 390
    assert page.evaluate("window.__csp") == []
