"""The other evaluation processes in a browser, at desktop and at phone width (390 px), on
one world for the module: the justice bureau records a law amendment and the office reads
its impact (the workbench leads there), the two-way appraisal results with their charts,
and an adjustment project from the amendment whose completion is refused in Chinese until
its new basis is written. Every page fits the screen and passes axe (serious, critical)."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from quanze.evaluation.adjustment import services as adjustments
from quanze.evaluation.adjustment.models import AdjustmentProject
from quanze.evaluation.adjustment.specs import ChangeKind, ChangeSpec
from quanze.evaluation.appraisal import services as appraisal
from quanze.evaluation.appraisal.models import Direction
from quanze.evaluation.appraisal.tests.builders import fill, open_round, sheet_of
from quanze.evaluation.lawchange.models import LawChange
from quanze.evaluation.lawchange.tests.builders import build
from tests.browser.test_browser import log_in
from tests.browser.test_roles_at_two_widths import DESKTOP, check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = 390
WIDTHS = (DESKTOP, PHONE)


def _appraisal(cast):
    """A closed round: both townships scored the urban department, it scored them."""
    round_ = open_round(cast, anonymous=False)
    for township, score in ((cast.town_a, 90), (cast.town_b, 70)):
        fill(round_, cast.town_a_clerk if township == cast.town_a else cast.town_b_clerk,
             sheet_of(round_, township=township, department=cast.urban), score)  # fmt: skip
        fill(round_, cast.dept_clerk,
             sheet_of(round_, township=township, department=cast.urban,
                      direction=Direction.DEPARTMENT_SCORES), score - 5)  # fmt: skip
    return appraisal.round_close(by=cast.office, round=round_)


def test_law_change_appraisal_and_adjustment_pages_at_two_widths(page: Page, live_server, cast):
    page.set_default_timeout(60_000)  # the shared 2-core machine is often loaded
    law = build(cast)
    results = f"/evaluation/appraisal/{_appraisal(cast).pk}/results/"
    base, problems = live_server.url, []

    # The justice bureau records an amendment at desktop width (a bad date first).
    page.set_viewport_size({"width": DESKTOP, "height": 800})
    log_in(page, live_server, "reviewer")
    problems += check(page, f"{base}/evaluation/laws/", DESKTOP, "reviewer")
    problems += check(page, f"{base}/evaluation/laws/{law.act.pk}/", DESKTOP, "reviewer")
    page.goto(f"{base}/evaluation/laws/{law.act.pk}/changes/new/")
    page.get_by_label("类型").select_option("amend")
    page.get_by_label("涉及条文(如 23、24;废止可不填)").fill("第九十九条")
    page.get_by_label("生效日期").fill(date(2027, 1, 1).isoformat())
    page.get_by_role("button", name="保存").click()
    expect(page.locator("form.stack")).to_contain_text("涉及条文:现行版本中没有第九十九条")
    assert not LawChange.objects.exists()
    page.get_by_label("涉及条文(如 23、24;废止可不填)").fill("第四十二条")
    page.get_by_label("文号").fill("国令第1号")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("body")).to_contain_text("已通知 5 个单位")
    change = LawChange.objects.get()
    impact = f"{base}/evaluation/law-changes/{change.pk}/"

    # The office, on a phone: the workbench counts the change waiting for an adjustment
    # and one click opens its impact; then the same pages at desktop width.
    page.set_viewport_size({"width": PHONE, "height": 800})
    log_in(page, live_server, "office")
    row = page.locator("table.todo tr", has_text="法规变更待启动动态调整")
    expect(row).to_contain_text("1")
    row.get_by_role("link").first.click()
    expect(page).to_have_url(impact)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        problems += check(page, impact, width, "office")
        problems += check(page, f"{base}/evaluation/laws/search/?act={law.act.pk}&articles=42",
                          width, "office")  # fmt: skip
        problems += check(page, f"{base}{results}", width, "office")
        # ECharts drew both ranking charts (a canvas each) within the card.
        expect(page.locator("#chart-department canvas")).to_have_count(1)
        expect(page.locator("#chart-township canvas")).to_have_count(1)
    page.goto(impact)
    page.get_by_role("link", name="乡镇权责清单 1").click()
    expect(page.locator("table.grid tbody tr")).to_have_count(1)

    # The adjustment project opened from the change: completing it before the new basis is
    # written is refused naming the change; the office writes it on a phone.
    project = adjustments.project_open(
        actor=cast.office, county=cast.county, title="城市道路管理条例修改后的调整",
        origin=f"evaluation.lawchange:{change.pk}",
        changes=[
            ChangeSpec(ChangeKind.AMEND_BASIS, law.p42.pk, "法规修改", "第四十二条修改",
                       source=f"evaluation.lawchange:{change.pk}"),
            ChangeSpec(ChangeKind.REPORT_UPWARD, law.p27.pk, "建议省政府调整"),
        ],
    )  # fmt: skip
    detail = f"{base}/evaluation/adjustments/{project.pk}/"
    page.goto(base + "/")
    expect(page.locator("table.todo tr", has_text="法规变更待启动动态调整")).to_contain_text("0")
    page.locator("table.todo tr", has_text="动态调整项目待启动").get_by_role("link").first.click()
    expect(page.locator("table.grid")).to_contain_text(project.title)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        problems += check(page, f"{base}/evaluation/adjustments/", width, "office")
        problems += check(page, detail, width, "office")
    page.locator("#id_meeting_date").fill("2026-03-02")
    page.locator("#id_document_number").fill("平政发〔2026〕1号")
    page.locator("#id_effective_date").fill("2026-04-01")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="实施调整").click()
    expect(page.locator("body")).to_contain_text("第1项新法律依据:依据变更须先填写新的法律依据")
    assert AdjustmentProject.objects.get().status == "open"
    page.get_by_role("link", name="填写新法律依据").click()
    problems += check(page, page.url, PHONE, "office")
    page.get_by_label("新法律依据").fill("《城市道路管理条例》第四十二条(2027年修订)")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("link", name="修改新法律依据")).to_be_visible()
    assert not problems, "\n".join(problems)
