"""A territorial list version as .xlsx, in the columns the importer reads back.

Every row goes through `core.textsafety.spreadsheet_row`: no formula cell, no character
XML cannot hold, whatever the stored text.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from quanze.core.textsafety import spreadsheet_row
from quanze.core.xlsx import lay_out_list, style_header_and_body
from quanze.duties.territorial.importing import COLUMNS
from quanze.duties.territorial.selectors import item_data, version_items

WIDTHS = [6, 24, 12, 20, 20, 40, 20, 40, 10, 20, 40, 10, 10, 30, 50]


def version_xlsx(version) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "属地管理事项责任清单"
    sheet.append(
        spreadsheet_row([f"{version}({version.document_number or version.get_status_display()})"])
    )
    sheet["A1"].font = Font(bold=True, size=14, name="宋体")
    sheet.append([label for label, _ in COLUMNS.values()])
    keys = [k for k in COLUMNS if k != "position"]
    count = 0
    for item in version_items(version):
        data = item_data(item)
        sheet.append(spreadsheet_row([item.position, *(data[k] for k in keys)]))
        count += 1
    style_header_and_body(sheet, header_row=2)
    lay_out_list(sheet, header_row=2, columns=len(COLUMNS), rows=count, widths=WIDTHS)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
