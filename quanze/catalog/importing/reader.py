"""Reading an uploaded .xlsx or .csv into tables of cell values with their header.

The file is read by the shared safe reader (quanze.core.spreadsheets: size, zip and
extent checks, merged ranges spread, formula cells found while scanning the XML);
this module finds each sheet's header and turns cell values into text.
"""

from dataclasses import dataclass, field

from quanze.catalog.importing.headers import HeaderMap, find_header
from quanze.catalog.importing.problems import ImportProblem, ImportRejected
from quanze.core.spreadsheets import SpreadsheetError, read_spreadsheet


@dataclass
class Table:
    """One sheet (or the CSV) with its header found."""

    file: str
    sheet: str  # "" for CSV
    rows: list[list]
    header: HeaderMap
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based
    headings: set[int] = field(default_factory=set)  # rows that are one merged title cell


def _reject(file_name: str, message: str) -> ImportRejected:
    return ImportRejected([ImportProblem(message=message, file=file_name)])


def rejected(file_name: str, error: SpreadsheetError) -> ImportRejected:
    """The safe reader's refusal as an import problem, located the same way."""
    column = error.column_letters
    return ImportRejected(
        [
            ImportProblem(
                sheet=error.sheet,
                row=error.row,
                column=f"{column}" if column else "",
                message=error.message,
                file=file_name,
            )
        ]
    )


def read_tables(path, file_name: str) -> tuple[list[Table], list[str]]:
    """Every sheet with a recognisable header (a list split by type over several sheets
    is one list), and warnings: non-empty sheets skipped for having none, macros,
    external links."""
    try:
        book = read_spreadsheet(path, file_name)
    except SpreadsheetError as error:
        raise rejected(file_name, error) from None
    tables, warnings = [], list(book.warnings)
    for sheet in book.sheets:
        # Most cells are text: only the others go through _cell.
        rows = [[v if v.__class__ is str else _cell(v) for v in row] for row in sheet.rows]
        for (r, c), formula in sheet.formulas.items():
            if r < len(rows) and c < len(rows[r]):
                rows[r][c] = formula  # what the cell says, not an empty result
        header = find_header(rows)
        if header is not None:
            tables.append(
                Table(
                    file_name,
                    sheet.name,
                    rows,
                    header,
                    formulas=sheet.formulas,
                    headings=_headings(rows, sheet.merged),
                )
            )
        elif any(v not in ("", None) for row in rows for v in row):
            warnings.append(f"工作表“{sheet.name}”中未找到表头,已跳过")
    if not tables:
        raise _no_header(file_name)
    return tables, warnings


class LongNumber(str):
    """A number cell of 16+ digits: Excel kept only 15 of them, so a code in it is damaged."""


def _cell(value):
    """Cell values as text where text is meant: no float noise on codes and numbers."""
    if isinstance(value, float) and value.is_integer():
        return LongNumber(int(value)) if abs(value) >= 1e15 else str(int(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return value


def _no_header(file_name: str) -> ImportRejected:
    return _reject(
        file_name,
        "前15行中未找到可识别的表头(应含“事项名称”“职权类型”等列名),请检查文件是否为权责清单",
    )


def _headings(rows: list[list], ranges) -> set[int]:
    """Rows that are a single cell merged across most of the table: section titles such
    as “一、城市市容环境卫生管理方面”, not items."""
    width = max((len(row) for row in rows), default=0)
    return {r0 for (r0, c0), (r1, c1) in ranges if r0 == r1 and c1 - c0 + 1 >= max(3, width // 2)}
