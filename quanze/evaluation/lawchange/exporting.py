"""The impact of a change as a laid-out .xlsx (every row the user may see)."""

import io

from openpyxl import Workbook

from quanze.core.textsafety import spreadsheet_text
from quanze.core.xlsx import lay_out_list, style_header_and_body, widths_for
from quanze.evaluation.lawchange.selectors import COLUMNS, HEADERS


def impact_xlsx(title: str, rows: list[dict]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "受影响事项"
    sheet.append([spreadsheet_text(title)])
    sheet.append(list(HEADERS))
    values = [[spreadsheet_text(str(row[key] or "")) for key in COLUMNS] for row in rows]
    for line in values:
        sheet.append(line)
    lay_out_list(sheet, header_row=2, columns=len(HEADERS), rows=len(values),
                 widths=widths_for(HEADERS, values))  # fmt: skip
    style_header_and_body(sheet, header_row=2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
