"""Importing, exporting and versioning benchmark tables through the services."""

from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from quanze.catalog.importing.problems import ImportRejected
from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord
from quanze.enforcement.benchmarks import selectors, services, xlsx
from quanze.enforcement.benchmarks.models import BenchmarkItem, BenchmarkRow, BenchmarkVersion
from quanze.enforcement.benchmarks.tests import sheets


@pytest.fixture
def bureau(world):
    return world.cast.reviewer


@pytest.fixture
def benchmark(bureau):
    return services.benchmark_create(by=bureau, name="平阴县城市管理行政处罚裁量基准")


def draft_of(benchmark):
    return benchmark.versions.get(status="draft")


def load(bureau, version, tmp_path, body=None, name="基准.xlsx", **kw):
    path = sheets.write(tmp_path / name, body if body is not None else sheets.rows(), **kw)
    return services.version_import(by=bureau, version=version, path=path, file_name=name)


def test_a_published_table_imports_with_merged_cells(world, bureau, benchmark, tmp_path):
    version = load(bureau, draft_of(benchmark), tmp_path)
    items = list(version.items.order_by("position"))
    assert [(i.power, i.conduct) for i in items] == [
        (world.urban_private, "擅自占用城市道路"),
        (world.urban_power, "未取得建设工程规划许可证进行建设"),
    ]
    road = list(items[0].rows.order_by("position"))
    assert [row.tier for row in road] == ["none", "lighter", "general", "heavier"]
    assert road[0].first_offence and road[0].match_all
    assert road[0].conditions == ["初次违法", "及时改正", "危害后果轻微", "当事人积极配合检查调查"]
    assert not road[1].match_all and len(road[1].conditions) == 3
    assert (road[2].amount_min, road[2].amount_max) == (Decimal("6000.00"), Decimal("14000.00"))
    assert items[0].legal_basis == sheets.ROAD_BASIS  # merged cell spread over the item's rows
    build = items[1].rows.get(tier="general")
    assert (build.multiple_min, build.multiple_max, build.base) == (
        Decimal("0.07"),
        Decimal("0.09"),
        "建设工程造价",
    )
    record = ChangeRecord.objects.filter(action="import").get()
    assert record.after == {"items": 2, "rows": 7, "source_file": "基准.xlsx"}


def test_items_match_powers_by_name_when_there_is_no_code(world, bureau, benchmark, tmp_path):
    body = [[row[0], "", world.urban_private.name, *row[3:]] for row in sheets.rows()[:4]]
    version = load(bureau, draft_of(benchmark), tmp_path, body)
    assert version.items.get().power == world.urban_private


BAD = [
    # (what, change to the rows, expected words of the message)
    ("unknown tier", lambda b: b[1].__setitem__(5, "较轻"), "第4行“裁量阶次”列:「较轻」不是裁量阶次"),
    ("empty tier", lambda b: b[1].__setitem__(5, ""), "第4行“裁量阶次”列:不能为空"),
    ("unreadable standard", lambda b: b[2].__setitem__(7, "依法处罚"), "第5行“处罚标准”列:未能识别处罚种类"),
    ("fine without range", lambda b: b[2].__setitem__(7, "处罚款"), "第5行“处罚标准”列:未能识别罚款幅度"),
    ("reversed range", lambda b: b[2].__setitem__(7, "处2万元以上1万元以下罚款"), "下限大于上限"),
    ("penalty in 不予处罚", lambda b: b[0].__setitem__(7, "警告"), "第3行“处罚标准”列:不予处罚阶次"),
    ("no penalty in 从重", lambda b: b[3].__setitem__(7, "不予行政处罚"), "第6行“处罚标准”列:「从重处罚」阶次须写明"),
    ("从轻 without conditions", lambda b: b[1].__setitem__(6, ""), "第4行“适用情形”列:「从轻处罚」阶次须写明适用情形"),
    ("unknown code", lambda b: [row.__setitem__(1, "XX-404") for row in b[4:]], "第7行“事项编码”列:找不到本县事项编码「XX-404」"),
    ("no 一般 tier", lambda b: b.__delitem__(5), "缺少「一般」阶次"),
    ("bad position", lambda b: [row.__setitem__(0, "第二") for row in b[4:]], "「第二」不是序号"),
    ("absurd amount", lambda b: b[2].__setitem__(7, "处1万元以上9999999999万元以下罚款"), "第5行“处罚标准”列:罚款金额或倍数过大"),
    ("same power twice", lambda b: [row.__setitem__(1, "330217D02") for row in b[4:]], "是同一执法事项"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "change", "says"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_refuses_the_whole_file_and_writes_nothing(
    world, bureau, benchmark, tmp_path, what, change, says
):
    version = load(bureau, draft_of(benchmark), tmp_path)
    before = (
        BenchmarkItem.objects.count(),
        BenchmarkRow.objects.count(),
        ChangeRecord.objects.count(),
    )
    body = sheets.rows()
    change(body)
    with pytest.raises(ImportRejected) as rejected:
        load(bureau, version, tmp_path, body, name="坏.xlsx", merge=False)
    assert any(says in m for m in rejected.value.messages), rejected.value.messages
    assert all("工作表“裁量基准”" in m for m in rejected.value.messages if "行" in m)
    after = (
        BenchmarkItem.objects.count(),
        BenchmarkRow.objects.count(),
        ChangeRecord.objects.count(),
    )
    assert after == before
    assert BenchmarkVersion.objects.get(pk=version.pk).source_file == "基准.xlsx"


def test_files_that_are_not_a_benchmark_table(bureau, benchmark, tmp_path):
    version = draft_of(benchmark)
    no_header = tmp_path / "x.xlsx"
    sheets.write(no_header, [["1", "", "擅自占用城市道路", "", "", "", "", ""]])

    book = load_workbook(no_header)
    book.active["F2"] = "备注"  # the 裁量阶次 header is gone
    book.save(no_header)
    with pytest.raises(ImportRejected, match="找不到表头"):
        services.version_import(by=bureau, version=version, path=no_header, file_name="x.xlsx")
    text = tmp_path / "x.txt"
    text.write_text("序号,违法行为")
    with pytest.raises(ImportRejected, match="不是 Excel"):
        services.version_import(by=bureau, version=version, path=text, file_name="x.txt")
    formula = tmp_path / "f.xlsx"
    sheets.write(formula, sheets.rows(), merge=False)
    book = load_workbook(formula)
    book.active["H6"] = "=1+1"
    book.save(formula)
    with pytest.raises(ImportRejected, match="第6行“处罚标准”列:单元格是公式"):
        services.version_import(by=bureau, version=version, path=formula, file_name="f.xlsx")
    assert not version.items.exists()


def test_export_then_import_changes_nothing_and_neutralises_formula_text(
    world, bureau, benchmark, tmp_path
):
    body = sheets.rows()
    # formula-like text (typed as text with a leading ' in Excel) is kept as text
    body[3][6] = "'" + '=HYPERLINK("http://x")拒不改正'
    body[3][4] = "'@SUM(1)"
    version = load(bureau, draft_of(benchmark), tmp_path, body)
    data = xlsx.export_xlsx(version)

    sheet = load_workbook(BytesIO(data)).active
    cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in cells)
    assert '\'=HYPERLINK("http://x")拒不改正' in cells
    assert [c.value for c in sheet[2]] == xlsx.HEADERS
    path = tmp_path / "export.xlsx"
    path.write_bytes(data)
    services.version_publish(by=bureau, version=version, effective_date=date(2025, 1, 1))
    draft = services.version_draft(by=bureau, benchmark=benchmark)
    services.version_import(by=bureau, version=draft, path=path, file_name="export.xlsx")

    def content(v):
        return [
            (
                i.position,
                i.power_id,
                i.code,
                i.conduct,
                i.legal_basis,
                i.penalty_basis,
                [
                    (r.tier, r.tier_label, r.conditions_text, r.conditions, r.match_all, r.standard)
                    for r in i.rows.order_by("position")
                ],
            )
            for i in v.items.order_by("position")
        ]

    assert content(draft) == content(version)
    assert draft.items.get(position=1).rows.get(tier="heavier").conditions_text.startswith("=HYPER")


def test_versions_supersede_and_the_one_in_force_is_found_by_date(
    world, bureau, benchmark, tmp_path
):
    first = load(bureau, draft_of(benchmark), tmp_path)
    with pytest.raises(ValidationError, match="施行日期"):
        services.version_publish(by=bureau, version=first, effective_date=None)
    services.version_publish(
        by=bureau,
        version=first,
        effective_date=date(2025, 1, 1),
        document_number="平司发〔2024〕9号",
    )
    second = services.version_draft(by=bureau, benchmark=benchmark)
    assert second.number == 2 and second.items.count() == 2  # starts from version 1
    with pytest.raises(ValidationError, match="已有草稿"):
        services.version_draft(by=bureau, benchmark=benchmark)
    load(
        bureau,
        second,
        tmp_path,
        sheets.rows(general_build="处建设工程造价百分之八以上百分之九以下的罚款"),
    )
    with pytest.raises(ValidationError, match="应晚于现行第1版"):
        services.version_publish(by=bureau, version=second, effective_date=date(2025, 1, 1))
    services.version_publish(by=bureau, version=second, effective_date=date(2025, 6, 1))
    first.refresh_from_db()
    assert (first.status, first.superseded_on) == ("superseded", date(2025, 6, 1))
    power = world.urban_power.pk
    county = world.cast.county.pk
    assert selectors.in_force(county_id=county, power_id=power, on=date(2024, 12, 31)) is None
    assert (
        selectors.in_force(county_id=county, power_id=power, on=date(2025, 5, 31)).version == first
    )
    assert (
        selectors.in_force(county_id=county, power_id=power, on=date(2025, 6, 1)).version == second
    )
    # published versions never change
    with pytest.raises(ValidationError, match="已发布,不能修改"):
        load(bureau, second, tmp_path)
    assert ChangeRecord.objects.filter(action="supersede").count() == 1


def test_only_the_county_bureau_writes(world, benchmark, tmp_path):
    cast = world.cast
    for user in (cast.office, cast.town_a_clerk, cast.dept_clerk, cast.outsider):
        with pytest.raises(Forbidden, match="司法局"):
            services.benchmark_create(by=user, name="另一个基准")
        with pytest.raises(Forbidden):
            services.version_draft(by=user, benchmark=benchmark)
        with pytest.raises(Forbidden):
            load(user, draft_of(benchmark), tmp_path)
    with pytest.raises(ValidationError, match="本县已有"):
        services.benchmark_create(by=cast.reviewer, name="平阴县城市管理行政处罚裁量基准")


def test_readers_see_issued_versions_only(world, bureau, benchmark, tmp_path):
    cast = world.cast
    draft = load(bureau, draft_of(benchmark), tmp_path)
    assert list(selectors.versions_visible(cast.town_a_clerk)) == []
    assert list(selectors.versions_visible(bureau)) == [draft]
    services.version_publish(by=bureau, version=draft, effective_date=date(2025, 1, 1))
    assert list(selectors.versions_visible(cast.town_a_clerk)) == [draft]
    assert list(selectors.versions_visible(cast.outsider)) == []
    assert list(selectors.public_versions()) == [draft]


def test_the_command_imports_and_exports_through_the_services(world, bureau, benchmark, tmp_path):

    draft = draft_of(benchmark)
    bad = sheets.rows()
    bad[2][7] = "依法处罚"
    sheets.write(tmp_path / "bad.xlsx", bad)
    with pytest.raises(CommandError, match="第5行“处罚标准”列"):
        call_command(
            "benchmark_table", "import", draft.pk, str(tmp_path / "bad.xlsx"), user="reviewer"
        )
    with pytest.raises(CommandError, match="不存在或无权访问"):
        call_command(
            "benchmark_table", "import", draft.pk, str(tmp_path / "bad.xlsx"), user="town_a"
        )
    assert not draft.items.exists()
    sheets.write(tmp_path / "good.xlsx", sheets.rows())
    out = StringIO()
    call_command(
        "benchmark_table",
        "import",
        draft.pk,
        str(tmp_path / "good.xlsx"),
        user="reviewer",
        stdout=out,
    )
    assert "2 项违法行为" in out.getvalue()
    call_command("benchmark_table", "export", draft.pk, str(tmp_path / "out.xlsx"), stdout=out)

    sheet = load_workbook(tmp_path / "out.xlsx").active
    assert [c.value for c in sheet[2]] == xlsx.HEADERS
    assert sheet["C3"].value == "擅自占用城市道路"


def test_a_full_width_code_is_stored_half_width_and_macros_are_reported(
    world, bureau, benchmark, tmp_path
):
    import zipfile

    width = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}
    body = [[row[0], row[1].translate(width), *row[2:]] for row in sheets.rows()]
    path = sheets.write(tmp_path / "plain.xlsx", body)
    macro = tmp_path / "基准.xlsm"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(macro, "w") as out:
        for info in source.infolist():
            out.writestr(info, source.read(info.filename))
        out.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    warnings: list[str] = []
    version = services.version_import(
        by=bureau, version=draft_of(benchmark), path=macro, file_name=macro.name, warnings=warnings
    )
    assert sorted(version.items.values_list("code", flat=True)) == ["330217D01", "330217D02"]
    assert any("宏" in w for w in warnings), warnings
