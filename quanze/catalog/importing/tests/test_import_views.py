import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quanze.catalog.importing.models import ImportJob
from quanze.catalog.powers.models import Power
from quanze.testing.world import build_world

GOOD = (
    "事项编码,事项名称,职权类型,实施部门\n"
    "330217D01,对违法建设行为的行政执法,行政处罚,平阴县城市管理局\n"
    "330217D09,对乱倒建筑垃圾行为的处罚,行政处罚,平阴县城市管理局\n"
)
BAD = (
    "事项编码,事项名称,职权类型,实施部门\n"
    "330217D09,对乱倒建筑垃圾行为的处罚,行政乱罚,平阴县城市管理局\n"
)


@pytest.fixture
def world(cast):
    return build_world(cast)


def _upload(client, catalog, text, name="清单.csv", **extra):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("catalog:import_start", args=[catalog.pk]), {"file": file, **extra})


def test_a_dry_run_lists_what_would_change_and_writes_nothing(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.cast.dept_clerk)
    response = _upload(client, world.urban_catalog, GOOD)
    job = ImportJob.objects.get()
    assert response.url == reverse("catalog:import_detail", args=[job.pk])
    page = client.get(response.url)
    assert "预检结果" in page.text and "确认导入" in page.text
    assert "330217D09" in page.text and "对乱倒建筑垃圾行为的处罚" in page.text
    assert page.context["counts"]["created"] == 1
    assert not Power.objects.filter(code="330217D09").exists()


def test_confirming_runs_the_import(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.cast.dept_clerk)
    _upload(client, world.urban_catalog, GOOD)
    job = ImportJob.objects.get()
    response = client.post(reverse("catalog:import_confirm", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "done"
    assert Power.objects.filter(code="330217D09", department=world.cast.urban).exists()
    assert "导入结果" in client.get(response.url).text
    again = client.post(reverse("catalog:import_confirm", args=[job.pk]), follow=True)
    assert "不能再次确认" in again.text


def test_a_file_with_errors_shows_the_row_and_column(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.cast.office)
    response = _upload(client, world.urban_catalog, BAD)
    page = client.get(response.url)
    assert "文件有误,未导入任何内容" in page.text
    assert "第2行" in page.text and "“职权类型”列" in page.text and "行政乱罚" in page.text
    assert "确认导入" not in page.text


def test_a_queued_import_polls_its_progress(client, world):
    job = ImportJob.objects.create(
        catalog=world.urban_catalog,
        file_name="大清单.xlsx",
        file_path="/nonexistent",
        status=ImportJob.Status.RUNNING,
        total_rows=4000,
        done_rows=1000,
        created_by=world.cast.office,
    )
    client.force_login(world.cast.office)
    page = client.get(reverse("catalog:import_detail", args=[job.pk]))
    assert 'hx-trigger="every 1s"' in page.text
    fragment = client.get(
        reverse("catalog:import_progress", args=[job.pk]), headers={"HX-Request": "true"}
    )
    assert '<progress max="4000" value="1000">' in fragment.text and "25%" in fragment.text
    assert "HX-Refresh" not in fragment.headers
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.DONE)
    done = client.get(
        reverse("catalog:import_progress", args=[job.pk]), headers={"HX-Request": "true"}
    )
    assert done.headers["HX-Refresh"] == "true"


def test_a_reader_cannot_open_the_import_page(client, world):
    client.force_login(world.cast.reviewer)
    assert (
        client.get(reverse("catalog:import_start", args=[world.urban_catalog.pk])).status_code
        == 403
    )
