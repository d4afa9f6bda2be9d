"""A territorial list version as .xlsx, in the columns the importer reads back.

Every row goes through `core.textsafety.spreadsheet_row`: no formula cell, no character
XML cannot hold, whatever the stored text.
"""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from quanze.core.textsafety import spreadsheet_row
from quanze.duties.importing import COLUMNS
from quanze.duties.models.dutylist import DutyClass
from quanze.duties.selectors import item_data, version_items


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
        "ABCDEFGHIJKLMN", [6, 24, 12, 20, 20, 40, 20, 40, 20, 40, 10, 10, 30, 50], strict=True
    ):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


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
        sheet.append(DUTY_HEADERS)
        for cell in sheet[2]:
            cell.font = Font(bold=True, name="宋体")
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
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
