"""A department clerk is reminded, sees the unread badge, marks the notice read in place
(htmx: the row and the badge change without a reload) and goes to the answer sheet."""

import pytest
from playwright.sync_api import Page, expect

from quanze.core.models import Notice
from quanze.delegation.consultation import dispositions
from quanze.delegation.tests.project_world import build_project
from quanze.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reminded_clerk_reads_the_notice_and_goes_to_answer(page: Page, live_server, world):
    w = build_project(world)
    # Only the reminder is this test's subject, not the round's opening notice (征求意见).
    Notice.objects.filter(kind=Notice.Kind.CONSULTATION_OPENED).delete()
    dispositions.reminder_send(by=w.cast.office, recipient=w.urban_recipient)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill("urban")
    page.get_by_label("密码").fill(f.PASSWORD)
    page.get_by_role("button", name="登录").click()
    badge = page.locator("#nav-notices")
    expect(badge).to_have_text("通知 1")
    badge.click()
    notice = page.locator("article.notice")
    expect(notice).to_contain_text("征求意见催办:第1轮征求意见尚有1项未反馈")
    url = page.url
    notice.get_by_role("button", name="标为已读").click()
    expect(notice).to_contain_text("已读")
    expect(badge).to_have_text("通知")
    assert page.url == url  # swapped in place, no reload
    notice.get_by_role("button", name="前往处理").click()
    expect(page).to_have_url(f"{live_server.url}/delegation/rounds/{w.round.pk}/answer/")
