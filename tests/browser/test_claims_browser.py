"""A township clerk claims through the browser: refuse an item, miss its reason, fix it,
submit (a claimed item needs no reason)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.models import Claim
from quanze.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f.PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("header .who")).to_contain_text(username)


def test_a_township_claims_its_items_through_the_claim_sheet(page: Page, live_server, world):
    c = world.cast
    window = claim_windows.window_open(
        by=c.office, county=c.county, catalog_version=world.published, title="2025年认领",
        deadline=timezone.now() + timedelta(days=7), townships=[c.town_a, c.town_b],
    )  # fmt: skip
    log_in(page, live_server, "town_a")
    page.get_by_role("link", name="乡镇认领").click()
    page.get_by_role("link", name="2025年认领").click()  # the clerk lands on its own sheet
    expect(page.locator("h1")).to_have_text("锦水街道 · 认领")
    expect(page.locator("tr[data-code='330217D01']")).to_contain_text("必须认领")
    page.get_by_label("不认领 XK-0001", exact=True).check()
    page.get_by_role("button", name="提交认领").click()
    expect(page.locator("ul.messages")).to_contain_text("不认领的自选盘事项须说明理由")
    expect(page.get_by_label("不认领 XK-0001", exact=True)).to_be_checked()  # kept as typed
    page.get_by_label("不认领理由 XK-0001").fill("本街道没有建设用地审批需求")
    page.get_by_role("button", name="提交认领").click()
    expect(page.locator("ul.messages")).to_contain_text("已提交认领,共认领 1 项")
    expect(page.locator("#claim-status")).to_have_text("已提交")
    rows = Claim.objects.filter(window=window, township=c.town_a)
    assert set(rows.values_list("status", flat=True)) == {"submitted"}
    assert rows.get(entry__power__code="XK-0001").reason == "本街道没有建设用地审批需求"
