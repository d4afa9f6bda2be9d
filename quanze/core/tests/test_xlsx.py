"""Exported lists look like published ones: header frozen and filtered, widths, wrapping."""

import io

from openpyxl import Workbook, load_workbook

from quanze.core.xlsx import lay_out_list, style_header_and_body, widths_for


def test_widths_count_chinese_twice_and_are_capped():
    widths = widths_for(["序号", "事项名称"], [["1", "城" * 40], ["22", "短"]])
    assert widths == [6, 50]


def test_a_laid_out_sheet_freezes_filters_and_wraps():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["平阴县属地管理事项责任清单"])
    sheet.append(["序号", "事项名称"])
    sheet.append([1, "生活垃圾收集清运"])
    sheet.append([2, "占道经营管理"])
    style_header_and_body(sheet, header_row=2)
    lay_out_list(sheet, header_row=2, columns=2, rows=2, widths=[6, 30])
    out = io.BytesIO()
    workbook.save(out)
    back = load_workbook(io.BytesIO(out.getvalue())).active
    assert back.freeze_panes == "A3"
    assert back.auto_filter.ref == "A2:B4"
    assert back.column_dimensions["B"].width == 30
    assert back["A2"].font.bold and back["B3"].alignment.wrap_text
    assert back.print_title_rows == "$2:$2"
