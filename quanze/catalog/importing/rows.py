"""Turning a table's data rows into records: text cleaned, 主项/子项 grouped, checked.

Checks here need no database: empty names, over-long cells, formulas, duplicate
codes, bad dates and set kinds. Names are resolved against the database in plan.py.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from quanze.catalog.catalogs.layout import POWER_KEYS, SET_KIND_BY_LABEL, SET_KIND_LABELS
from quanze.catalog.importing.headers import LABELS
from quanze.catalog.importing.problems import ImportProblem
from quanze.catalog.importing.reader import LongNumber, Table
from quanze.catalog.importing.textcheck import check_row
from quanze.catalog.powers.models import Power
from quanze.core.spreadsheets import code_text

# The text columns of a row: the power fields of the standard layout.
TEXT_KEYS = POWER_KEYS
# What a 子项 row without its own value takes from its 主项 (merged cells, blanks).
INHERITED = ("power_type", "department", "field", "exercise_level")
MAX_LENGTHS = {
    key: Power._meta.get_field(key).max_length
    for key in TEXT_KEYS
    if getattr(Power._meta.get_field(key), "max_length", None)
    and not Power._meta.get_field(key).is_relation
}
MAX_LENGTHS.update({"field": 30, "department": 100, "power_type": 30})
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")


@dataclass
class Record:
    row: int  # 1-based, as Excel shows it
    values: dict[str, str]
    extra: dict[str, str] = field(default_factory=dict)
    set_kind: str | None = None  # None: the sheet has no 盘类 column
    parent: "Record | None" = None  # the 主项 row this 子项 row belongs to
    is_main: bool = False
    table: Table | None = field(default=None, repr=False)
    keys: frozenset[str] = frozenset()  # the fields its sheet has a column for

    @property
    def where(self) -> str:
        return _where(self.table.sheet, self.row)


@dataclass
class Parsed:
    """The records of every sheet of one file, in order, with what is wrong with them."""

    file: str
    tables: list[Table] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    effective_date: date | None = None
    keys: set[str] = field(default_factory=set)  # fields any sheet has a column for


def _where(sheet: str, row: int) -> str:
    return f"工作表“{sheet}”第{row}行" if sheet else f"第{row}行"


def text_of(value) -> str:
    if value.__class__ is str:  # the common case first: this runs for every cell
        return (
            value.strip()
            if "\r" not in value
            else value.replace("\r\n", "\n").replace("\r", "\n").strip()
        )
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    text = value if isinstance(value, str) else str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def parse_date(value) -> date | None:
    """A date cell or text like 2024-01-01, 2024/1/1, 2024年1月1日; None if it is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.match(text_of(value))
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def parse_tables(file: str, tables: list[Table], *, progress=None) -> Parsed:
    parsed = Parsed(file, tables)
    codes: dict[str, tuple[str, int]] = {}
    total = sum(len(t.rows) - t.header.row - 1 for t in tables)
    done = 0
    for table in tables:
        done = parse_rows(table, parsed, codes, progress=progress, done=done, total=total)
    if progress:
        progress(total, total)
    return parsed


def parse_rows(table: Table, parsed: Parsed, codes: dict, *, progress, done: int, total: int):
    """Add one sheet's records to `parsed`; returns how many rows have been read so far."""
    header = table.header
    keys = {k for k in header.columns if k in TEXT_KEYS}
    if header.implied_type:
        keys.add("power_type")
    keys = frozenset(keys)
    parsed.keys |= keys
    cols = [(key, col) for key, col in header.columns.items() if key in TEXT_KEYS]
    extra_cols = [(header.labels[c], c) for c in header.extra]
    truncated_col = header.columns.get("truncated")
    set_kind_col = header.columns.get("set_kind")
    date_col = header.columns.get("effective_date")
    position_col = header.columns.get("position")
    formula_rows = {r for r, _ in table.formulas}
    # The length limits of the columns this sheet has (the others stay "" or inherited).
    limited = [(key, limit) for key, limit in MAX_LENGTHS.items() if key in keys]
    group: Record | None = None

    def problem(row: int, key_or_label: str, message: str) -> None:
        column = header.label(key_or_label) if key_or_label in LABELS else key_or_label
        parsed.problems.append(ImportProblem(table.sheet, row, column, message, table.file))

    for index in range(header.row + 1, len(table.rows)):
        done += 1
        if progress and done % 2000 == 0:
            progress(done, total)
        cells = table.rows[index]
        width = len(cells)
        row_no = index + 1
        values = {key: text_of(cells[col]) if col < width else "" for key, col in cols}
        extra = {label: t for label, c in extra_cols if c < width and (t := text_of(cells[c]))}
        filled = [t for t in (*values.values(), *extra.values()) if t]
        if position_col is not None and position_col < width:
            filled += [t for t in (text_of(cells[position_col]),) if t]
        if not filled or (len(filled) == 1 and filled[0].isdigit() and not any(values.values())):
            continue  # blank, or only a 序号 (numbered empty rows of a template)
        if index in table.headings or (
            len(filled) == 1 and not values.get("name") and not values.get("sub_name")
        ):
            note = filled[0] if len(filled[0]) <= 30 else filled[0][:29] + "…"
            parsed.warnings.append(
                f"{_where(table.sheet, row_no)}:“{note}”是分节标题或说明行,已跳过"
            )
            continue
        if (
            truncated_col is not None
            and truncated_col < width
            and text_of(cells[truncated_col]).lower().startswith("yes")
        ):
            parsed.warnings.append(
                f"{_where(table.sheet, row_no)}:样例标注为摘录截断(excerpt_truncated),已跳过"
            )
            continue
        if index in formula_rows:
            for (r, c), formula in sorted(table.formulas.items()):
                if r == index:
                    problem(
                        row_no,
                        header.labels.get(c, f"第{c + 1}列"),
                        f"单元格是公式“{formula}”,请改为数值后再导入",
                    )
        check_row(
            values,
            extra,
            where=_where(table.sheet, row_no),
            problem=lambda column, message, row_no=row_no: problem(row_no, column, message),
            warnings=parsed.warnings,
            label=header.label,
        )
        if header.implied_type and not values.get("power_type"):
            values["power_type"] = header.implied_type
        record = Record(row_no, values, extra, table=table, keys=keys)
        name, sub = values.get("name", ""), values.get("sub_name", "")
        if not name and sub and group is not None:
            values["name"] = name = group.values["name"]
        if not name:
            problem(row_no, "name", "事项名称不能为空")
        elif not sub:
            record.is_main = True
            group = record
        elif group is not None and name == group.values["name"]:
            record.parent = group if group.is_main else None
            for key in INHERITED:
                if key in values and not values[key]:
                    values[key] = group.values.get(key, "")
        else:
            group = record
        for key, limit in limited:
            if len(values[key]) > limit:
                problem(row_no, key, f"内容长度为{len(values[key])}字,超过上限{limit}字")
        code = values.get("code", "")
        if code and not code.isascii():
            values["code"] = code = code_text(code)  # ＦＷ０００００１ is FW000001
        code_col = header.columns.get("code", width)
        if code_col < width and isinstance(cells[code_col], LongNumber):
            problem(
                row_no,
                "code",
                f"编码“{code}”以数字格式保存,超过15位的数字已被 Excel 改动;请把该列设为文本后重新填写",
            )
        if code:
            if code in codes:
                sheet, first = codes[code]
                at = f"第{first}行" if sheet == table.sheet else _where(sheet, first)
                problem(row_no, "code", f"事项编码“{code}”与{at}重复")
            else:
                codes[code] = (table.sheet, row_no)
        if set_kind_col is not None:
            label = text_of(cells[set_kind_col]) if set_kind_col < width else ""
            kind = SET_KIND_BY_LABEL.get(label, label if label in SET_KIND_LABELS else None)
            if kind is None and label:
                problem(row_no, "set_kind", f"盘类“{label}”只能是基本盘、自选盘或留空")
            record.set_kind = kind or ""
        if date_col is not None and date_col < width:
            _check_date(parsed, cells[date_col], row_no, problem)
        parsed.records.append(record)
    return done


def _check_date(parsed: Parsed, value, row_no: int, problem) -> None:
    if not text_of(value):
        return
    day = parse_date(value)
    if day is None:
        problem(row_no, "effective_date", f"“{text_of(value)}”不是有效的日期(应如 2024-01-31)")
    elif parsed.effective_date is None:
        parsed.effective_date = day
    elif day != parsed.effective_date:
        problem(row_no, "effective_date", f"生效日期{day}与前面各行的{parsed.effective_date}不一致")
