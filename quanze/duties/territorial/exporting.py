"""A territorial list version as .xlsx, in the columns the importer reads back.

Every row goes through `core.textsafety.spreadsheet_row`: no formula cell, no character
XML cannot hold, whatever the stored text.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from quanze.core.textsafety import spreadsheet_row
from quanze.duties.territorial.importing import COLUMNS
from quanze.duties.territorial.selectors import item_data, version_items


def version_xlsx(version) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "属地管理事项责任清单"
    sheet.append(
        spreadsheet_row([f"{version}({version.document_number or version.get_status_display()})"])
    )
    sheet.append([label for label, _ in COLUMNS.values()])
    for cell in sheet[2]:
        cell.font = Font(bold=True, name="宋体")
    keys = [k for k in COLUMNS if k != "position"]
    for item in version_items(version):
        data = item_data(item)
        sheet.append(spreadsheet_row([item.position, *(data[k] for k in keys)]))
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip(
        "ABCDEFGHIJKLMNO", [6, 24, 12, 20, 20, 40, 20, 40, 10, 20, 40, 10, 10, 30, 50], strict=True
    ):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
