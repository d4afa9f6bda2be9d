"""An event from call to closed through the browser: the township raises it and confirms the
suggested matter, dispatches it by the list, the department accepts and handles it, the
township rates it and closes it."""

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import Page, expect

from quanze.dispatch.suggestion import selectors as suggest
from quanze.dispatch.tests.lists import item, publish
from quanze.duties.territorial import routing
from tests.browser.test_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act(page: Page, name: str) -> None:
    page.locator(f"form.action-{name} button[type=submit]").click()


def test_an_event_goes_from_call_to_closed(page: Page, live_server, world, tmp_path, settings):
    cast = world.cast  # `world` puts back what an earlier transactional test flushed
    # A flush re-creates content types with new ids, and test databases reuse primary
    # keys: no in-memory cache may outlive the test before.
    ContentType.objects.clear_cache()
    routing.clear_cache()
    suggest.forget()
    settings.MEDIA_ROOT = tmp_path
    publish(
        cast,
        [
            item("占道经营管理", cast.urban, cast.land, "流动摊贩 摆摊 占道"),
            item("生活垃圾收集清运", cast.urban, cast.land, "垃圾桶 垃圾满溢"),
        ],
    )
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8\xff jpeg")

    log_in(page, live_server, "town_a")
    page.goto(f"{live_server.url}/dispatch/")
    page.get_by_role("link", name="登记事件").click()
    page.get_by_label("诉求内容").fill("人民路菜市场外面流动摊贩摆摊卖菜,占道堵路")
    page.get_by_label("详细地址").fill("人民路菜市场东门")
    page.locator("#id_files").set_input_files(str(photo))
    page.get_by_role("button", name="登记").click()
    expect(page.locator("#state")).to_have_text("已呼叫")
    expect(page.locator("ol.suggestions li").first).to_contain_text("占道经营管理")
    page.locator("form.action-confirm_matter select").select_option(label="占道经营管理")
    act(page, "confirm_matter")
    expect(page.locator("#matter")).to_have_text("占道经营管理")
    act(page, "dispatch")
    expect(page.locator("#state")).to_have_text("已派发")
    expect(page.locator(".routing")).to_contain_text("平阴县城市管理局")
    event_url = page.url

    log_in(page, live_server, "urban")
    page.goto(f"{live_server.url}/dispatch/?queue=new")
    page.locator("table.events tbody a").first.click()
    assert page.url == event_url
    act(page, "accept")
    expect(page.locator("#state")).to_have_text("已接收")
    act(page, "start")
    expect(page.locator("#state")).to_have_text("办理中")
    page.locator("form.action-handle textarea").fill("已劝离摊贩,设置临时疏导点")
    act(page, "handle")
    expect(page.locator("#state")).to_have_text("已办结")

    log_in(page, live_server, "town_a")
    page.goto(event_url)
    page.locator("form.action-feedback select[name=rating]").select_option("5")
    act(page, "feedback")
    expect(page.locator("#state")).to_have_text("已反馈")
    act(page, "close")
    expect(page.locator("#state")).to_have_text("已关闭")
    rows = page.locator("table.timeline tbody tr")
    expect(rows).to_have_count(
        8
    )  # create, confirm, dispatch, accept, start, handle, feedback, close
    expect(page.get_by_role("link", name="现场.jpg")).to_be_visible()
