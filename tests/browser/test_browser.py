"""The four stories a person does in the browser: log in, search, import with errors, export."""

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from quanze.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BAD_CSV = "事项编码,事项名称,职权类型,实施部门\n330217D09,对乱倒建筑垃圾行为的处罚,行政乱罚,平阴县城市管理局\n"


def log_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f.PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator("header .who")).to_contain_text(username)


def test_a_clerk_logs_in(page: Page, live_server, cast):
    log_in(page, live_server, "urban")
    expect(page.locator("header .who")).to_contain_text("部门经办人")


def test_a_wrong_password_is_refused(page: Page, live_server, cast):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("用户名").fill("urban")
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".error")).to_have_text("用户名或密码不正确。")


def test_searching_a_two_character_word_shows_the_matching_powers(page: Page, live_server, world):
    f.PowerFactory.create_batch(
        60, owner=world.cast.county, department=world.cast.urban, field=f.field()
    )
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/catalog/powers/")
    expect(page.locator("#results")).to_contain_text("共 64 项")
    page.locator("#id_q").fill("审批")  # htmx swaps the table as the user types
    expect(page.locator("#results")).to_contain_text("共 2 项")
    rows = page.locator("table.powers tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("建设用地审批")
    expect(rows.nth(1)).to_contain_text("临时用地审批")
    assert "q=%E5%AE%A1%E6%89%B9" in page.url  # the search is in the address, shareable
    page.locator("#id_q").fill("执法")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("对违法建设行为的行政执法")


def test_the_power_list_looks_right(page: Page, live_server, world):
    """Leaves a screenshot in /tmp for a person to look at."""
    f.PowerFactory.create_batch(
        60, owner=world.cast.county, department=world.cast.urban, field=f.field()
    )
    log_in(page, live_server, "office")
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{live_server.url}/catalog/powers/")
    expect(page.locator(".pager")).to_contain_text("第 1 页 / 共 2 页")
    page.screenshot(path="/tmp/quanze_power_list.png", full_page=False)


def test_an_import_with_errors_shows_the_row_and_column(
    page: Page, live_server, world, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = tmp_path / "清单.csv"
    upload.write_text(BAD_CSV, encoding="utf-8")
    log_in(page, live_server, "urban")
    page.goto(f"{live_server.url}/catalog/{world.urban_catalog.pk}/")
    page.get_by_role("link", name="导入 Excel/CSV").click()
    page.get_by_label("Excel 或 CSV 文件").set_input_files(str(upload))
    page.get_by_role("button", name="上传并预检").click()
    expect(page.locator("h2.error")).to_have_text("文件有误,未导入任何内容")
    error = page.locator("table.errors tbody tr").first
    expect(error).to_contain_text("第2行")
    expect(error).to_contain_text("“职权类型”列")
    expect(error).to_contain_text("行政乱罚")
    expect(page.get_by_role("button", name="确认导入")).to_have_count(0)


def test_export_downloads_an_xlsx_that_opens(page: Page, live_server, world, tmp_path):
    page.goto(f"{live_server.url}/catalog/versions/{world.published.pk}/")  # public: no login
    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出 Excel").click()
    download = download_info.value
    assert re.search(r"\.xlsx$", download.suggested_filename)
    target = Path(tmp_path) / "export.xlsx"
    download.save_as(target)
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][1:3] == ("事项编码", "事项名称")
    assert [r[1] for r in rows[1:]] == ["330217D01", "XK-0001"]
