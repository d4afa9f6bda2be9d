"""A township duty-list version as .xlsx: one sheet per class, as the lists are published.

Every row goes through `core.textsafety.spreadsheet_row`: no formula cell, no character
XML cannot hold, whatever the stored text.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from quanze.core.textsafety import spreadsheet_row
from quanze.core.xlsx import lay_out_list, style_header_and_body
from quanze.duties.dutylists.models import DutyClass

DUTY_HEADERS = [
    "序号",
    "事项名称",
    "类别",
    "设定依据",
    "牵头部门",
    "收回理由",
    "承接部门",
    "承接方式",
]
DUTY_WIDTHS = [6, 30, 10, 40, 20, 30, 20, 20]


def duty_version_xlsx(version) -> bytes:
    """A township duty-list version as .xlsx: one sheet per class, as the lists are published."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    entries = list(version.entries.select_related("lead_department", "receiving_department"))
    for duty_class, label in DutyClass.choices:
        rows = [e for e in entries if e.duty_class == duty_class]
        if not duty_class:
            continue
        sheet = workbook.create_sheet(label)
        sheet.append(
            spreadsheet_row(
                [
                    f"{version.duty_list.township.name}{label}清单({version.document_number or version.get_status_display()})"
                ]
            )
        )
        sheet["A1"].font = Font(bold=True, size=14, name="宋体")
        sheet.append(DUTY_HEADERS)
        for n, e in enumerate(rows, start=1):
            sheet.append(
                spreadsheet_row(
                    [
                        n,
                        e.name,
                        label,
                        e.basis,
                        str(e.lead_department or ""),
                        e.return_reason,
                        str(e.receiving_department or ""),
                        e.takeover,
                    ]
                )
            )
        style_header_and_body(sheet, header_row=2)
        lay_out_list(
            sheet, header_row=2, columns=len(DUTY_HEADERS), rows=len(rows), widths=DUTY_WIDTHS
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
