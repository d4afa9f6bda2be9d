"""The staffing report as .xlsx; every cell through core/textsafety (formula-neutral,
XML-safe)."""

import io

from quanze.core.textsafety import spreadsheet_row


def percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def tables(report) -> list[tuple[str, list[str], list[list]]]:
    posts = report.posts()
    return [
        (
            "乡镇执法力量",
            ["乡镇(街道)", "承接事项", "年度案件", "执法队伍人数", "其中持证", "派驻中队人数",
             "其中持证", "持证合计", "人均承接事项", f"低于{report.minimum}人下限", "核定编制",
             "实有人数", "空编", "下沉编制", "下沉在岗", "执法车辆", "执法记录仪"],
            [[t.name, t.items, t.cases, t.team, t.team_certified, t.stationed,
              t.stationed_certified, t.certified,
              round(t.per_officer, 1) if t.per_officer is not None else "—",
              "是" if t.overloaded else "否", t.approved, t.filled, t.vacant, t.sunk_in,
              t.sunk_filled, t.vehicles, t.recorders] for t in report.townships],
        ),
        (
            "部门执法力量",
            ["部门", "执法人员", "其中持证", "派驻中队", "核定编制", "实有人数", "空编", "下沉编制"],
            [[d.name, d.officers, d.certified, d.stationed, d.approved, d.filled, d.vacant,
              d.sunk_out] for d in report.departments],
        ),
        (
            "汇总",
            ["范围", "统计日", "执法人员", "在乡镇(街道)工作", "下沉比例", "目标", "达标",
             "核定编制", "实有人数", "空编", "下沉编制"],
            [[report.scope, report.on.isoformat(), report.officers, report.in_townships,
              percent(report.township_share), percent(report.target),
              "是" if report.target_met else "否", posts["approved"], posts["filled"],
              posts["vacant"], posts["sunk"]]],
        ),
        ("口径说明", ["口径"], [[report.definition]]),
    ]  # fmt: skip


def xlsx(report) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in tables(report):
        sheet = workbook.create_sheet(title[:31])
        sheet.append(spreadsheet_row(header))
        for row in rows:
            sheet.append(spreadsheet_row(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
