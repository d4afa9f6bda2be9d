"""An evaluation round (质效评估) walked in a browser as its people do, at desktop and at
phone width (390 px): the office creates and opens it, a township fills its self-assessment
(first with a request to return and no reason: refused in Chinese, nothing saved), a
department gives its opinion, the office computes the round and decides a proposal. Every
page fits the screen and passes axe (serious and critical). One world for the module."""

import pytest
from playwright.sync_api import Page, expect

from quanze.duties.territorial import routing
from quanze.enforcement.tests import world as enforcement_world
from quanze.evaluation.rounds.models import Opinion, Proposal, Round, SelfAssessment
from quanze.evaluation.rounds.tests import builders
from tests.browser.test_browser import log_in
from tests.browser.test_roles_at_two_widths import DESKTOP, check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 390


@pytest.fixture
def ew(world):
    routing.clear_cache()
    return enforcement_world.extend(world)


def _width(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})


def test_a_round_from_opening_to_a_decided_proposal_at_two_widths(page: Page, live_server, ew):
    page.set_default_timeout(60_000)  # the shared 2-core machine is often loaded
    builders.matters(ew)
    builders.events(ew, ew.stalls, ew.cast.town_b, satisfied=1, unsatisfied=6)
    base, problems = live_server.url, []

    # The office, at desktop width, creates the round and opens it for inputs.
    _width(page, DESKTOP)
    log_in(page, live_server, "office")
    problems += check(page, f"{base}/evaluation/rounds/", DESKTOP, "office")
    page.get_by_role("link", name="新建评估").click()
    page.get_by_label("评估名称").fill("2025年度赋权事项质效评估")
    page.get_by_label("评估期自").fill("2025-01-01")
    page.get_by_label("评估期至").fill("2025-12-31")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("body")).to_contain_text("已创建评估轮次")
    round_ = Round.objects.get()
    detail = f"{base}/evaluation/rounds/{round_.pk}/"
    problems += check(page, detail, DESKTOP, "office")
    page.get_by_role("button", name="开始征集意见").click()
    expect(page.locator("dl.facts")).to_contain_text("征集意见中")

    # A township clerk, on a phone: the workbench leads to the form; a request to return
    # without a reason is refused naming the field, then saved with one.
    _width(page, PHONE)
    log_in(page, live_server, "town_a")
    page.locator("table.todo tr", has_text="承接能力自评").get_by_role("link").first.click()
    problems += check(page, page.url, PHONE, "town_a")
    page.locator("#id_power").select_option(str(ew.urban_power.pk))
    page.get_by_label("申请退回县级").check()
    page.get_by_role("button", name="保存").click()
    expect(page.locator("form.stack")).to_contain_text("说明:申请退回或新增时应说明理由")
    assert not SelfAssessment.objects.exists()
    page.locator("#id_note").fill("人员不足,无法承接")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("body")).to_contain_text("已保存")
    assert SelfAssessment.objects.get().ask_return

    # The department, at desktop width, gives its opinion on its item.
    _width(page, DESKTOP)
    log_in(page, live_server, "urban")
    page.goto(detail)
    page.get_by_role("link", name="填报部门意见").click()
    problems += check(page, page.url, DESKTOP, "urban")
    page.locator("#id_power").select_option(str(ew.urban_private.pk))
    page.get_by_label("处理意见").select_option("transfer")
    page.locator("#id_note").fill("群众满意率低,建议调整主责单位")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("body")).to_contain_text("已保存")
    assert Opinion.objects.count() == 1

    # The office, on a phone, computes the round and accepts the first proposal.
    _width(page, PHONE)
    log_in(page, live_server, "office")
    page.goto(detail)
    page.get_by_role("button", name="测算指标与建议").click()
    expect(page.locator("dl.facts")).to_contain_text("已测算")
    problems += check(page, detail, PHONE, "office")
    row = page.locator("table.grid tbody tr").first
    row.get_by_label("审定意见").fill("同意")
    row.get_by_role("button", name="审定").click()
    expect(page.locator("body")).to_contain_text("已审定")
    assert Proposal.objects.filter(status=Proposal.Status.ACCEPTED).count() == 1
    for width in (PHONE, DESKTOP):
        _width(page, width)
        problems += check(page, f"{detail}report/", width, "office")
    expect(page.locator("body")).to_contain_text("行权率")
    assert not problems, "\n".join(problems)
