import pytest

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import Catalog, CatalogEntry
from quanze.catalog.importing import ImportRejected, import_plan, import_run
from quanze.catalog.importing.tests.sheets import STANDARD, csv_file, penalty, world, xlsx
from quanze.catalog.powers.models import Citation, Power
from quanze.core.errors import Forbidden
from quanze.core.history import history_for
from quanze.core.models import ChangeRecord


@pytest.fixture
def catalog(cast):
    return services.catalog_create(
        by=cast.office,
        name="平阴县城市管理局权责清单",
        kind=Catalog.Kind.POWERS_LIST,
        owner=cast.county,
    )


def run(cast, catalog, path, **kwargs):
    return import_run(by=cast.office, catalog=catalog, path=path, file_name=path.name, **kwargs)


def test_it_reads_titles_a_two_row_header_merged_sub_items_and_long_codes(cast, catalog, tmp_path):
    rows = [
        ["平阴县城市管理局权责清单"],
        ["填报单位(盖章):平阴县城市管理局", None, None, "填报时间:2024年5月"],
        ["序号", "职权类型", "职权名称", None, "职权编码", "职权依据", "实施主体", "审核转报"],
        [None, None, "项目", "子项", None, None, None, None],
        [
            1,
            "行政处罚",
            "对违反城市道路管理行为的处罚",
            None,
            "3701240000012346789",
            "《城市道路管理条例》第四十二条",
            "县城管局",
            "否",
        ],
        [
            None,
            "行政处罚",
            None,
            "擅自占用城市道路",
            370124000001234,
            "《城市道路管理条例》第四十二条第一款\n第二十七条",
            "县城管局",
            None,
        ],
        [
            None,
            "处罚",
            None,
            "擅自挖掘城市道路",
            "QT-2",
            "《城市道路管理条例》第四十二条第一款第(二)项",
            "平阴县城市管理局",
            None,
        ],
    ]
    path = xlsx(tmp_path / "清单.xlsx", rows, merges=["C3:D3", "C5:C7"])
    plan = run(cast, catalog, path)
    assert plan.rows == 3 and len(plan.created) == 3
    main = Power.objects.get(code="3701240000012346789")
    subs = Power.objects.filter(parent=main).order_by("code")
    assert [(p.code, p.name, p.sub_name) for p in subs] == [
        ("370124000001234", "对违反城市道路管理行为的处罚", "擅自占用城市道路"),
        ("QT-2", "对违反城市道路管理行为的处罚", "擅自挖掘城市道路"),
    ]
    assert all(p.department == cast.urban for p in [main, *subs])
    assert subs[0].legal_basis == "《城市道路管理条例》第四十二条第一款\n第二十七条"
    assert main.extra == {"审核转报": "否"}
    item = Citation.objects.get(power__code="QT-2")
    assert (item.article, item.clause, item.item) == ("42", "1", "2")
    draft = catalog.versions.get()
    assert list(draft.entries.values_list("power__code", flat=True)) == [
        "3701240000012346789",
        "370124000001234",
        "QT-2",
    ]


def test_a_second_identical_import_changes_nothing(cast, catalog, tmp_path):
    path = csv_file(
        tmp_path / "a.csv", [STANDARD, penalty("CF-1"), penalty("CF-2", name="另一项处罚")]
    )
    run(cast, catalog, path)
    before = world()
    plan = run(cast, catalog, path)
    assert (plan.created, plan.updated, plan.unchanged) == ([], [], 2)
    assert world() == before


def test_it_updates_changed_fields_with_history_and_fresh_citations(cast, catalog, tmp_path):
    run(cast, catalog, csv_file(tmp_path / "a.csv", [STANDARD, penalty("CF-1")]))
    new_basis = "【法律】《中华人民共和国行政处罚法》(2021年修订)第十八条"
    path = csv_file(
        tmp_path / "b.csv", [STANDARD, penalty("CF-1", dept="县自然资源局", basis=new_basis)]
    )
    dry = import_plan(by=cast.office, catalog=catalog, path=path, file_name="b.csv")
    assert [key for key, _, _ in dry.updated[0][1]] == ["legal_basis"]  # the owner is kept
    assert "须由编办确认" in dry.protected[0]["reason"]
    dry = import_plan(
        by=cast.office, catalog=catalog, path=path, file_name="b.csv", update_shared=True
    )
    assert sorted(key for key, _, _ in dry.updated[0][1]) == ["department", "legal_basis"]
    plan = run(cast, catalog, path, update_shared=True)
    power = Power.objects.get(code="CF-1")
    assert power.department == cast.land and len(plan.updated) == 1
    record = history_for(power).first()
    assert record.actor == cast.office
    assert record.before["department"] == "平阴县城市管理局"
    assert record.after["department"] == "平阴县自然资源局"
    assert [c.act_title for c in power.citations.all()] == ["中华人民共和国行政处罚法"]


def test_it_gives_codeless_rows_deterministic_codes_and_finds_them_again_by_name(
    cast, catalog, tmp_path
):
    rows = [
        STANDARD,
        penalty(),
        penalty(name="对擅自挖掘城市道路的处罚"),
        ["3", "", "乡村建设规划许可证核发", "", "行政许可", "", ""],
    ]
    path = csv_file(tmp_path / "a.csv", rows)
    run(cast, catalog, path)
    codes = sorted(Power.objects.values_list("code", flat=True))
    assert codes == ["370124-CF-0001", "370124-CF-0002", "370124-XK-0001"]
    assert run(cast, catalog, path).unchanged == 3


def test_the_dry_run_writes_nothing_and_lists_new_departments_and_fields(cast, catalog, tmp_path):
    rows = [
        ["事项名称", "职权类型", "实施部门", "领域"],
        ["对某行为的处罚", "行政处罚", "平阴县林业局", "林业执法"],
    ]
    path = csv_file(tmp_path / "a.csv", rows)
    before = world()
    plan = import_plan(
        by=cast.office, catalog=catalog, path=path, file_name="a.csv", create_departments=True
    )
    assert world() == before
    assert (plan.new_departments, plan.new_fields, len(plan.created)) == (
        ["平阴县林业局"],
        ["林业执法"],
        1,
    )
    run(cast, catalog, path, create_departments=True)
    power = Power.objects.get()
    assert (power.department.name, power.field.name) == ("平阴县林业局", "林业执法")
    assert power.department.division == cast.county


def test_a_replacing_import_lists_the_entries_a_new_file_drops_and_removes_them(
    cast, catalog, tmp_path
):
    run(
        cast,
        catalog,
        csv_file(tmp_path / "a.csv", [STANDARD, penalty("CF-1"), penalty("CF-2", name="乙")]),
    )
    path = csv_file(tmp_path / "b.csv", [STANDARD, penalty("CF-2", name="乙")])
    plan = import_plan(by=cast.office, catalog=catalog, path=path, file_name="b.csv")
    assert plan.removed == [] and plan.would_remove == 1  # merging keeps CF-1
    plan = import_plan(
        by=cast.office, catalog=catalog, path=path, file_name="b.csv", mode="replace"
    )
    assert [r["code"] for r in plan.removed] == ["CF-1"]
    run(cast, catalog, path, mode="replace")
    assert list(CatalogEntry.objects.values_list("power__code", flat=True)) == ["CF-2"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "utf-8"])
def test_it_reads_csv_in_the_encodings_excel_writes(cast, catalog, tmp_path, encoding):
    path = csv_file(tmp_path / "a.csv", [STANDARD, penalty("CF-1")], encoding=encoding)
    run(cast, catalog, path)
    assert Power.objects.get().name == "对擅自占用城市道路行为的处罚"


def test_it_sets_basic_and_optional_sets_and_the_effective_date(cast, catalog, tmp_path):
    rows = [
        ["事项编码", "事项名称", "职权类型", "盘类", "生效日期"],
        ["CF-1", "甲", "行政处罚", "基本盘", "2024年3月1日"],
        ["CF-2", "乙", "行政检查", "自选盘", "2024-03-01"],
    ]
    run(cast, catalog, csv_file(tmp_path / "a.csv", rows))
    draft = catalog.versions.get()
    assert list(draft.entries.values_list("set_kind", flat=True)) == ["basic", "optional"]
    assert draft.effective_date.isoformat() == "2024-03-01"


def test_it_refuses_users_who_may_not_write_the_catalog(cast, catalog, tmp_path):
    path = csv_file(tmp_path / "a.csv", [STANDARD, penalty("CF-1")])
    for user in (cast.reviewer, cast.town_a_clerk, cast.outsider):
        with pytest.raises(Forbidden):
            import_plan(by=user, catalog=catalog, path=path, file_name="a.csv")
    assert not Power.objects.exists()


def test_a_system_job_imports_without_a_user(cast, catalog, tmp_path):
    import_run(
        by=None,
        catalog=catalog,
        path=csv_file(tmp_path / "a.csv", [STANDARD, penalty("CF-1")]),
        file_name="a.csv",
    )
    assert ChangeRecord.objects.filter(object_id=Power.objects.get().pk, actor=None).exists()


def test_it_reports_progress_up_to_the_total(cast, catalog, tmp_path):
    rows = [STANDARD] + [penalty(f"CF-{i}", name=f"处罚{i}") for i in range(5000)]
    seen = []
    run(
        cast, catalog, csv_file(tmp_path / "a.csv", rows), progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (5000, 5000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert Power.objects.count() == 5000


def test_a_department_clerk_imports_only_powers_of_its_own_department(cast, tmp_path):
    catalog = services.catalog_create(
        by=cast.office,
        name="城管局清单",
        kind=Catalog.Kind.POWERS_LIST,
        owner=cast.county,
        department=cast.urban,
    )
    rows = [STANDARD, penalty("CF-1"), penalty("ZR-1", name="乙", dept="平阴县自然资源局")]
    path = csv_file(tmp_path / "a.csv", rows)
    with pytest.raises(ImportRejected) as error:
        import_run(by=cast.dept_clerk, catalog=catalog, path=path, file_name="a.csv")
    assert error.value.messages == [
        "文件“a.csv”第3行“实施部门”列:部门经办人只能新建或修改本部门的权力事项"
    ]
    assert not Power.objects.exists()
    path = csv_file(tmp_path / "b.csv", rows[:2])
    import_run(by=cast.dept_clerk, catalog=catalog, path=path, file_name="b.csv")
    assert Power.objects.get().department == cast.urban


def test_a_township_clerk_may_reorder_its_list_but_not_write_powers(cast, tmp_path):
    catalog = services.catalog_create(
        by=cast.office, name="锦水街道清单", kind=Catalog.Kind.TOWNSHIP_LIST, owner=cast.town_a
    )
    rows = [STANDARD, penalty("CF-1"), penalty("CF-2", name="乙")]
    import_run(
        by=cast.office, catalog=catalog, path=csv_file(tmp_path / "a.csv", rows), file_name="a.csv"
    )
    reordered = csv_file(tmp_path / "b.csv", [STANDARD, rows[2], rows[1]])
    import_run(by=cast.town_a_clerk, catalog=catalog, path=reordered, file_name="b.csv")
    draft = catalog.versions.get()
    assert list(draft.entries.values_list("power__code", flat=True)) == ["CF-2", "CF-1"]
    changed = csv_file(tmp_path / "c.csv", [STANDARD, penalty("CF-1", name="改名")])
    with pytest.raises(ImportRejected) as error:
        import_run(by=cast.town_a_clerk, catalog=catalog, path=changed, file_name="c.csv")
    assert "乡镇(街道)经办人不能新建或修改权力事项" in str(error.value)


def test_it_skips_section_titles_and_footnotes_with_a_warning(cast, catalog, tmp_path):
    rows = [
        STANDARD,
        ["一、城市市容环境卫生管理方面", None, None, None, None, None, None],
        penalty("CF-1"),
        ["注:本清单由县城管局负责解释。", None, None, None, None, None, None],
    ]
    path = xlsx(tmp_path / "a.xlsx", rows, merges=["A2:G2"])
    plan = run(cast, catalog, path)
    assert plan.rows == 1 and Power.objects.get().code == "CF-1"
    assert plan.warnings == [
        "工作表“Sheet1”第2行:“一、城市市容环境卫生管理方面”是分节标题或说明行,已跳过",
        "工作表“Sheet1”第4行:“注:本清单由县城管局负责解释。”是分节标题或说明行,已跳过",
    ]


def test_a_new_sub_item_finds_its_existing_main_item(cast, catalog, tmp_path):
    header = ["事项编码", "权力名称(主项)", "权力名称(子项)", "权力类型"]
    main = ["M-1", "对违反河道管理行为的处罚", "", "行政处罚"]
    run(cast, catalog, csv_file(tmp_path / "a.csv", [header, main]))
    rows = [header, main, ["S-1", "", "在河道管理范围内弃置矿渣", ""]]
    plan = run(cast, catalog, csv_file(tmp_path / "b.csv", rows))
    assert [c["code"] for c in plan.created] == ["S-1"] and plan.unchanged == 1
    assert Power.objects.get(code="S-1").parent == Power.objects.get(code="M-1")


def test_a_list_split_over_several_sheets_is_one_list(cast, catalog, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    cover = workbook.active
    cover.title = "说明"
    cover.append(["本清单按职权类型分表填报。"])
    penalties = workbook.create_sheet("行政处罚")
    for row in (STANDARD, penalty("CF-1"), penalty("CF-2", name="乙")):
        penalties.append(row)
    permits = workbook.create_sheet("行政许可")
    permits.append(["序号", "事项名称", "事项类型", "事项编码"])
    permits.append(["1", "乡村建设规划许可证核发", "行政许可", "XK-1"])
    permits.append(["2", "重复的编码", "行政许可", "CF-2"])
    path = tmp_path / "分表.xlsx"
    workbook.save(path)
    with pytest.raises(ImportRejected) as error:
        run(cast, catalog, path)
    assert error.value.messages == [
        "工作表“行政许可”第3行“事项编码”列:事项编码“CF-2”与工作表“行政处罚”第3行重复"
    ]
    permits.delete_rows(3)
    workbook.save(path)
    plan = run(cast, catalog, path)
    assert plan.sheet == "行政处罚、行政许可"
    assert plan.warnings == ["工作表“说明”中未找到表头,已跳过"]
    draft = catalog.versions.get()
    assert list(draft.entries.values_list("power__code", flat=True)) == ["CF-1", "CF-2", "XK-1"]
    assert Power.objects.get(code="XK-1").department is None
    assert Power.objects.get(code="CF-1").department == cast.urban
    assert run(cast, catalog, path).unchanged == 3


def test_a_full_width_code_is_the_same_power_as_its_ascii_form(cast, catalog, tmp_path):
    run(cast, catalog, xlsx(tmp_path / "a.xlsx", [STANDARD, penalty("FW000001")]))
    full_width = penalty("ＦＷ０００００１", name="对擅自占用城市道路行为的处罚(修订)")
    plan = run(cast, catalog, xlsx(tmp_path / "b.xlsx", [STANDARD, full_width]))
    assert (len(plan.created), len(plan.updated)) == (0, 1)
    assert list(Power.objects.values_list("code", "name")) == [
        ("FW000001", "对擅自占用城市道路行为的处罚(修订)")
    ]


def test_traditional_headers_are_understood(cast, catalog, tmp_path):
    header = ["序號", "事項編碼", "事項名稱", "子項名稱", "職權類型", "實施部門", "設定依據"]
    plan = run(cast, catalog, xlsx(tmp_path / "繁體.xlsx", [header, penalty("CF-1")]))
    power = Power.objects.get(code="CF-1")
    assert plan.rows == 1 and power.department == cast.urban and power.extra == {}
    assert power.legal_basis.startswith("【行政法规】")


def test_a_macro_workbook_is_read_with_a_warning(cast, catalog, tmp_path):
    import zipfile

    source = xlsx(tmp_path / "a.xlsx", [STANDARD, penalty("CF-1")])
    path = tmp_path / "带宏.xlsm"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
        new.writestr("xl/vbaProject.bin", b"\x00" * 64)
    plan = import_plan(by=cast.office, catalog=catalog, path=path, file_name=path.name)
    assert plan.warnings == ["文件含有宏(VBA 代码);导入只读取单元格内容,宏不会运行"]
    assert not Power.objects.exists()
