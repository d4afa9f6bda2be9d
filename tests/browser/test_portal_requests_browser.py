"""A citizen files a request in the browser at desktop and phone width: the form, a
refusal shown beside its field, the status page; nothing wider than the screen and no
serious or critical axe-core violation on any of them; the open data page too, and a
dataset's landing page (dcat:landingPage) scrolled to its row."""

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from quanze.dispatch.suggestion import selectors as suggest
from quanze.dispatch.tests.lists import item, publish
from quanze.duties.territorial import routing
from quanze.duties.territorial.models import ResponsibilityVersion
from quanze.portal.requests.models import CitizenRequest
from tests.browser.test_roles_at_two_widths import AXE, DESKTOP, PHONE, check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def county(world):
    cache.clear()
    routing.clear_cache()
    suggest.forget()
    c = world.cast
    found = publish(
        c,
        [
            item("生活垃圾收集清运", c.urban, c.land, "垃圾桶 垃圾满溢 环卫"),
            item("占道经营管理", c.urban, c.land, "流动摊贩 摆摊 占道"),
        ],
    )
    world.garbage = found["生活垃圾收集清运"]
    return world


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_a_citizen_files_and_follows_a_request(page: Page, live_server, county, width):
    page.set_viewport_size({"width": width, "height": 800})
    problems = check(page, live_server.url + "/portal/requests/new/", width, "citizen")
    page.get_by_label("乡镇(街道)").select_option(label="平阴县 锦水街道")
    # The category picker by keyboard: type a synonym, Enter chooses the one match.
    search = page.get_by_label("按关键词查找类别")
    search.fill("满溢")
    expect(page.get_by_text("找到 1 个类别(共 2 个)")).to_be_visible()
    search.press("Enter")
    expect(page.get_by_label("诉求类别")).to_have_value(str(county.garbage.pk))
    expect(page.get_by_label("诉求类别")).to_be_focused()
    page.get_by_label("诉求内容").fill("<script>alert(1)</script>")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_text("不能包含网页代码或脚本")).to_be_visible()
    problems += [  # the refused form, as shown after the POST
        f"refused form @{width}: {v['id']}"
        for v in AXE.run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    page.get_by_label("诉求内容").fill(f"小区门口垃圾桶满溢三天({width})")
    page.get_by_label("联系电话(选填,不公开)").fill("13800001234")
    page.get_by_role("button", name="提交", exact=True).click()
    expect(page.get_by_text("诉求已受理,受理编号")).to_be_visible()
    request = CitizenRequest.objects.get()
    assert request.number in page.url and "key=" in page.url
    assert request.event.suggestions[0]["matter_id"] == county.garbage.pk
    expect(page.get_by_text("13800001234")).to_have_count(0)
    problems += check(page, page.url, width, "citizen-status")
    problems += check(page, live_server.url + "/portal/data/", width, "citizen-data")
    slug = f"territorial-{ResponsibilityVersion.objects.get(published_at__isnull=False).pk}"
    problems += check(page, f"{live_server.url}/portal/data/?dataset={slug}", width, "landing")
    assert page.url.endswith(f"/portal/data/?page=1#{slug}")
    expect(page.locator(f"#{slug}")).to_be_in_viewport()
    assert not problems, "\n".join(problems)
