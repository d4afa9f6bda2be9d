"""Each bad file gets a Chinese message naming file, sheet, row and column, and writes nothing."""

import zipfile

import pytest

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing import ImportRejected, import_plan, import_run
from quanze.catalog.importing.tests.sheets import STANDARD, csv_file, penalty, world, xlsx


@pytest.fixture
def catalog(cast):
    return services.catalog_create(
        by=cast.office, name="平阴县权责清单", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )


def rejected(cast, catalog, path, **kwargs) -> list[str]:
    """Problems of both the dry run and the real run (which must agree), nothing written."""
    before = world()
    with pytest.raises(ImportRejected) as dry:
        import_plan(by=cast.office, catalog=catalog, path=path, file_name=path.name, **kwargs)
    with pytest.raises(ImportRejected) as real:
        import_run(by=cast.office, catalog=catalog, path=path, file_name=path.name, **kwargs)
    assert world() == before
    assert dry.value.messages == real.value.messages
    return real.value.messages


def test_it_refuses_a_file_that_is_neither_excel_nor_csv(cast, catalog, tmp_path):
    path = tmp_path / "清单.docx"
    path.write_bytes(b"PK\x03\x04 not a list")
    assert rejected(cast, catalog, path) == [
        "文件“清单.docx”:不是 Excel(.xlsx)或 CSV 文件,请上传 .xlsx 或 .csv 文件"
    ]
    binary = tmp_path / "图片.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "文件“图片.csv”:不是 CSV 文本文件" in rejected(cast, catalog, binary)[0]


def test_it_refuses_a_password_protected_workbook(cast, catalog, tmp_path):
    path = tmp_path / "加密.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 4096)
    [message] = rejected(cast, catalog, path)
    assert message.startswith("文件“加密.xlsx”:文件设有打开密码")


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04\x14\x00broken", b"just some text", "zip-without-workbook"],
)
def test_it_refuses_a_corrupt_workbook(cast, catalog, tmp_path, content):
    path = tmp_path / "损坏.xlsx"
    if content == "zip-without-workbook":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "hi")
    else:
        path.write_bytes(content)
    [message] = rejected(cast, catalog, path)
    assert message.startswith("文件“损坏.xlsx”:文件已损坏")


def test_it_refuses_a_zip_bomb_before_unpacking_it(cast, catalog, tmp_path):
    path = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (40 * 1024 * 1024))
    assert path.stat().st_size < 200 * 1024
    [message] = rejected(cast, catalog, path)
    assert message.startswith("文件“炸弹.xlsx”:文件解压后过大") and "压缩炸弹" in message


def test_it_refuses_files_over_the_size_cap(cast, catalog, tmp_path, settings):
    settings.QUANZE_IMPORT_MAX_BYTES = 1000
    path = csv_file(tmp_path / "大.csv", [STANDARD] + [penalty(f"CF-{i}") for i in range(20)])
    assert rejected(cast, catalog, path) == ["文件“大.csv”:文件过大(上限 0 MB)"]
    rows = [STANDARD] + [penalty(f"CF-{i}") for i in range(200)]
    big = xlsx(tmp_path / "大.xlsx", rows)
    settings.QUANZE_IMPORT_MAX_BYTES = big.stat().st_size + 10
    assert "解压后过大" in rejected(cast, catalog, big)[0]


def test_it_refuses_a_sheet_without_a_recognisable_header(cast, catalog, tmp_path):
    path = xlsx(tmp_path / "无表头.xlsx", [["姓名", "电话"], ["张三", "123"]])
    [message] = rejected(cast, catalog, path)
    assert message.startswith("文件“无表头.xlsx”:前15行中未找到可识别的表头")


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        (["事项编码", "职权类型", "设定依据"], "事项名称"),
        (["事项编码", "事项名称", "设定依据"], "职权类型"),
    ],
)
def test_it_names_a_missing_required_column(cast, catalog, tmp_path, header, missing):
    path = xlsx(tmp_path / "缺列.xlsx", [header, ["CF-1", "某事项", "依据"]], title="清单")
    assert rejected(cast, catalog, path) == [f"工作表“清单”:缺少必需的列“{missing}”(表头在第1行)"]


def test_it_refuses_duplicate_codes(cast, catalog, tmp_path):
    path = xlsx(tmp_path / "a.xlsx", [STANDARD, penalty("CF-1"), penalty("CF-1", name="乙")])
    assert rejected(cast, catalog, path) == [
        "工作表“Sheet1”第3行“事项编码”列:事项编码“CF-1”与第2行重复"
    ]


def test_it_refuses_an_unknown_power_type(cast, catalog, tmp_path):
    row = ["1", "CF-1", "对某行为的指导", "", "行政指导", "", ""]
    path = xlsx(tmp_path / "a.xlsx", [["某县权责清单"], STANDARD, row])
    assert rejected(cast, catalog, path) == [
        "工作表“Sheet1”第3行“职权类型”列:未知的职权类型“行政指导”"
    ]


def test_it_refuses_an_unknown_department_unless_told_to_create_it(cast, catalog, tmp_path):
    path = csv_file(tmp_path / "a.csv", [STANDARD, penalty("CF-1", dept="平阴县林业局")])
    assert rejected(cast, catalog, path) == [
        "文件“a.csv”第2行“实施部门”列:未知的实施部门“平阴县林业局”(本县没有该部门;可选择自动新建部门)"
    ]
    plan = import_run(
        by=cast.office, catalog=catalog, path=path, file_name="a.csv", create_departments=True
    )
    assert plan.new_departments == ["平阴县林业局"]


def test_it_refuses_an_empty_name(cast, catalog, tmp_path):
    path = xlsx(tmp_path / "a.xlsx", [STANDARD, penalty("CF-1"), penalty("CF-2", name="  ")])
    assert rejected(cast, catalog, path) == ["工作表“Sheet1”第3行“事项名称”列:事项名称不能为空"]


def test_it_refuses_a_formula_cell(cast, catalog, tmp_path):
    row = penalty("CF-1")
    row[2] = '=CONCATENATE("对","处罚")'
    path = xlsx(tmp_path / "a.xlsx", [STANDARD, row])
    assert rejected(cast, catalog, path) == [
        '工作表“Sheet1”第2行“事项名称”列:单元格是公式“=CONCATENATE("对","处罚")”,请改为数值后再导入'
    ]


def test_it_refuses_a_cell_longer_than_its_field(cast, catalog, tmp_path):
    path = xlsx(tmp_path / "a.xlsx", [STANDARD, penalty("CF-1", name="长" * 301)])
    assert rejected(cast, catalog, path) == [
        "工作表“Sheet1”第2行“事项名称”列:内容长度为301字,超过上限300字"
    ]


def test_it_refuses_a_date_that_is_not_a_date(cast, catalog, tmp_path):
    rows = [[*STANDARD, "生效日期"], [*penalty("CF-1"), "2024年13月1日"]]
    path = xlsx(tmp_path / "a.xlsx", rows)
    assert rejected(cast, catalog, path) == [
        "工作表“Sheet1”第2行“生效日期”列:“2024年13月1日”不是有效的日期(应如 2024-01-31)"
    ]


def test_it_refuses_a_code_excel_stored_as_a_long_number(cast, catalog, tmp_path):
    row = penalty(11110110000093630)
    path = xlsx(tmp_path / "a.xlsx", [STANDARD, row])
    [message] = rejected(cast, catalog, path)
    assert message.startswith(
        "工作表“Sheet1”第2行“事项编码”列:编码“11110110000093630”以数字格式保存"
    )


def test_it_lists_every_problem_of_the_file_at_once(cast, catalog, tmp_path):
    rows = [STANDARD, penalty("CF-1", name=""), ["2", "CF-2", "乙", "", "行政指导", "无此局", ""]]
    messages = rejected(cast, catalog, xlsx(tmp_path / "a.xlsx", rows))
    assert len(messages) == 3
