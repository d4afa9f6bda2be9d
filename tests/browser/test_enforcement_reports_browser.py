"""The justice bureau reads a decided case: downloads one of its documents (.docx), asks for
the case file (a background job whose page refreshes itself, at 1280 and 390 px), then the exercise-rate report with its charts at desktop and phone widths; a
township clerk asking for another township's case gets the Chinese 404 page.

Leaves screenshots in /tmp (quanze_enforcement_*.png) for a person to look at."""

import zipfile
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quanze.enforcement.cases import services as cases
from quanze.enforcement.tests import world as enforcement_world
from quanze.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp")


def run_queued_tasks():
    from django_tasks_db.models import DBTaskResult

    done = []
    for queued in DBTaskResult.objects.order_by("enqueued_at"):
        if queued.task_path.endswith("run_case_file_job"):
            args = queued.args_kwargs
            done.append(queued.task.call(*args["args"], **args["kwargs"]))
            queued.delete()
    return done


def log_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f.PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("header .who")).to_contain_text(username)


@pytest.fixture
def decided(world):
    """town_a's case under the entrusted power, decided (a fine of 3,000 yuan) and served."""
    ew = enforcement_world.extend(world)
    clerk, case = ew.cast.town_a_clerk, ew.case_a
    officers = [ew.wang, ew.li]

    def step(action, on, **given):
        return cases.case_step(by=clerk, case=case, action=action, on=on, **given)

    step("file", date(2025, 3, 4), summary="予以立案")
    step("investigate", date(2025, 3, 5), officers=officers, place="人民路12号", summary="现场检查")
    step("conclude", date(2025, 3, 10), summary="违法事实清楚")
    case = step(
        "notify",
        date(2025, 3, 11),
        summary="拟罚款3000元",
        penalty_kinds=["fine"],
        fine_amount=3000,
    )
    case = step(
        "decide", date(2025, 3, 20), summary="罚款3000元", penalty_kinds=["fine"], fine_amount=3000
    )
    step("serve", date(2025, 3, 21), method="直接送达")
    ew.case_a.refresh_from_db()
    return ew


def test_the_bureau_downloads_documents_and_reads_the_exercise_rate(
    page: Page, live_server, decided, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    case = decided.case_a
    log_in(page, live_server, "reviewer")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/enforcement/cases/{case.pk}/")
    expect(page.locator("h1")).to_contain_text(case.number)
    row = page.locator("tr", has_text="行政处罚决定书").first
    with page.expect_download() as download_info:
        row.get_by_role("link", name="Word").click()
    docx = tmp_path / "decision.docx"
    download_info.value.save_as(docx)
    assert download_info.value.suggested_filename.endswith("行政处罚决定书.docx")
    with zipfile.ZipFile(docx) as document:
        body = document.read("word/document.xml").decode()
    assert "平阴县城市管理局" in body and "3000" in body
    page.screenshot(path=str(SHOTS / "quanze_enforcement_case.png"), full_page=False)
    # The case file is rendered in the background: the job page polls until the worker is done.
    page.locator("#case-file").get_by_role("button", name="生成案卷(PDF)").click()
    expect(page.locator("#case-file-status")).to_have_text("排队中")
    expect(page.locator("#case-file-progress progress")).to_have_count(1)
    page.screenshot(path=str(SHOTS / "quanze_enforcement_case_file_queued_1280.png"))
    assert run_queued_tasks() == ["done"]  # what `quanze db_worker` does
    expect(page.locator("#case-file-status")).to_have_text(
        "已生成", timeout=15_000
    )  # refreshed itself
    page.screenshot(path=str(SHOTS / "quanze_enforcement_case_file_done_1280.png"))
    with page.expect_download() as case_file_info:
        page.locator("#case-file-download").click()
    case_file = tmp_path / "case-file.pdf"
    case_file_info.value.save_as(case_file)
    assert case_file.read_bytes().startswith(b"%PDF")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.screenshot(path=str(SHOTS / "quanze_enforcement_case_file_done_390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the job page scrolls sideways on a phone ({width}px)"
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{live_server.url}/enforcement/statistics/?start=2025-01-01&end=2025-12-31")
    expect(page.locator("#definition")).to_contain_text("行权率 =")
    expect(page.locator("#townships")).to_contain_text("锦水街道")
    expect(page.locator("#chart-townships canvas")).to_have_count(1)
    page.screenshot(path=str(SHOTS / "quanze_enforcement_rate_1280.png"), full_page=False)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("#chart-townships canvas")).to_have_count(1)
    page.screenshot(path=str(SHOTS / "quanze_enforcement_rate_390.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
    chart = page.locator("#chart-townships").bounding_box()
    assert chart["width"] <= 390


def test_a_township_clerk_cannot_open_another_townships_case(page: Page, live_server, decided):
    log_in(page, live_server, decided.cast.town_b_clerk.username)
    response = page.goto(f"{live_server.url}/enforcement/cases/{decided.case_a.pk}/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("页面不存在(404)")
    expect(page.locator(".error-page")).to_contain_text("没有查看它的权限")
    response = page.goto(f"{live_server.url}/enforcement/cases/{decided.case_a.pk}/case-file.pdf")
    assert response.status == 404
