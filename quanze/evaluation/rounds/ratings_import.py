"""Public ratings (群众评价) of a round from a sheet (.xlsx or .csv): all or nothing.

Columns 乡镇(街道), 事项编码, 满意度得分 (0–100), 参评人数 (a positive whole number);
other columns (事项名称 …) are ignored. The file is read by the shared safe reader
(`quanze.core.sheetimport`); every cell is checked here without the database, then
`services.ratings_import` checks each row against the round (township in scope, item held
there in the period) and writes nothing unless every row is good. Each problem names the
row and the column in Chinese."""

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
    "township": ("乡镇(街道)", "乡镇", "街道", "乡镇名称"),
    "code": ("事项编码", "编码", "事项代码"),
    "score": ("满意度得分", "得分", "满意度", "群众评价得分"),
    "respondents": ("参评人数", "人数", "样本数"),
}
LABEL = {key: names[0] for key, names in HEADERS.items()}
MAX_ROWS = 20_000


class RatingsRejected(SheetRejected):
    """The ratings file cannot be imported; nothing was recorded."""


@dataclass(frozen=True)
class Row:
    number: int  # the row in the file, 1-based
    township: str
    code: str
    score: Decimal
    respondents: int
    where: dict  # field -> column letter, for the service's messages


def read_rows(path: Path, name: str, warnings: list | None = None) -> list[list]:
    """The first sheet's rows; formula cells are refused (a score must be a value)."""
    return first_sheet_rows(path, name, rejected=RatingsRejected, warnings=warnings)


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return code_text(str(value if value is not None else ""))


def _score(text: str, bad: list) -> Decimal | None:
    try:
        score = Decimal(text.rstrip("%"))
        if not score.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        bad.append(("score", f"「{text[:20]}」不是0至100的数"))
        return None
    if not Decimal(0) <= score <= Decimal(100):
        bad.append(("score", f"{text[:20]} 超出0至100"))
        return None
    return score.quantize(Decimal("0.01"))


def _respondents(text: str, bad: list) -> int | None:
    try:
        number = Decimal(text)
        if not number.is_finite() or number != number.to_integral_value() or number < 1:
            raise InvalidOperation
        if number > 10_000_000:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        bad.append(("respondents", f"「{text[:20]}」不是正整数"))
        return None
    return int(number)


def parse(rows: list[list]) -> list[Row]:
    """Check the layout and every cell (without the database); RatingsRejected lists every
    problem found."""
    start = next((i for i, row in enumerate(rows) if any(str(c or "").strip() for c in row)), None)
    if start is None:
        raise RatingsRejected(["文件:没有内容"])
    columns = header_columns(rows[start], HEADERS)
    if missing := missing_labels(columns, HEADERS, HEADERS):
        raise RatingsRejected([missing_columns_message(missing, place=f"第{start + 1}行(表头)")])
    if len(rows) - 1 - start > MAX_ROWS:
        raise RatingsRejected([f"文件:行数超过上限{MAX_ROWS}"])
    where = {k: column_letters(i + 1) for k, i in columns.items()}
    parsed, problems, seen = [], [], {}
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(str(c or "").strip() for c in row):
            continue
        cells = {k: _text(row[i] if i < len(row) else "") for k, i in columns.items()}
        bad: list[tuple[str, str]] = []
        township = simplified(cells["township"])
        code = cells["code"]
        if not township:
            bad.append(("township", "不能为空"))
        if not code:
            bad.append(("code", "不能为空"))
        key = (township, code)
        if township and code and key in seen:
            bad.append(("code", f"{township} {code} 与第{seen[key]}行重复"))
        seen.setdefault(key, number)
        score = _score(cells["score"], bad) if cells["score"] else None
        if not cells["score"]:
            bad.append(("score", "不能为空"))
        respondents = _respondents(cells["respondents"], bad) if cells["respondents"] else None
        if not cells["respondents"]:
            bad.append(("respondents", "不能为空"))
        if bad:
            problems += [f"第{number}行第{where[k]}列「{LABEL[k]}」:{m}" for k, m in bad]
            continue
        parsed.append(Row(number, township, code, score, respondents, where))
    if problems:
        raise RatingsRejected(problems)
    if not parsed:
        raise RatingsRejected(["文件:只有表头,没有评价"])
    return parsed
