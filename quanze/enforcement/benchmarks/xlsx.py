"""A benchmark version as the justice bureau publishes it in .xlsx, both ways.

Layout (one row per 裁量阶次; 序号, 违法行为 and the bases are merged over an item's rows,
as published tables do): 序号 | 事项编码 | 违法行为 | 法律依据 | 处罚依据 | 裁量阶次 | 适用情形
| 处罚标准. Headers are matched by synonyms (违法程度 for 裁量阶次, 裁量情形 for 适用情形 …),
full/half width and brackets ignored.

Reading goes through the project's safe reader (`catalog.importing.reader.read_tables`:
size limit, encrypted/old .xls, zip bombs, formula cells, merged cells spread). The whole
file is checked before anything is written: one bad cell refuses the file with problems
naming sheet, row and column. Writing neutralises formula-like text (a cell beginning with
= + - @ gets a ' in front) and reading takes that ' off again, so export → import is exact.
"""

import io
from dataclasses import dataclass, field
from decimal import Decimal

from quanze.catalog.importing.headers import normalise
from quanze.catalog.importing.problems import ImportProblem, ImportRejected
from quanze.catalog.importing.reader import Table, read_tables
from quanze.catalog.importing.rows import text_of
from quanze.catalog.models import Power
from quanze.core.spreadsheets import code_text
from quanze.core.textsafety import spreadsheet_text, unescape_formula
from quanze.enforcement.benchmarks import rules

COLUMNS = {
    "position": ("序号", ["序号", "编号"]),
    "code": ("事项编码", ["事项编码", "权力编码", "职权编码", "编码"]),
    "conduct": ("违法行为", ["违法行为", "违法行为名称", "处罚事项", "事项名称", "违法事项"]),
    "legal_basis": ("法律依据", ["法律依据", "违法依据", "设定依据", "违则"]),
    "penalty_basis": ("处罚依据", ["处罚依据", "罚则", "实施依据"]),
    "tier": ("裁量阶次", ["裁量阶次", "违法程度", "裁量等级", "处罚阶次", "阶次", "裁量档次"]),
    "conditions": ("适用情形", ["适用情形", "裁量情形", "适用条件", "具体情形", "情形", "违法情节"]),
    "standard": ("处罚标准", ["处罚标准", "裁量基准", "处罚幅度", "裁量标准", "具体标准"]),
}  # fmt: skip
HEADERS = [label for label, _ in COLUMNS.values()]
REQUIRED = ("conduct", "tier", "standard")
_LOOKUP = {normalise(w): key for key, (_, words) in COLUMNS.items() for w in words}
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_CONDUCT = 500
MAX_AMOUNT = Decimal("100000000000")  # 1,000亿元: beyond any statutory fine, a typo
MAX_MULTIPLE = Decimal("1000")
_SCAN = 15


@dataclass
class RowData:
    sheet_row: int
    tier: str
    tier_label: str
    first_offence: bool
    conditions_text: str
    conditions: list[str]
    match_all: bool
    standard_text: str
    standard: rules.Standard


@dataclass
class ItemData:
    sheet_row: int
    position: int
    code: str
    conduct: str
    legal_basis: str
    penalty_basis: str
    position_text: str = ""
    sheet: str = ""
    power: Power | None = None
    rows: list[RowData | None] = field(default_factory=list)


def neutralise(value: str) -> str:
    """Text Excel would take as a formula gets a leading ' (shown as text), without the
    characters XML cannot hold: the project's one rule (core.textsafety)."""
    return spreadsheet_text(value)


def unneutralise(value: str) -> str:
    return unescape_formula(value)


def _header(table: Table) -> tuple[int, dict[str, int]] | None:
    best = None
    for index, row in enumerate(table.rows[:_SCAN]):
        columns: dict[str, int] = {}
        for col, value in enumerate(row):
            key = _LOOKUP.get(normalise(text_of(value)))
            if key and key not in columns:
                columns[key] = col
        if all(k in columns for k in REQUIRED) and (best is None or len(columns) > len(best[1])):
            best = (index, columns)
    return best


def _powers(county) -> tuple[dict[str, Power], dict[str, list[Power]]]:
    by_code, by_name = {}, {}
    for power in Power.objects.filter(owner=county).only("id", "code", "name"):
        if power.code:
            by_code[normalise(power.code)] = power
        by_name.setdefault(normalise(power.name), []).append(power)
    return by_code, by_name


def parse(path, file_name: str, *, county, warnings: list[str] | None = None) -> list[ItemData]:
    """The items of the file, or ImportRejected naming every bad cell (nothing written).
    The reader's warnings (sheets skipped, macros, external links) go to `warnings`."""
    tables, read_warnings = read_tables(path, file_name)
    if warnings is not None:
        warnings.extend(read_warnings)
    by_code, by_name = _powers(county)
    problems: list[ImportProblem] = []
    items: list[ItemData] = []
    found_header = False
    for table in tables:
        header = _header(table)
        if header is None:
            continue
        found_header = True
        start, columns = header
        labels = {key: text_of(table.rows[start][col]) for key, col in columns.items()}
        formulas = table.formulas
        current: ItemData | None = None
        for index in range(start + 1, len(table.rows)):
            if index in table.headings:
                continue
            row = table.rows[index]
            if not any(text_of(v) for v in row):
                continue
            n = index + 1

            def problem(key, message, n=n, sheet=table.sheet, labels=labels):
                problems.append(
                    ImportProblem(
                        sheet=sheet,
                        file=file_name,
                        row=n,
                        column=labels.get(key) or COLUMNS[key][0],
                        message=message,
                    )
                )

            def cell(
                key, row=row, index=index, columns=columns, formulas=formulas, problem=problem
            ):
                col = columns.get(key)
                if col is None or col >= len(row):
                    return ""
                if (index, col) in formulas:
                    problem(key, f"单元格是公式「{formulas[(index, col)]}」,请改为文本后再导入")
                    return ""
                return unneutralise(text_of(row[col]))

            position_text, conduct = cell("position"), cell("conduct")
            code = code_text(cell("code"))  # ＦＷ０００００１ is FW000001, as in the catalog
            legal, penalty = cell("legal_basis"), cell("penalty_basis")
            tier_text, conditions_text, standard_text = (
                cell("tier"),
                cell("conditions"),
                cell("standard"),
            )
            if not conduct:
                problem("conduct", "不能为空")
                continue
            if len(conduct) > MAX_CONDUCT:
                problem("conduct", f"超过{MAX_CONDUCT}字")
                continue
            key = (position_text, code, conduct)
            if current is None or (current.position_text, current.code, current.conduct) != key:
                position = _position(position_text, len(items) + 1)
                if position is None:
                    problem("position", f"「{position_text}」不是序号(应为正整数)")
                    position = len(items) + 1
                current = ItemData(
                    n, position, code, conduct, legal, penalty, position_text, table.sheet
                )
                current.power = _power_for(current, by_code, by_name, problem)
                items.append(current)
            current.rows.append(_row(n, tier_text, conditions_text, standard_text, problem))
    if not found_header:
        raise ImportRejected(
            [
                ImportProblem(
                    file=file_name,
                    message="找不到表头:须有「违法行为」「裁量阶次」「处罚标准」列",
                )
            ]
        )
    seen: dict[int, int] = {}
    for item in items:
        tiers = {r.tier for r in item.rows if r is not None}
        if rules.GENERAL not in tiers and all(r is not None for r in item.rows):
            problems.append(
                ImportProblem(
                    file=file_name,
                    sheet=item.sheet,
                    row=item.sheet_row,
                    column="裁量阶次",
                    message=f"违法行为「{item.conduct}」缺少「一般」阶次",
                )
            )
        if item.power is not None:
            if item.power.pk in seen:
                problems.append(
                    ImportProblem(
                        file=file_name,
                        sheet=item.sheet,
                        row=item.sheet_row,
                        column="违法行为",
                        message=f"与第{seen[item.power.pk]}行是同一执法事项「{item.power.name}」",
                    )
                )
            seen.setdefault(item.power.pk, item.sheet_row)
    if not items and not problems:
        problems.append(ImportProblem(file=file_name, message="没有裁量基准行"))
    if problems:
        raise ImportRejected(problems)
    return items


def _position(text: str, default: int) -> int | None:
    if not text:
        return default
    try:
        value = int(float(text))
    except ValueError:
        return None
    return value if value > 0 else None


def _power_for(item: ItemData, by_code, by_name, problem) -> Power | None:
    if item.code:
        power = by_code.get(normalise(item.code))
        if power is None:
            problem("code", f"找不到本县事项编码「{item.code}」")
        return power
    matches = by_name.get(normalise(item.conduct), [])
    if not matches:
        problem(
            "conduct",
            f"找不到本县名为「{item.conduct}」的执法事项(可增加「事项编码」列指明)",
        )
        return None
    if len(matches) > 1:
        problem(
            "conduct", f"本县有{len(matches)}个名为「{item.conduct}」的事项,请用「事项编码」列指明"
        )
        return None
    return matches[0]


def _row(n, tier_text, conditions_text, standard_text, problem) -> RowData | None:
    ok = True
    tier_key = normalise(tier_text).replace("(", "").replace(")", "")
    tier = rules.TIER_WORDS.get(normalise(tier_text)) or rules.TIER_WORDS.get(tier_key)
    if tier is None:
        problem(
            "tier",
            f"「{tier_text}」不是裁量阶次(应为不予处罚、减轻、从轻、一般、从重或首违不罚)"
            if tier_text
            else "不能为空",
        )
        ok = False
    try:
        standard = rules.parse_standard(standard_text)
    except rules.StandardUnreadable as error:
        problem("standard", str(error))
        return None
    conditions = rules.split_conditions(conditions_text)
    if not ok:
        return None
    if tier == rules.NONE and not standard.no_penalty:
        problem("standard", "不予处罚阶次的处罚标准应为“不予行政处罚”")
        return None
    if tier != rules.NONE and standard.no_penalty:
        problem("standard", f"「{rules.TIERS[tier]}」阶次须写明处罚种类和幅度")
        return None
    largest = max(
        (v for v in (standard.amount_max, standard.cap) if v is not None), default=Decimal(0)
    )
    if largest > MAX_AMOUNT or (standard.multiple_max or 0) > MAX_MULTIPLE:
        problem("standard", "罚款金额或倍数过大,请核对")
        return None
    if tier != rules.GENERAL and not conditions:
        problem("conditions", f"「{rules.TIERS[tier]}」阶次须写明适用情形")
        return None
    return RowData(
        sheet_row=n,
        tier=tier,
        tier_label=tier_text,
        first_offence=normalise(tier_text) in rules.FIRST_OFFENCE_WORDS,
        conditions_text=conditions_text,
        conditions=conditions,
        match_all=rules.needs_all(conditions_text),
        standard_text=standard_text,
        standard=standard,
    )


# ---- export ------------------------------------------------------------------------------


def export_xlsx(version) -> bytes:
    """The version in the published layout: a title row, the header, one row per tier
    with the item's cells merged over its rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "裁量基准"
    title = f"{version.benchmark.name}(第{version.number}版"
    if version.effective_date:
        title += f",{version.effective_date:%Y年%m月%d日}起施行"
    if version.document_number:
        title += f",{version.document_number}"
    title += ")"
    sheet.append([neutralise(title)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    line = 3
    items = version.items.select_related("power").prefetch_related("rows").order_by("position")
    for item in items:
        rows = sorted(item.rows.all(), key=lambda r: (r.position, r.pk))
        first = line
        for row in rows:
            values = [
                str(item.position),
                item.code,
                item.conduct,
                item.legal_basis,
                item.penalty_basis,
                row.tier_label,
                row.conditions_text,
                row.standard,
            ]
            sheet.append([neutralise(v) for v in values])
            for cell in sheet[line]:
                cell.alignment = wrap
            line += 1
        if len(rows) > 1:
            for col in range(1, 6):
                sheet.merge_cells(
                    start_row=first, start_column=col, end_row=line - 1, end_column=col
                )
    for letter, width in zip("ABCDEFGH", (6, 14, 30, 40, 40, 10, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
