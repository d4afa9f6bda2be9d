"""The law-change register in a browser, at desktop and phone width: the justice bureau
records an amendment through the pages, the office reads its impact; every page fits the
screen and passes axe (serious and critical)."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from quanze.evaluation.lawchange.models import LawChange
from quanze.evaluation.lawchange.tests.builders import build
from tests.browser.test_browser import log_in
from tests.browser.test_roles_at_two_widths import DESKTOP, PHONE, check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_the_bureau_records_an_amendment_and_the_office_reads_its_impact(
    page: Page, live_server, cast, width
):
    w = build(cast)
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, live_server, "reviewer")
    base = live_server.url
    problems = check(page, f"{base}/evaluation/laws/{w.act.pk}/", width, "reviewer")
    page.goto(f"{base}/evaluation/laws/{w.act.pk}/changes/new/")
    page.get_by_label("类型").select_option("amend")
    page.get_by_label("涉及条文(如 23、24;废止可不填)").fill("第四十二条")
    page.get_by_label("生效日期").fill(date(2027, 1, 1).isoformat())
    page.get_by_label("文号").fill("国令第1号")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("body")).to_contain_text("已通知 5 个单位")
    change = LawChange.objects.get()
    log_in(page, live_server, "office")
    url = f"{base}/evaluation/law-changes/{change.pk}/"
    problems += check(page, url, width, "office")
    problems += check(page, f"{base}/evaluation/laws/search/?act={w.act.pk}&articles=42", width,
                      "office")  # fmt: skip
    page.goto(url)
    page.get_by_role("link", name="乡镇权责清单 1").click()
    expect(page.locator("table.grid tbody tr")).to_have_count(1)
    expect(page.locator("table.grid tbody")).to_contain_text("锦水街道")
    assert not problems, "\n".join(problems)
