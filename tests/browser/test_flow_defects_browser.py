"""The flows issue 14 found blocked, walked in the browser at desktop and phone width: a
batch with a rejected item reaches the executive meeting once the item is removed, a
finished batch shows its review without a form, a whistle alone is reported and handled,
and an import preview names what it leaves alone."""

import os
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import Page, expect

from quanze.catalog.catalogs import services as catalogs
from quanze.catalog.models import Catalog
from quanze.delegation.review.models import Batch
from quanze.delegation.tests import builders as b
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.suggestion import selectors as suggest
from quanze.dispatch.tests.lists import item, publish
from quanze.duties.territorial import routing
from quanze.testing import factories as f
from tests.browser.test_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("QUANZE_SHOTS", "")) if os.environ.get("QUANZE_SHOTS") else None
WIDTHS = {"desktop": 1280, "phone": 390}
QINGSHUIHE = Path("/work/shared/data/nmg_qingshuihe_township_delegated_powers_batch1.csv")


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _fresh():
    ContentType.objects.clear_cache()
    routing.clear_cache()
    suggest.forget()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_rejected_item_is_removed_and_the_batch_goes_to_the_meeting(
    page: Page, live_server, world, width
):
    _fresh()
    cast = world.cast
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    project = b.project(cast, b.guiding_version(cast, n=3, prefix="BR"))
    batch = b.batch(cast, project, verdicts=("pass", "reject", "pass"))
    rejected = batch.items.get(review__verdict="reject")

    log_in(page, live_server, "reviewer")
    page.goto(f"{live_server.url}/delegation/batch-items/{rejected.pk}/review/")
    expect(page.locator("main")).to_contain_text("审核意见不能再修改")
    expect(page.locator("select[name=verdict]")).to_have_count(0)
    shot(page, f"review-finished-{width}")

    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/delegation/batches/{batch.pk}/")
    expect(page.locator("main")).to_contain_text("请在下表中将其移出本批次")
    shot(page, f"batch-rejected-{width}")
    page.get_by_label("移出理由").fill("设定依据保留给省级人民政府")
    page.get_by_role("button", name="移出批次").click()
    expect(page.locator("main")).to_contain_text("2 项")
    expect(page.locator("main")).not_to_contain_text("请在下表中将其移出本批次")
    shot(page, f"batch-removed-{width}")
    page.get_by_role("link", name="常务会审议与决定").click()
    expect(page.locator("main")).not_to_contain_text("合法性审核不通过")
    shot(page, f"decision-ready-{width}")
    assert Batch.objects.get(pk=batch.pk).items.count() == 2


@pytest.mark.parametrize("width", WIDTHS)
def test_a_whistle_alone_is_reported_and_handled(page: Page, live_server, world, width):
    _fresh()
    cast = world.cast
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    matters = publish(cast, [item("占道经营管理", cast.urban, cast.land, "流动摊贩 摆摊 占道")])
    event = raise_event(cast, matter=matters["占道经营管理"])

    log_in(page, live_server, "town_a")
    page.goto(f"{live_server.url}/dispatch/{event.pk}/")
    page.locator("form.action-whistle select[name=department_1]").select_option(
        label=str(cast.urban)
    )
    page.locator("form.action-whistle textarea[name=reason]").fill("联合整治占道经营")
    page.locator("form.action-whistle button[type=submit]").click()
    expect(page.locator("#state")).to_have_text("已派发")

    log_in(page, live_server, "urban")
    page.goto(f"{live_server.url}/dispatch/{event.pk}/")
    page.locator("form.action-report button[type=submit]").click()
    expect(page.locator("#state")).to_have_text("已接收")
    expect(page.locator("form.action-handle")).to_be_visible()
    shot(page, f"whistle-reported-{width}")
    page.locator("form.action-handle textarea").fill("已会同街道劝离摊贩")
    page.locator("form.action-handle button[type=submit]").click()
    expect(page.locator("#state")).to_have_text("已办结")
    shot(page, f"whistle-handled-{width}")


@pytest.mark.skipif(not QINGSHUIHE.is_file(), reason="shared sample data not mounted")
@pytest.mark.parametrize("width", WIDTHS)
def test_an_import_preview_names_what_it_leaves_alone(
    page: Page, live_server, world, width, settings, tmp_path
):
    _fresh()
    cast = world.cast
    settings.MEDIA_ROOT = tmp_path
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    power = f.PowerFactory(
        owner=cast.county, department=cast.land, code="37012400ZR-XK-0001",
        name="乡村建设规划许可证核发", power_type=f.power_type("行政许可"),
        legal_basis="【法律】《中华人民共和国城乡规划法》(2019年修正)第四十一条",
    )  # fmt: skip
    guiding = catalogs.catalog_create(
        by=cast.office, name="县乡镇赋权指导目录", kind=Catalog.Kind.GUIDING, owner=cast.county
    )
    draft = catalogs.version_draft(by=cast.office, catalog=guiding)
    catalogs.version_set_entries(by=cast.office, version=draft, entries=[(power, "")])
    target = catalogs.catalog_create(
        by=cast.office, name="清水河乡镇赋权清单", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )
    log_in(page, live_server, "office")
    page.goto(f"{live_server.url}/catalog/{target.pk}/import/")
    page.locator("input[type=file]").set_input_files(str(QINGSHUIHE))
    page.get_by_label("自动新建部门").check()
    page.get_by_role("button", name="上传并预检").click()
    expect(page.locator("main")).to_contain_text("未修改的事项(受保护)")
    expect(page.locator("main")).to_contain_text("县乡镇赋权指导目录")
    expect(page.locator("main")).to_contain_text("保留原值的字段")
    shot(page, f"import-preview-{width}")
