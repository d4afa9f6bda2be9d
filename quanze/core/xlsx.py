"""The layout of an exported list in Excel, as published lists look: the header row bold
and frozen, a filter on every column, column widths, long text wrapped, landscape pages
that repeat the header (the cells themselves go through `core.textsafety`)."""

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

WRAP = Alignment(wrap_text=True, vertical="top")
HEADER_FONT = Font(bold=True, name="宋体")
MIN_WIDTH, MAX_WIDTH = 6, 50


def widths_for(header, rows, *, sample: int = 200) -> list[int]:
    """Column widths from the header and the first `sample` rows: a CJK character counts
    two, capped so long text wraps instead of making one column a screen wide."""
    widths = [_width(label) for label in header]
    for row in rows[:sample]:
        for i, value in enumerate(row[: len(widths)]):
            longest = max((_width(line) for line in str(value or "").splitlines()), default=0)
            widths[i] = max(widths[i], longest)
    return [min(max(w + 2, MIN_WIDTH), MAX_WIDTH) for w in widths]


def _width(text) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in str(text))


def lay_out_list(sheet, *, header_row: int, columns: int, rows: int, widths) -> None:
    """Freeze the rows down to the header, filter the header over `rows` data rows, size
    the columns and print in landscape with the header on every page. On a write-only
    sheet call it before the first row is appended (column widths are written first)."""
    last = get_column_letter(columns)
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(rows, 1)}"
    for index, width in enumerate(widths[:columns], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def style_header_and_body(sheet, *, header_row: int) -> None:
    """Bold header, wrapped body (a sheet built in memory, not write-only)."""
    for cell in sheet[header_row]:
        cell.font = HEADER_FONT
    for row in sheet.iter_rows(min_row=header_row + 1):
        for cell in row:
            cell.alignment = WRAP
