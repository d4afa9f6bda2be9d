"""Exam results from a sheet (.xlsx or .csv): all or nothing.

Columns 准考证号, 姓名, 成绩 (a number 0–100, or 缺考). Every row is checked against the
sitting's candidates before anything is written; any bad row refuses the whole file with
messages naming the row and the column. The file is read by the shared safe reader
(`quanze.core.spreadsheets`).
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from quanze.core.sheetimport import (
    SheetRejected,
    first_sheet_rows,
    header_columns,
    missing_columns_message,
    missing_labels,
)
from quanze.core.spreadsheets import code_text, column_letters, simplified

HEADERS = {
    "ticket": ("准考证号", "考号", "准考证编号"),
    "name": ("姓名", "考生姓名"),
    "score": ("成绩", "分数", "考试成绩"),
}
LABEL = {key: names[0] for key, names in HEADERS.items()}
ABSENT = ("缺考", "缺席")
MAX_ROWS = 20_000


class ResultsRejected(SheetRejected):
    """The results file cannot be imported; nothing was recorded."""


@dataclass(frozen=True)
class Row:
    number: int  # the row in the file, 1-based
    ticket: str
    name: str
    score: Decimal | None  # None: absent


def read_rows(path: Path, name: str, warnings: list | None = None) -> list[list]:
    """The first sheet's rows; formula cells are refused (a score must be a value)."""
    return first_sheet_rows(path, name, rejected=ResultsRejected, warnings=warnings)


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return code_text(str(value if value is not None else ""))


def parse(rows: list[list]) -> list[Row]:
    """Check the layout and every cell (without the database); ResultsRejected lists
    every problem found."""
    start = next((i for i, row in enumerate(rows) if any(str(c or "").strip() for c in row)), None)
    if start is None:
        raise ResultsRejected(["文件:没有内容"])
    columns = header_columns(rows[start], HEADERS)
    if missing := missing_labels(columns, HEADERS, HEADERS):
        raise ResultsRejected([missing_columns_message(missing, place=f"第{start + 1}行(表头)")])
    if len(rows) - 1 - start > MAX_ROWS:
        raise ResultsRejected([f"文件:行数超过上限{MAX_ROWS}"])
    where = {k: column_letters(i + 1) for k, i in columns.items()}
    parsed, problems, seen = [], [], {}
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(str(c or "").strip() for c in row):
            continue
        cells = {k: (row[i] if i < len(row) else "") for k, i in columns.items()}
        bad = []
        ticket = _text(cells["ticket"])
        if not ticket:
            bad.append(("ticket", "不能为空"))
        elif ticket in seen:
            bad.append(("ticket", f"{ticket} 与第{seen[ticket]}行重复"))
        seen.setdefault(ticket, number)
        name = simplified(_text(cells["name"]))
        if not name:
            bad.append(("name", "不能为空"))
        raw = cells["score"]
        score = None
        text = _text(raw)
        if text in ABSENT:
            score = None
        elif not text:
            bad.append(("score", "不能为空(缺考请填“缺考”)"))
        else:
            try:
                score = Decimal(text)
                if not score.is_finite():
                    raise InvalidOperation
                score = score.quantize(Decimal("0.1"))
            except (InvalidOperation, ValueError):
                bad.append(("score", f"「{text[:20]}」不是分数(应为0至100的数字或“缺考”)"))
            else:
                if not Decimal("0") <= score <= Decimal("100"):
                    bad.append(("score", f"{text} 超出0至100"))
        if bad:
            problems += [f"第{number}行第{where[k]}列「{LABEL[k]}」:{m}" for k, m in bad]
            continue
        parsed.append(Row(number, ticket, name, score))
    if problems:
        raise ResultsRejected(problems)
    if not parsed:
        raise ResultsRejected(["文件:只有表头,没有成绩"])
    return parsed
