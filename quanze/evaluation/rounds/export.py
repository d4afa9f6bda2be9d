"""The round's report as .xlsx: the item rows, the proposals, and the definitions with the
round's weights (laid out as published lists are: core/xlsx.py)."""

from io import BytesIO

from openpyxl import Workbook

from quanze.core.textsafety import neutralise_formula
from quanze.core.xlsx import lay_out_list, style_header_and_body, widths_for
from quanze.evaluation.rounds.definitions import DEFINITIONS

ITEM_COLUMNS = (
    ("code", "事项编码"),
    ("name", "事项名称"),
    ("department", "实施部门"),
    ("held", "承接乡镇数"),
    ("exercised", "行权乡镇数"),
    ("exercise_rate", "行权率(%)"),
    ("cases", "案件数"),
    ("dispatched", "派发次数"),
    ("response_rate", "响应率(%)"),
    ("resolution_rate", "解决率(%)"),
    ("satisfaction_rate", "满意率(%)"),
    ("sent_back", "退回次数"),
    ("disputes", "争议数"),
    ("disputes_lost", "争议败诉"),
    ("corrected", "清单纠错"),
    ("close_hours", "平均办结用时(小时)"),
    ("declined", "认领退回乡镇数"),
    ("asked_return", "申请退回乡镇数"),
    ("certified", "持证执法人员"),
    ("capacity", "承接能力自评"),
    ("opinion", "部门评价"),
    ("public", "群众评价"),
    ("score", "综合得分"),
)
PROPOSAL_COLUMNS = (
    "建议",
    "事项编码",
    "事项名称",
    "乡镇(街道)",
    "属地事项",
    "拟主责部门",
    "理由",
    "依据事实",
    "状态",
    "审定意见",
)


def _cell(value):
    return neutralise_formula(value) if isinstance(value, str) else value


def _sheet(sheet, title: str, header, rows) -> None:
    sheet.append([title])
    sheet.append(list(header))
    for row in rows:
        sheet.append([_cell(v) for v in row])
    lay_out_list(
        sheet, header_row=2, columns=len(header), rows=len(rows), widths=widths_for(header, rows)
    )
    style_header_and_body(sheet, header_row=2)


def report_xlsx(round_, items, proposals) -> bytes:
    book = Workbook()
    rows = [[item.as_dict()[key] for key, _ in ITEM_COLUMNS] for item in items]
    _sheet(
        book.active,
        f"{round_.title}({round_.start:%Y-%m-%d}至{round_.end:%Y-%m-%d})",
        [label for _, label in ITEM_COLUMNS],
        rows,
    )
    book.active.title = "事项指标"
    proposal_rows = [
        [
            p.get_kind_display(),
            p.power.code,
            p.power.name,
            p.township.name if p.township_id else "全部承接乡镇",
            p.matter.name if p.matter_id else "",
            p.unit.name if p.unit_id else "",
            p.reason,
            p.facts,
            p.get_status_display(),
            p.decision_reason,
        ]
        for p in proposals
    ]
    _sheet(book.create_sheet("评估建议"), "评估建议", PROPOSAL_COLUMNS, proposal_rows)
    weights = round_.weights or {}
    definition_rows = [
        [d.name, weights.get(d.key, "") if d.weighted else "", d.text] for d in DEFINITIONS
    ]
    _sheet(
        book.create_sheet("指标定义与权重"),
        "指标定义与权重",
        ("指标", "权重", "定义"),
        definition_rows,
    )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
