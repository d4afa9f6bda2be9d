"""An import never changes what another catalog shows without saying so (issue 14 item 2),
and replaces a catalog's items only when replacing is chosen (item 3)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing import import_plan, import_run
from quanze.catalog.importing.guard import may_confirm_shared, poorer
from quanze.catalog.importing.tests.sheets import STANDARD, csv_file, penalty
from quanze.catalog.powers.models import Power
from quanze.testing import factories as f

QINGSHUIHE = Path("/work/shared/data/nmg_qingshuihe_township_delegated_powers_batch1.csv")
RICH = "【法律】《中华人民共和国城乡规划法》(2019年修正)第四十一条"


def _catalog(cast, name, powers):
    catalog = services.catalog_create(
        by=cast.office, name=name, kind=Catalog.Kind.GUIDING, owner=cast.county
    )
    draft = services.version_draft(by=cast.office, catalog=catalog)
    services.version_set_entries(by=cast.office, version=draft, entries=[(p, "") for p in powers])
    return catalog


@pytest.fixture
def guiding(cast):
    """The county guiding catalog's draft showing 乡村建设规划许可证核发 with a rich basis."""
    power = f.PowerFactory(
        owner=cast.county, department=cast.land, code="37012400ZR-XK-0001",
        name="乡村建设规划许可证核发", power_type=f.power_type("行政许可"), legal_basis=RICH,
    )  # fmt: skip
    return _catalog(cast, "平阴县乡镇赋权指导目录", [power]), power


@pytest.mark.skipif(not QINGSHUIHE.is_file(), reason="shared sample data not mounted")
def test_the_qingshuihe_sample_leaves_the_guiding_catalogs_power_alone(cast, guiding):
    listing, power = guiding
    target = services.catalog_create(
        by=cast.office, name="清水河县乡镇赋权清单", kind=Catalog.Kind.POWERS_LIST,
        owner=cast.county,
    )  # fmt: skip
    args = dict(by=cast.office, catalog=target, path=QINGSHUIHE, file_name=QINGSHUIHE.name,
                create_departments=True)  # fmt: skip
    plan = import_plan(**args)
    assert [k["field"] for k in plan.kept] == ["设定依据"]
    assert any(listing.name in p["catalogs"] for p in plan.protected)
    assert "乡镇人民政府" not in plan.new_departments  # only wanted by the protected change
    import_run(**args)
    power.refresh_from_db()
    assert power.legal_basis == RICH
    assert power.department == cast.land
    draft = target.versions.get(status="draft")
    assert power.pk in set(draft.entries.values_list("power_id", flat=True))
    assert draft.entries.count() == plan.rows


def test_the_office_may_confirm_a_shared_change_and_the_plan_names_the_catalog(
    cast, guiding, tmp_path
):
    listing, power = guiding
    target = _catalog(cast, "县自然资源局权责清单", [power])
    path = csv_file(tmp_path / "a.csv", [
        STANDARD, ["1", power.code, power.name, "", "行政许可", "平阴县城市管理局", RICH + "(新增条款)"],
    ])  # fmt: skip
    plan = import_plan(by=cast.office, catalog=target, path=path, file_name="a.csv")
    assert plan.updated == [] and len(plan.protected) == 2
    assert not may_confirm_shared(cast.other_dept_clerk, target)
    assert not may_confirm_shared(cast.outsider, target)
    plan = import_run(
        by=cast.office, catalog=target, path=path, file_name="a.csv", update_shared=True
    )
    assert plan.other_catalogs == {listing.name: 1}
    power.refresh_from_db()
    assert power.department == cast.urban and power.legal_basis.endswith("(新增条款)")


def test_a_poorer_value_is_one_that_says_less():
    assert poorer(RICH, "《中华人民共和国城乡规划法》第四十一条")
    assert not poorer(RICH, "《中华人民共和国城乡规划法》第四十二条")
    assert not poorer("第四十一条", RICH)
    assert not poorer("", "任何")


@pytest.fixture
def three(cast):
    powers = [
        f.PowerFactory(
            owner=cast.county,
            department=cast.urban,
            code=f"CF-{i}",
            power_type=f.power_type("行政处罚"),
        )  # fmt: skip
        for i in range(3)
    ]
    return _catalog(cast, "平阴县城市管理局权责清单", powers), powers


def test_an_import_adds_and_updates_and_keeps_the_rest_unless_replace_is_chosen(
    cast, three, tmp_path
):
    catalog, powers = three
    path = csv_file(tmp_path / "one.csv", [STANDARD, penalty("CF-NEW")])
    plan = import_run(by=cast.office, catalog=catalog, path=path, file_name="one.csv")
    assert (len(plan.created), len(plan.removed), plan.would_remove) == (1, 0, 3)
    draft = catalog.versions.get(status="draft")
    assert draft.entries.count() == 4
    plan = import_run(
        by=cast.office, catalog=catalog, path=path, file_name="one.csv", mode="replace"
    )
    assert len(plan.removed) == 3
    assert draft.entries.count() == 1


def test_the_command_takes_a_mode(cast, three, tmp_path):
    catalog, _ = three
    path = csv_file(tmp_path / "one.csv", [STANDARD, penalty("CF-NEW")])
    out = StringIO()
    call_command("import_catalog", str(path), "--catalog", str(catalog.pk), "--dry-run", stdout=out)
    assert "导入方式:新增/更新" in out.getvalue() and "移出清单 0" in out.getvalue()
    assert "将移出清单 3 项" in out.getvalue()
    out = StringIO()
    call_command(
        "import_catalog", str(path), "--catalog", str(catalog.pk), "--mode", "replace", stdout=out
    )
    assert "移出清单 3" in out.getvalue()
    assert Power.objects.filter(entries__version__catalog=catalog).count() == 1


def test_the_api_asks_for_the_mode_and_previews_both(client, cast, three, tmp_path, settings):
    import base64

    settings.MEDIA_ROOT = tmp_path
    catalog, _ = three
    path = csv_file(tmp_path / "one.csv", [STANDARD, penalty("CF-NEW")])
    payload = {
        "file_name": "one.csv",
        "content_base64": base64.b64encode(path.read_bytes()).decode(),
    }
    client.force_login(cast.office)
    url = f"/api/catalog/catalogs/{catalog.pk}/imports"
    assert client.post(url, payload, content_type="application/json").status_code == 422
    job = client.post(url, {**payload, "mode": "merge"}, content_type="application/json").json()
    assert job["mode"] == "merge" and job["summary"]["would_remove"] == 3
    assert job["summary"]["totals"]["removed"] == 0
    done = client.post(f"/api/catalog/imports/{job['id']}/confirm").json()
    assert done["status"] == "done"
    assert catalog.versions.get(status="draft").entries.count() == 4


XIFENG = Path("/work/shared/data/guizhou_xifeng_water_bureau_enforcement_items_2021.csv")


@pytest.mark.skipif(not XIFENG.is_file(), reason="shared sample data not mounted")
def test_the_xifeng_sample_does_not_move_a_power_to_a_new_department(cast):
    water = f.DepartmentFactory(division=cast.county, name="平阴县水务局", short_name="县水务局")
    power = f.PowerFactory(
        owner=cast.county, department=water, code="", name="取水许可",
        power_type=f.power_type("行政许可"),
    )  # fmt: skip
    county_list = _catalog(cast, "平阴县权责清单", [power])
    target = services.catalog_create(
        by=cast.office, name="平阴县水务局权责清单", kind=Catalog.Kind.POWERS_LIST,
        owner=cast.county, department=water,
    )  # fmt: skip
    args = dict(by=cast.office, catalog=target, path=XIFENG, file_name=XIFENG.name,
                create_departments=True)  # fmt: skip
    plan = import_plan(**args)
    reasons = " ".join(p["reason"] for p in plan.protected)
    assert "实施部门由“平阴县水务局”改为“息烽县水务管理局”须由编办确认" in reasons
    assert county_list.name in reasons
    import_run(**args)
    power.refresh_from_db()
    assert power.department == water


def test_a_department_cannot_confirm_the_offices_shared_change(cast, guiding, tmp_path, settings):
    """The office plans an import that may change powers other catalogs show; the job runs
    as its creator, so a department clerk who may write the catalog must not set it off."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quanze.catalog.importing.jobs import import_job_start
    from quanze.catalog.importing.services import import_job_confirm
    from quanze.core.errors import Forbidden

    settings.MEDIA_ROOT = tmp_path
    listing, power = guiding
    target = services.catalog_create(
        by=cast.office, name="县城管局权责清单", kind=Catalog.Kind.POWERS_LIST,
        owner=cast.county, department=cast.urban,
    )  # fmt: skip
    path = csv_file(tmp_path / "a.csv", [
        STANDARD, ["1", power.code, power.name, "", "行政许可", "平阴县城市管理局", RICH + "(新增条款)"],
    ])  # fmt: skip
    upload = SimpleUploadedFile("a.csv", path.read_bytes())
    job = import_job_start(by=cast.office, catalog=target, uploaded_file=upload, update_shared=True)
    with pytest.raises(Forbidden, match="只有本县编办"):
        import_job_confirm(by=cast.dept_clerk, job=job)
    power.refresh_from_db()
    assert power.legal_basis == RICH and power.department == cast.land


def test_an_upload_whose_name_holds_a_control_character_is_refused(cast, three, tmp_path, settings):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quanze.catalog.importing.jobs import import_job_start
    from quanze.catalog.importing.models import ImportJob

    settings.MEDIA_ROOT = tmp_path
    catalog, _ = three
    path = csv_file(tmp_path / "one.csv", [STANDARD, penalty("CF-NEW")])
    upload = SimpleUploadedFile("a\x00b.csv", path.read_bytes())
    with pytest.raises(ValidationError, match="文件名"):
        import_job_start(by=cast.office, catalog=catalog, uploaded_file=upload)
    assert not ImportJob.objects.exists()


def test_a_held_back_change_tells_the_office_which_rechecks_it_in_one_click(
    client, cast, guiding, tmp_path, settings
):
    """导入待确认: the department's import keeps the shared power; the county office hears
    it, opens the job and re-checks the same file with 同时修改其他目录中的事项."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quanze.catalog.importing.jobs import import_job_recheck, import_job_start
    from quanze.catalog.importing.services import import_job_confirm
    from quanze.core.errors import Forbidden
    from quanze.core.models import Notice

    settings.MEDIA_ROOT = tmp_path
    listing, power = guiding
    target = services.catalog_create(
        by=cast.office, name="县城管局权责清单", kind=Catalog.Kind.POWERS_LIST,
        owner=cast.county, department=cast.urban,
    )  # fmt: skip
    path = csv_file(tmp_path / "a.csv", [
        STANDARD, ["1", power.code, power.name, "", "行政许可", "平阴县城市管理局", RICH + "(新增)"],
    ])  # fmt: skip
    upload = SimpleUploadedFile("a.csv", path.read_bytes())
    job = import_job_start(by=cast.dept_clerk, catalog=target, uploaded_file=upload)
    assert job.summary["protected"]
    job = import_job_confirm(by=cast.dept_clerk, job=job)
    assert job.status == "done"
    notice = Notice.objects.get(kind=Notice.Kind.IMPORT_CONFIRMATION)
    assert notice.recipient == cast.office
    assert target.name in notice.title and power.name in notice.body
    assert not Notice.objects.filter(recipient__in=[cast.dept_clerk, cast.outsider]).exists()
    power.refresh_from_db()
    assert power.department == cast.land  # held back until the office confirms

    with pytest.raises(Forbidden):
        import_job_recheck(by=cast.dept_clerk, job=job)
    client.force_login(cast.office)
    page = client.get(notice.link)
    assert "编办重新预检" in page.content.decode()
    response = client.post(reverse("catalog:import_recheck", args=[job.pk]))
    again = target.imports.exclude(pk=job.pk).get()
    assert response.url.endswith(f"/imports/{again.pk}/")
    assert again.update_shared and again.status == "planned" and again.created_by == cast.office
    assert again.summary["other_catalogs"] == {listing.name: 1}
    import_job_confirm(by=cast.office, job=again)
    power.refresh_from_db()
    assert power.department == cast.urban and power.legal_basis.endswith("(新增)")
    assert Notice.objects.filter(kind=Notice.Kind.IMPORT_CONFIRMATION).count() == 1


def test_the_command_line_imports_tell_the_office_as_the_web_flow_does(cast, guiding, tmp_path):
    """`quanze import_catalog` and `import_catalogs` send the 导入待确认 notice a finished
    web import sends; with no job page to re-check from, it links the catalog."""
    from quanze.core.models import Notice

    _, power = guiding
    targets = [
        services.catalog_create(
            by=cast.office, name=name, kind=Catalog.Kind.POWERS_LIST, owner=cast.county,
            department=cast.urban,
        )
        for name in ("县城管局权责清单", "县城管局第二清单")
    ]  # fmt: skip
    csv_file(tmp_path / "a.csv", [
        STANDARD, ["1", power.code, power.name, "", "行政许可", "平阴县城市管理局", RICH + "(新增)"],
    ])  # fmt: skip
    manifest = csv_file(tmp_path / "files.csv", [["file", "catalog"], ["a.csv", targets[1].pk]])
    out = StringIO()
    call_command("import_catalog", str(tmp_path / "a.csv"), "--catalog", str(targets[0].pk),
                 "--user", "urban", stdout=out)  # fmt: skip
    call_command("import_catalogs", str(manifest), "--user", "urban", stdout=out)
    assert out.getvalue().count("已通知编办确认未写入的修改(1 条通知)") == 2
    notices = list(Notice.objects.filter(kind=Notice.Kind.IMPORT_CONFIRMATION).order_by("pk"))
    assert [n.recipient for n in notices] == [cast.office, cast.office]
    assert [n.link for n in notices] == [
        reverse("catalog:catalog_detail", args=[t.pk]) for t in targets
    ]
    assert all(
        t.name in n.title and power.name in n.body for t, n in zip(targets, notices, strict=True)
    )
    power.refresh_from_db()
    assert power.department == cast.land  # held back until the office confirms


def test_an_import_with_nothing_held_back_sends_no_confirmation_notice(
    cast, three, tmp_path, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from quanze.catalog.importing.jobs import import_job_start
    from quanze.catalog.importing.services import import_job_confirm
    from quanze.core.models import Notice

    settings.MEDIA_ROOT = tmp_path
    catalog = _catalog(cast, "城管局清单", three[1])
    catalog.department = cast.urban
    catalog.save()
    path = csv_file(tmp_path / "one.csv", [STANDARD, penalty("CF-NEW")])
    job = import_job_start(
        by=cast.dept_clerk,
        catalog=catalog,
        uploaded_file=SimpleUploadedFile("one.csv", path.read_bytes()),
    )
    import_job_confirm(by=cast.dept_clerk, job=job)
    assert not Notice.objects.filter(kind=Notice.Kind.IMPORT_CONFIRMATION).exists()
