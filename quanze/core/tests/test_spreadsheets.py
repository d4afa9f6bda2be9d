"""The safe spreadsheet reader: the extent it measures is the extent calamine reads,
limits are refused by position, merged ranges are clipped, CSV is decoded and capped."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from quanze.core.spreadsheets import (
    Limits,
    SpreadsheetError,
    code_text,
    column_letters,
    read_spreadsheet,
    scan_precisely,
    scan_sheet,
    simplified,
)
from quanze.core.textsafety import control_chars_message

SMALL = Limits(max_rows=50, max_columns=20, max_cells=600, max_cell_chars=100)


def book(path, cells: dict) -> str:
    workbook = Workbook()
    sheet = workbook.active
    for (row, col), value in cells.items():
        sheet.cell(row=row, column=col, value=value)
    workbook.save(path)
    return str(path)


def patched(path, out, change) -> str:
    """A copy of the workbook with its sheet's XML changed (openpyxl would build every
    cell of a huge merged range, and cannot write a lie)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(info.filename, data)
    return str(out)


@given(st.integers(min_value=1, max_value=20_000))
def test_column_letters_count_like_excel(number):
    letters = column_letters(number)
    assert letters.isalpha() and letters.isupper()
    back = 0
    for char in letters:
        back = back * 26 + ord(char) - 64
    assert back == number
    assert column_letters(16384) == "XFD" and column_letters(27) == "AA"


cells = st.dictionaries(
    st.tuples(st.integers(1, 40), st.integers(1, 15)),
    st.one_of(
        st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=5),
        st.integers(-5, 5),
        st.just("=1+1"),
    ),
    min_size=1,
    max_size=25,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cells)
@example(cells={(1, 1): "="})  # a lone "=" is text to openpyxl, not an empty formula
def test_the_measured_extent_is_what_calamine_reads(tmp_path_factory, cells):
    path = book(tmp_path_factory.mktemp("x") / "a.xlsx", cells)
    archive = zipfile.ZipFile(path)
    fast = scan_sheet(lambda: archive.open("xl/worksheets/sheet1.xml"), "S", SMALL)
    with archive.open("xl/worksheets/sheet1.xml") as stream:
        exact = scan_precisely(stream, "S", SMALL)
    # openpyxl saves a formula with an empty <v>, which counts: the measure may only
    # ever be larger than what calamine reads, never smaller.
    assert (fast.rows, fast.columns) == (exact.rows, exact.columns)
    assert fast.rows == max(r for r, _ in cells) and fast.columns == max(c for _, c in cells)
    # openpyxl writes a string as a formula when it starts with "=" and has more after it.
    formulas = {(r - 1, c - 1) for (r, c), v in cells.items() if str(v)[:1] == "=" != str(v)}
    assert set(exact.formulas) == formulas
    spreadsheet = read_spreadsheet(path, "a.xlsx", limits=SMALL)
    rows = spreadsheet.sheets[0].rows
    assert len(rows) <= fast.rows and all(len(row) <= fast.columns for row in rows)
    assert set(spreadsheet.sheets[0].formulas) == formulas
    for (r, c), value in cells.items():
        if (r - 1, c - 1) not in formulas:
            assert rows[r - 1][c - 1] == value


def test_a_far_cell_is_refused_by_its_position_before_reading(tmp_path):
    path = book(tmp_path / "a.xlsx", {(1, 1): "事项名称", (1048576, 16384): "x"})
    with pytest.raises(SpreadsheetError) as error:
        read_spreadsheet(path, "a.xlsx")
    assert (error.value.row, error.value.column_letters) == (1048576, "XFD")
    assert str(error.value).startswith("工作表“Sheet”第1048576行第XFD列:该单元格有内容")


def test_cells_without_a_value_and_a_lying_dimension_do_not_count(tmp_path):
    path = book(tmp_path / "a.xlsx", {(1, 1): "甲", (2, 2): "乙"})
    out = patched(
        path,
        tmp_path / "b.xlsx",
        lambda xml: xml.replace(b'ref="A1:B2"', b'ref="A1:XFD1048576"').replace(
            b"</sheetData>", b'<row r="99999"><c r="XFD99999" s="0"/></row></sheetData>'
        ),
    )
    sheet = read_spreadsheet(out, "b.xlsx").sheets[0]
    assert sheet.rows == [["甲", ""], ["", "乙"]] and sheet.declared == "A1:XFD1048576"


def test_cells_without_references_are_placed_like_calamine_places_them(tmp_path):
    path = book(tmp_path / "a.xlsx", {(1, 1): "甲"})
    cells = b'<row r="3"><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row>'
    out = patched(
        path, tmp_path / "b.xlsx", lambda xml: xml.replace(b"</sheetData>", cells + b"</sheetData>")
    )
    rows = read_spreadsheet(out, "b.xlsx").sheets[0].rows
    assert [len(rows), len(rows[0])] == [3, 2] and rows[2][0] == "a" and rows[2][1] == 2


def test_merged_ranges_are_clipped_to_the_cells_that_exist(tmp_path):
    path = book(
        tmp_path / "a.xlsx",
        {(1, 1): "领域", (1, 2): "事项", (2, 1): "城市管理", (2, 2): "甲", (3, 2): "乙"},
    )
    merges = b'<mergeCells><mergeCell ref="A2:A1048576"/><mergeCell ref="B1:XFD1"/></mergeCells>'
    out = patched(
        path,
        tmp_path / "b.xlsx",
        lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + merges),
    )
    sheet = read_spreadsheet(out, "b.xlsx").sheets[0]
    assert sheet.merged == [((1, 0), (2, 0)), ((0, 1), (0, 1))]
    assert [row[0] for row in sheet.rows] == ["领域", "城市管理", "城市管理"]


def test_macros_and_external_links_are_warned_about(tmp_path):
    source = book(tmp_path / "a.xlsx", {(1, 1): "甲"})
    out = tmp_path / "b.xlsm"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
        new.writestr("xl/vbaProject.bin", b"\x00" * 10)
        new.writestr("xl/externalLinks/externalLink1.xml", b"<externalLink/>")
    warnings = read_spreadsheet(out, "b.xlsm").warnings
    assert len(warnings) == 2 and "宏" in warnings[0] and "外部链接" in warnings[1]


def test_a_too_long_cell_is_named(tmp_path):
    path = book(tmp_path / "a.xlsx", {(1, 1): "甲", (3, 2): "长" * 101})
    with pytest.raises(SpreadsheetError) as error:
        read_spreadsheet(path, "a.xlsx", limits=SMALL)
    assert (error.value.row, error.value.column) == (3, 2)
    assert "101 字,超过上限 100 字" in error.value.message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings(tmp_path, encoding):
    path = tmp_path / "a.csv"
    path.write_bytes("事项名称,职权类型\n对某行为的处罚,行政处罚\n".encode(encoding))
    rows = read_spreadsheet(path, "a.csv").sheets[0].rows
    assert rows == [["事项名称", "职权类型"], ["对某行为的处罚", "行政处罚"]]


@pytest.mark.parametrize(
    ("data", "row", "needle"),
    [
        (b"a,b\n" + b'"' + b"x" * 200_000, 2, "超过 32767 字"),
        ("a,b\n甲,乙\n".encode() + b"x,y\n" * 20_000 + "丙,\x00丁\n".encode(), 20_003, "空字符"),
        (b"a,b\n" + b"x," * 300 + b"\n", 2, "超过上限 256 列"),
    ],
)
def test_csv_problems_name_the_row(tmp_path, data, row, needle):
    path = tmp_path / "a.csv"
    path.write_bytes(data)
    with pytest.raises(SpreadsheetError) as error:
        read_spreadsheet(path, "a.csv")
    assert error.value.row == row and needle in error.value.message


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.text(st.characters(blacklist_characters="\x00\r", codec="utf-8"), max_size=8),
            min_size=1,
            max_size=5,
        ),
        min_size=1,
        max_size=8,
    )
)
def test_csv_round_trip(rows):
    import csv
    import tempfile
    from pathlib import Path

    out = io.StringIO()
    csv.writer(out).writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.csv"
        path.write_bytes(out.getvalue().encode("utf-8"))
        bad = [
            (r, c)
            for r, row in enumerate(rows, start=1)
            for c, value in enumerate(row, start=1)
            if control_chars_message(value)
        ]
        if not bad:
            assert read_spreadsheet(path, "a.csv", limits=Limits()).sheets[0].rows == rows
            return
        # A control character is refused by its place (the first one, row by row).
        with pytest.raises(SpreadsheetError) as refused:
            read_spreadsheet(path, "a.csv", limits=Limits())
        assert (refused.value.row, refused.value.column) == bad[0]
        assert "控制字符" in refused.value.message


def test_traditional_headers_and_full_width_codes():
    assert simplified("事項名稱") == "事项名称" and simplified("實施部門") == "实施部门"
    assert simplified("事项名称") == "事项名称" and simplified("ABC") == "ABC"
    assert code_text("ＦＷ０００００１ ") == "FW000001"
