"""The steps every single-sheet importer takes before its own rules: the uploaded file
through the safe reader (`quanze.core.spreadsheets`), its first sheet with formulas
refused by their cell, and the header row mapped to field names.

    rows = first_sheet_rows(path, name, rejected=QuotasRejected, warnings=warnings)
    columns = header_columns(rows[start], HEADERS)
    missing = missing_labels(columns, REQUIRED, HEADERS)

`rejected` is the importer's own exception class (a `SheetRejected`), built from a
list of Chinese messages; each importer still words its missing-columns message itself
(they differ by where the header is named).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from quanze.core.api_safety import decode_base64
from quanze.core.spreadsheets import (
    SpreadsheetError,
    column_letters,
    read_spreadsheet,
    simplified,
)

SUFFIXES = (".xlsx", ".xlsm", ".csv")


class SheetRejected(Exception):
    """The file cannot be imported; nothing was written. `problems` lists every reason
    (Chinese, located by row and column), `messages` the same as text; the exception's
    own text joins the first `shown` of them with `separator` (all when None)."""

    separator = ";"
    shown: int | None = 5

    def __init__(self, problems: list):
        self.problems = list(problems)
        super().__init__(self.separator.join(self.messages[: self.shown]))

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


def header_text(header) -> str:
    """A header cell made comparable: trimmed, full-width brackets and spaces dropped,
    traditional characters simplified (工單編號 is 工单编号)."""
    text = str(header or "").strip().replace("(", "(").replace(")", ")").replace(" ", "")
    return simplified(text)


def first_sheet_rows(
    path: Path,
    name: str,
    *,
    rejected: type[SheetRejected],
    warnings: list | None = None,
    suffixes: tuple[str, ...] = SUFFIXES,
) -> list[list]:
    """The first sheet's rows (merged ranges spread), or `rejected([...])` naming the
    file's problem or every formula cell; macro and external-link warnings go to
    `warnings`."""
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise rejected([f"文件:不支持「{suffix or name}」格式,请上传 .xlsx 或 .csv"])
    try:
        book = read_spreadsheet(path, name, first_sheet_only=True)
    except SpreadsheetError as error:
        located = error.located()
        raise rejected([located if error.row else f"文件:{located}"]) from None
    if warnings is not None:
        warnings += book.warnings
    sheet = book.sheets[0] if book.sheets else None
    if sheet is None:
        return []
    if sheet.formulas:
        raise rejected(
            [
                f"第{r + 1}行第{column_letters(c + 1)}列:单元格是公式「{formula}」,请改为数值后再导入"
                for (r, c), formula in sorted(sheet.formulas.items())
            ]
        )
    return sheet.rows


def header_columns(header: list, headers: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Field name -> 0-based column, from a header row and each field's accepted
    headers; the first column carrying a field's header wins."""
    wanted = {header_text(h): key for key, names in headers.items() for h in names}
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = wanted.get(header_text(cell))
        if key and key not in columns:
            columns[key] = index
    return columns


def missing_labels(columns: dict[str, int], required, headers: dict[str, tuple[str, ...]]):
    """The template's header (the first accepted one) of each required field not found."""
    return [headers[key][0] for key in required if key not in columns]


def missing_columns_message(missing: list[str], *, place: str = "表头") -> str:
    """表头:缺少「单位」「编制类型」列"""
    return f"{place}:缺少「{'」「'.join(missing)}」列"


MAX_API_UPLOAD = 10 * 1024 * 1024


@contextmanager
def api_upload(content_base64: str, file_name: str) -> Iterator[tuple[Path, str]]:
    """A sheet sent to the API as Base64: (a temporary file holding it, its safe name).
    Bad Base64 or more than 10 MB is a ValidationError naming the field; the file is gone
    after the block."""
    content = decode_base64(content_base64, limit=MAX_API_UPLOAD)
    name = Path(file_name).name[:200]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("upload" + Path(name).suffix.lower()[:8])
        path.write_bytes(content)
        yield path, name
