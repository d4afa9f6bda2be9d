"""The steps single-sheet importers share: the first sheet through the safe reader with
formulas refused by their cell, the header row mapped to field names."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from quanze.core.sheetimport import (
    first_sheet_rows,
    header_columns,
    missing_columns_message,
    missing_labels,
)

HEADERS = {
    "unit": ("单位", "单位名称"),
    "township": ("乡镇(街道)", "所属乡镇"),
    "count": ("人数",),
}


class Rejected(Exception):
    def __init__(self, problems):
        super().__init__(";".join(problems))
        self.problems = problems


def _xlsx(path, rows, second_sheet=None):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    if second_sheet:
        book.create_sheet("其他").append(second_sheet)
    book.save(path)
    return path


def test_the_first_sheet_is_read_and_the_others_ignored(tmp_path):
    path = _xlsx(tmp_path / "a.xlsx", [["单位", "人数"], ["锦水街道", 3]], ["=1+1"])
    assert first_sheet_rows(path, "名单.xlsx", rejected=Rejected) == [
        ["单位", "人数"],
        ["锦水街道", 3],
    ]


def test_formula_cells_are_refused_each_by_its_cell(tmp_path):
    path = _xlsx(tmp_path / "a.xlsx", [["单位", "人数"], ["锦水街道", "=1+2"], ["城关", "=B2"]])
    with pytest.raises(Rejected) as caught:
        first_sheet_rows(path, "名单.xlsx", rejected=Rejected)
    assert caught.value.problems == [
        "第2行第B列:单元格是公式「=1+2」,请改为数值后再导入",
        "第3行第B列:单元格是公式「=B2」,请改为数值后再导入",
    ]


def test_the_file_kind_and_the_readers_refusal_become_the_importers_error(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("单位\n")
    with pytest.raises(Rejected, match="文件:不支持「.txt」格式"):
        first_sheet_rows(path, "名单.txt", rejected=Rejected)
    empty = tmp_path / "b.csv"
    empty.write_bytes(b"")
    with pytest.raises(Rejected, match="^文件:文件是空的"):
        first_sheet_rows(empty, "名单.csv", rejected=Rejected)
    legacy = tmp_path / "c.xls"
    legacy.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 100)
    with pytest.raises(Rejected, match="不支持「.xls」"):
        first_sheet_rows(legacy, "名单.xls", rejected=Rejected)
    with pytest.raises(Rejected, match="旧版 .xls 格式"):
        first_sheet_rows(legacy, "名单.xls", rejected=Rejected, suffixes=(".xls",))


def test_warnings_are_handed_back(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("单位,人数\n锦水街道,3\n", encoding="gb18030")
    warnings: list[str] = []
    rows = first_sheet_rows(path, "a.csv", rejected=Rejected, warnings=warnings)
    assert rows == [["单位", "人数"], ["锦水街道", "3"]] and warnings == []


def test_headers_match_as_typed_loosely_and_the_first_column_wins():
    header = [" 單位名稱 ", "乡镇(街道)", "人 数", "单位"]
    assert header_columns(header, HEADERS) == {"unit": 0, "township": 1, "count": 2}
    columns = header_columns(["单位", "备注"], HEADERS)
    assert missing_labels(columns, ("unit", "township", "count"), HEADERS) == ["乡镇(街道)", "人数"]
    assert missing_columns_message(["乡镇(街道)", "人数"]) == "表头:缺少「乡镇(街道)」「人数」列"
    assert missing_columns_message(["人数"], place="第3行(表头)") == "第3行(表头):缺少「人数」列"


@given(st.permutations(["单位", "所属乡镇", "人数", "备注", ""]))
def test_each_field_is_found_wherever_its_column_stands(header):
    columns = header_columns(header, HEADERS)
    assert columns == {
        "unit": header.index("单位"),
        "township": header.index("所属乡镇"),
        "count": header.index("人数"),
    }
