"""The qualification exam end to end in a browser: a township clerk registers its staff,
the justice bureau imports the results (a bad file first: refused with the row and the
column, nothing written), issues certificates from the passes, and finds them on the
expiry queue and reminds the unit; at 1280 px and at 390 px (no sideways scroll, the
chart drawn from its static script).

Leaves screenshots in /tmp (quanze_force_*.png)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from quanze.core.models import Notice
from quanze.enforcement.exams.models import Candidate, Sitting
from quanze.enforcement.exams.tests import sheets
from quanze.enforcement.officers import services as officers
from quanze.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp")


def log_in(page: Page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f.PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("header .who")).to_contain_text(username)


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"


@pytest.fixture
def staff(world):
    cast = world.cast
    f.field("城市管理")
    for name in ("孙一", "钱二"):
        officers.officer_create(by=cast.town_a_clerk, name=name, township=cast.town_a)
    return world


@pytest.mark.parametrize("width", [1280, 390])
def test_exam_results_certificates_and_the_expiry_queue(
    page: Page, live_server, staff, tmp_path, width
):
    page.set_viewport_size({"width": width, "height": 900})
    today = timezone.localdate()
    # The bureau creates the sitting.
    log_in(page, live_server, "reviewer")
    page.goto(f"{live_server.url}/enforcement/exams/new/")
    page.get_by_label("考试名称").fill("执法资格考试(浏览器)")
    page.get_by_label("考试日期").fill(f"{today - timedelta(days=3):%Y-%m-%d}")
    page.get_by_role("button", name="创建").click()
    expect(page.locator("h1")).to_have_text("执法资格考试(浏览器)")
    sitting = Sitting.objects.get(title="执法资格考试(浏览器)")

    # 锦水街道 registers its two officers.
    log_in(page, live_server, "town_a")
    page.goto(f"{live_server.url}/enforcement/exams/{sitting.pk}/")
    page.get_by_label("孙一").check()
    page.get_by_label("钱二").check()
    page.locator("#register").get_by_role("button", name="报名").click()
    expect(page.locator(".messages")).to_contain_text("已报名2人")
    expect(page.locator("#candidates")).to_contain_text("钱二")

    # The bureau imports a bad file first: refused with the row and column, nothing kept.
    log_in(page, live_server, "reviewer")
    page.goto(f"{live_server.url}/enforcement/exams/{sitting.pk}/")
    bad = sheets.write(
        tmp_path / "成绩-错.xlsx", sheets.rows_for(sitting, {"孙一": 190, "钱二": 40})
    )
    page.locator("#results input[type=file]").set_input_files(str(bad))
    page.locator("#results").get_by_role("button", name="导入").click()
    expect(page.locator("h1")).to_have_text("成绩表未导入")
    expect(page.locator(".problems")).to_contain_text("第2行第C列「成绩」:190 超出0至100")
    assert not Candidate.objects.filter(score__isnull=False).exists()
    if width == 390:
        no_sideways_scroll(page)
    page.get_by_role("link", name="返回考试").click()

    good = sheets.write(tmp_path / "成绩.xlsx", sheets.rows_for(sitting, {"孙一": 86, "钱二": 40}))
    page.locator("#results input[type=file]").set_input_files(str(good))
    page.locator("#results").get_by_role("button", name="导入").click()
    expect(page.locator(".messages")).to_contain_text("已导入2名考生的成绩")
    expect(page.locator("#totals")).to_have_text("2 / 2 / 1 / 0")
    expect(page.locator("#rate")).to_contain_text("50.0%")
    expect(page.locator("#chart-rates canvas")).to_have_count(1)

    # Certificates for the passes, ending within the queue's 90 days.
    issue = page.locator("#issue")
    issue.get_by_label("证号前缀").fill("3701")
    issue.get_by_label("城市管理").check()
    issue.get_by_label("有效期自").fill(f"{today - timedelta(days=1):%Y-%m-%d}")
    issue.get_by_label("有效期至").fill(f"{today + timedelta(days=30):%Y-%m-%d}")
    issue.get_by_role("button", name="核发").click()
    expect(page.locator(".messages")).to_contain_text("已为1名合格考生核发执法证")
    number = "3701" + Candidate.objects.get(officer__name="孙一").ticket
    expect(page.locator("#candidates")).to_contain_text(number)
    expect(page.locator("#totals")).to_have_text("2 / 2 / 1 / 1")
    page.screenshot(path=str(SHOTS / f"quanze_force_exam_{width}.png"), full_page=True)
    if width == 390:
        no_sideways_scroll(page)

    # The expiry queue shows it; the bureau reminds the unit.
    page.goto(f"{live_server.url}/enforcement/certificates/expiring/?days=90")
    expect(page.locator("#expiring")).to_contain_text(number)
    expect(page.locator("#expiring")).not_to_contain_text("钱二")
    page.get_by_role("button", name="提醒所属单位").click()
    expect(page.locator(".messages")).to_contain_text("已向所属单位发出1本执法证的到期提醒")
    page.screenshot(path=str(SHOTS / f"quanze_force_expiring_{width}.png"), full_page=True)
    if width == 390:
        no_sideways_scroll(page)
    notice = Notice.objects.get(recipient__username="town_a", kind="certificate_expiring")
    assert number in notice.body
