"""Writing a catalog version in the standard layout (layout.COLUMNS, then extra columns).

What export writes, import reads back unchanged: export then import changes nothing.
Every cell goes through `core.textsafety.spreadsheet_text`: no formula, no character
that XML cannot hold, whatever the stored text (the importer takes the "'" off again).
"""

import csv
import io
import re

from quanze.catalog.catalogs import selectors
from quanze.catalog.catalogs.layout import COLUMNS, SET_KIND_LABELS
from quanze.catalog.catalogs.models import CatalogVersion
from quanze.core.textsafety import spreadsheet_row, xml_safe
from quanze.core.xlsx import lay_out_list, widths_for


def export_table(version: CatalogVersion) -> tuple[list[str], list[list[str]]]:
    """Header and rows as text: standard columns, then every extra column in first-seen order."""
    rows = selectors.version_rows(version)
    extra_keys = list(dict.fromkeys(key for row in rows for key in (row.get("extra") or {})))
    header = [label for _, label in COLUMNS] + extra_keys
    table = []
    for row in rows:
        values = []
        for key, _ in COLUMNS:
            value = row.get(key, "")
            if key == "set_kind":
                value = SET_KIND_LABELS.get(value, "")
            values.append("" if value is None else str(value))
        extra = row.get("extra") or {}
        values.extend(str(extra.get(key, "")) for key in extra_keys)
        table.append(spreadsheet_row(values))
    return spreadsheet_row(header), table


def sheet_title(version: CatalogVersion) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    return re.sub(r"[\[\]:*?/\\]", "", xml_safe(version.catalog.name)).strip("'")[:31] or "清单"


def export_xlsx(version: CatalogVersion, stream) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    header, table = export_table(version)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(version))
    # The header stays the first row: the importer reads the file back.
    lay_out_list(
        sheet, header_row=1, columns=len(header), rows=len(table), widths=widths_for(header, table)
    )
    bold = Font(bold=True)
    head_cells = []
    for label in header:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        head_cells.append(cell)
    sheet.append(head_cells)
    wrap = Alignment(wrap_text=True, vertical="top")
    for values in table:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)  # text, so codes never become numbers
            if "\n" in value or len(value) > 20:
                cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    workbook.save(stream)


def export_csv(version: CatalogVersion, stream) -> None:
    """UTF-8 with a byte-order mark so Excel opens it with the right encoding.

    `stream` may be a text stream or a binary one (a file opened "wb", an HttpResponse).
    """
    header, table = export_table(version)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(table)
    text = "\ufeff" + buffer.getvalue()
    if isinstance(stream, io.TextIOBase):
        stream.write(text)
    else:
        stream.write(text.encode("utf-8"))
