"""The results as .xlsx, laid out as published lists (core/xlsx.py). Built only from the
selectors, so a department's export shows no more than its page: the rankings, and the
scores given to its own unit through the anonymity rule."""

import io

from openpyxl import Workbook

from quanze.core.textsafety import spreadsheet_row
from quanze.core.xlsx import lay_out_list, style_header_and_body, widths_for
from quanze.evaluation.appraisal import rules, selectors
from quanze.evaluation.appraisal.models import AppraisalRound
from quanze.org.roles import is_department_clerk, is_township_clerk

TITLES = {"department": "部门得分(乡镇评部门)", "township": "乡镇得分(部门评乡镇)"}


def text(value) -> str:
    return "" if value is None else f"{rules.rounded(value)}"


def add_sheet(book, title: str, header: list, rows: list) -> None:
    sheet = book.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append(spreadsheet_row(row))
    lay_out_list(
        sheet, header_row=1, columns=len(header), rows=len(rows), widths=widths_for(header, rows)
    )
    style_header_and_body(sheet, header_row=1)


def export(user, round: AppraisalRound) -> bytes:
    found = selectors.round_results(user, round)
    book = Workbook()
    book.remove(book.active)
    for kind, results in found.items():
        names = [c.criterion.name for c in results[0].criteria] if results else []
        header = ["排名", "单位", "总分", "评价部分", "数据部分", *names]
        rows = [
            [r.rank or "", r.name, text(r.total), text(r.form_part), text(r.fact_part)]
            + [text(c.score) for c in r.criteria]
            for r in results
        ]
        add_sheet(book, TITLES[kind], header, rows)
    own = own_units(user)
    if own is not None or selectors.is_county_wide(user):
        header = ["被评单位", "指标", "得分", "评语", "评分单位"]
        rows = []
        for kind, results in found.items():
            for r in results:
                if own is not None and (kind, r.unit_id) != own:
                    continue
                given = selectors.scores_given(user, round, selectors.KINDS[kind], r.unit_id)
                rows += [
                    [r.name, s["criterion"], text(s["score"]), s["comment"], s["scorer"] or "匿名"]
                    for s in given
                ]
        add_sheet(book, "评分明细", header, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def own_units(user) -> tuple[str, int] | None:
    if is_department_clerk(user):
        return ("department", user.department_id)
    if is_township_clerk(user):
        return ("township", user.township_id)
    return None
