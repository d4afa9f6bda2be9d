"""The reports as .xlsx (openpyxl) and CSV. Text goes through core.textsafety: what a
spreadsheet would read as a formula (= + - @, tab, CR) gets a leading ' so it stays text,
and characters XML cannot hold are dropped, so a stored name never breaks a download."""

import csv
import io
from decimal import Decimal

from quanze.core.textsafety import spreadsheet_text


def cell(value):
    """A value safe for a spreadsheet: numbers stay numbers, formula-like text is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return spreadsheet_text(str(value))


def percent(rate) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def xlsx(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    """A workbook of (title, header, rows) sheets."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        head = []
        for label in header:
            c = WriteOnlyCell(sheet, value=cell(label))
            c.font = bold
            head.append(c)
        sheet.append(head)
        for row in rows:
            sheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(header: list[str], rows) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens it with the right encoding."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([cell(v) for v in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# ---- the tables of each report -----------------------------------------------------------


def exercise_tables(report, items, never) -> list[tuple[str, list[str], list[list]]]:
    head = ["乡镇(街道)", "县(市、区)", "承接事项", "行权事项", "未行权事项", "行权率"]
    money = ["罚款决定金额(元)", "实缴罚没款(元)", "返还乡镇(元)", "返还比例"]
    towns = [
        [t.name, t.county, t.held, t.exercised, t.never, percent(t.rate)]
        + [t.fines_decided, t.fines_paid, t.returned, percent(t.return_share)]
        for t in report.townships
    ]
    counties = [
        [c.name, c.held, c.exercised, c.never, percent(c.rate), c.fines_paid, c.returned]
        for c in [*report.counties, report.total]
    ]
    return [
        ("乡镇行权率", head + money, towns),
        (
            "县级汇总",
            [
                "范围",
                "承接(乡镇×事项)",
                "行权",
                "未行权",
                "行权率",
                "实缴罚没款(元)",
                "返还乡镇(元)",
            ],
            counties,
        ),
        (
            "事项行权率",
            ["事项编码", "事项名称", "承接乡镇数", "行权乡镇数", "行权率"],
            [[i.code, i.name, i.held, i.exercised, percent(i.rate)] for i in items],
        ),
        (
            "从未行权事项",
            ["乡镇(街道)", "事项编码", "事项名称"],
            [[n["township"], n["code"], n["name"]] for n in never],
        ),
        (
            "口径说明",
            ["统计范围", "统计期", "行权率口径"],
            [[report.scope, f"{report.start}至{report.end}", report.definition]],
        ),
    ]


def annual_tables(report, powers) -> list[tuple[str, list[str], list[list]]]:
    return [
        (
            "按行为类别",
            ["类别", "案件数", "其他行权记录"],
            [list(row) for row in report.acts],
        ),
        (
            "按处罚种类",
            ["处罚种类(按最重种类计一次)", "决定数", "罚款金额(元)"],
            [[r.category, r.decisions, r.fines] for r in report.penalties],
        ),
        (
            "金额",
            [
                "立案(登记)案件",
                "作出决定",
                "其中不予处罚",
                "罚款决定金额(元)",
                "实缴(元)",
                "加处罚款(元)",
            ],
            [
                [
                    report.cases_opened,
                    report.decisions,
                    report.no_penalty,
                    report.fines_decided,
                    report.fines_paid,
                    report.surcharges,
                ]
            ],
        ),
        (
            "按事项",
            ["事项编码", "事项名称", "职权类型", "案件数", "处罚决定数", "罚款金额(元)"],
            [
                [p.code, p.name, p.power_type.name, p.cases, p.penalties, p.fines or 0]
                for p in powers
            ],
        ),
    ]
