"""Importing a territorial responsibility list from .xlsx or .csv into a draft.

Headers are matched like the catalog importer does (quanze.catalog.importing.headers:
full/half width, brackets and spaces ignored), with this list's own synonyms. The
whole file is checked first; one bad cell refuses the file with messages naming the
row and column, and nothing is written. The export writes the same columns, so an
exported list imports back unchanged.
"""

import re
from pathlib import Path

from quanze.catalog.importing.headers import normalise
from quanze.catalog.importing.problems import ImportProblem, ImportRejected
from quanze.catalog.importing.reader import rejected
from quanze.catalog.importing.rows import text_of
from quanze.core.spreadsheets import SpreadsheetError, column_letters, read_spreadsheet
from quanze.core.textsafety import control_chars_message, unescape_formula
from quanze.duties.territorial import services
from quanze.duties.territorial.models import ResponsibilityItem
from quanze.duties.territorial.rows import ItemData
from quanze.org.models import Department, Division

COLUMNS = {
    "position": ("序号", ["序号", "编号"]),
    "matter": ("事项名称", ["事项名称", "属地管理事项", "责任事项", "事项"]),
    "field": ("领域", ["领域", "所属领域", "行业领域"]),
    "synonyms": ("同义词", ["同义词", "关键词", "同义词与关键词"]),
    "primary_department": ("主体责任部门", ["主体责任部门", "主体责任单位", "主责部门", "主责单位"]),
    "primary_duty": ("主体责任", ["主体责任", "主体责任内容", "部门职责"]),
    "townships": ("配合乡镇(街道)", ["配合乡镇(街道)", "配合乡镇", "配合责任单位", "配合单位"]),
    "township_duty": ("配合责任", ["配合责任", "配合责任内容", "乡镇(街道)职责", "乡镇职责"]),
    "township_primary": ("乡镇(街道)主体责任", ["乡镇(街道)主体责任", "乡镇主体责任", "属地主体责任", "街道主体责任"]),
    "fallback_department": ("兜底牵头部门", ["兜底牵头部门", "兜底部门", "兜底责任部门", "牵头部门"]),
    "basis": ("依据", ["依据", "法律依据", "政策依据", "设定依据", "法律政策依据"]),
    "accept_hours": ("响应时限(小时)", ["响应时限(小时)", "响应时限"]),
    "handle_days": ("办结时限(天)", ["办结时限(天)", "办结时限"]),
    "co_departments": ("配合部门", ["配合部门"]),
    "steps": ("说明书", ["说明书", "办理流程", "工作流程"]),
}  # fmt: skip
HEADERS = [label for label, _ in COLUMNS.values()]
REQUIRED = ("matter", "primary_department")
_LOOKUP = {normalise(w): key for key, (_, words) in COLUMNS.items() for w in words}
ALL_WORDS = {"全部", "全部乡镇", "全部乡镇(街道)", "各乡镇(街道)", "各乡镇", "所有乡镇(街道)"}
NONE_WORDS = {"无", "不涉及", "乡镇(街道)不承担", "-", "—"}
YES_WORDS = {"是", "√", "✓", "y", "yes", "乡镇(街道)", "属地"}
NO_WORDS = {"", "否", "×", "n", "no"}
TOWNSHIP_UNITS = {"属地乡镇(街道)", "乡镇(街道)", "属地乡镇", "属地街道", "乡镇"}
_SPLIT = re.compile(r"[、,,;;\n]+")
_STEP = re.compile(
    r"^(?:\d+[.、\uff0e]\s*)?(?P<unit>[^:\uff1a]+)[:\uff1a](?P<action>.+?)"
    r"[(\uff08](?P<hours>\d+)\s*小时[)\uff09]$"
)


def read_rows(path: Path, file_name: str, warnings: list | None = None) -> list[list]:
    """The first sheet's rows, read by the shared safe reader (quanze.core.spreadsheets):
    bounded size and extent, merged ranges spread; formula cells are refused."""
    if Path(file_name).suffix.lower() not in (".xlsx", ".xlsm", ".csv"):
        raise ImportRejected([ImportProblem(file=file_name, message="只能导入 .xlsx 或 .csv 文件")])
    try:
        book = read_spreadsheet(path, file_name, first_sheet_only=True)
    except SpreadsheetError as error:
        raise rejected(file_name, error) from None
    if warnings is not None:
        warnings += book.warnings
    sheet = book.sheets[0] if book.sheets else None
    if sheet is None:
        return []
    if sheet.formulas:
        raise ImportRejected(
            [
                ImportProblem(
                    file=file_name,
                    row=r + 1,
                    column=column_letters(c + 1),
                    message=f"单元格是公式「{formula}」,请改为数值后再导入",
                )
                for (r, c), formula in sorted(sheet.formulas.items())
            ]
        )
    return sheet.rows


def _header(rows, file_name) -> tuple[int, dict]:
    for index, row in enumerate(rows[:15]):
        columns = {}
        for col, value in enumerate(row):
            key = _LOOKUP.get(normalise(text_of(value)))
            if key and key not in columns:
                columns[key] = col
        if all(k in columns for k in REQUIRED):
            return index, columns
    raise ImportRejected(
        [ImportProblem(file=file_name, message="找不到表头:须有「事项名称」和「主体责任部门」列")]
    )


def _departments(county) -> dict:
    out = {}
    for d in Department.objects.filter(division=county):
        for name in (d.name, d.short_name):
            if name:
                out[normalise(name)] = d
    return out


def parse(path, file_name: str, *, county, warnings: list | None = None) -> list[ItemData]:
    """Rows of the file as ItemData, or ImportRejected naming every bad cell; macro and
    external-link warnings are added to `warnings`."""
    rows = read_rows(Path(path), file_name, warnings)
    start, columns = _header(rows, file_name)
    depts = _departments(county)
    towns = {
        normalise(t.name): t
        for t in Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP)
    }
    problems, out = [], []
    for index in range(start + 1, len(rows)):
        row = rows[index]

        def cell(key, row=row):
            col = columns.get(key)
            text = text_of(row[col]) if col is not None and col < len(row) else ""
            return unescape_formula(text)  # what the export wrote behind an "'"

        if not any(text_of(v) for v in row):
            continue
        n = index + 1

        def problem(key, message, n=n):
            problems.append(
                ImportProblem(file=file_name, row=n, column=COLUMNS[key][0], message=message)
            )

        def dept(key, text):
            found = depts.get(normalise(text))
            if text and found is None:
                problem(key, f"找不到本县部门「{text}」")
            return found

        item = ItemData(
            matter_name=cell("matter"), primary_department=None, field_name=cell("field"),
            synonyms=cell("synonyms"), primary_duty=cell("primary_duty"),
            township_duty=cell("township_duty"), basis=cell("basis"), label=f"第{n}行",
        )  # fmt: skip
        for key in columns:
            if message := control_chars_message(cell(key)):
                problem(key, message)
        if not item.matter_name:
            problem("matter", "不能为空")
        if not cell("primary_department"):
            problem("primary_department", "不能为空")
        item.primary_department = dept("primary_department", cell("primary_department"))
        item.fallback_department = dept("fallback_department", cell("fallback_department"))
        leads = cell("township_primary").strip().lower()
        if leads in YES_WORDS:
            item.township_primary = True
        elif leads not in NO_WORDS:
            problem("township_primary", f"「{cell('township_primary')}」应填「是」或「否」")
        _townships(item, cell("townships"), towns, lambda m: problem("townships", m))
        for key, attr in (("accept_hours", "accept_hours"), ("handle_days", "handle_days")):
            text = cell(key)
            if text:
                try:
                    value = int(float(text))
                    assert value > 0
                    setattr(item, attr, value)
                except (ValueError, AssertionError):
                    problem(key, f"「{text}」不是正整数")
        for part in (p for p in re.split(r"[;;\n]+", cell("co_departments")) if p.strip()):
            name, _, duty = part.replace("\uff1a", ":").partition(":")
            found = dept("co_departments", name.strip())
            if found:
                item.co_departments.append((found, duty.strip()))
        for k, part in enumerate(
            (p for p in re.split(r"[;;\n]+", cell("steps")) if p.strip()), start=1
        ):
            match = _STEP.match(part.strip())
            if not match:
                problem("steps", f"第{k}步「{part.strip()}」应写作「单位:工作内容(N小时)」")
                continue
            unit = match["unit"].strip()
            found = None if unit in TOWNSHIP_UNITS else dept("steps", unit)
            if unit in TOWNSHIP_UNITS or found:
                item.steps.append((found, match["action"].strip(), int(match["hours"])))
        out.append(item)
    if not out and not problems:
        problems.append(ImportProblem(file=file_name, message="文件中没有事项"))
    if problems:
        raise ImportRejected(problems)
    return out


def _townships(item, text, towns, problem) -> None:
    text = text.strip()
    if not text or text in ALL_WORDS:
        item.township_scope = ResponsibilityItem.Scope.ALL
        return
    if text in NONE_WORDS:
        item.township_scope = ResponsibilityItem.Scope.NONE
        return
    item.township_scope = ResponsibilityItem.Scope.NAMED
    for name in (p.strip() for p in _SPLIT.split(text) if p.strip()):
        found = towns.get(normalise(name))
        if found is None:
            problem(f"找不到本县乡镇(街道)「{name}」")
        else:
            item.townships.append(found)


def import_list(
    *, by, version, path, file_name: str, replace: bool = True, warnings: list | None = None
) -> list:
    """Parse the whole file, then write the draft in one transaction (all or nothing)."""
    rows = parse(path, file_name, county=version.responsibility_list.county, warnings=warnings)
    return services.version_set_items(by=by, version=version, rows=rows, replace=replace)


def steps_from_text(text: str, *, county) -> list:
    """Instruction steps typed one per line ("单位:工作内容(N小时)"), for the item form."""
    from django.core.exceptions import ValidationError

    depts, steps, errors = _departments(county), [], []
    for k, line in enumerate((p.strip() for p in re.split(r"[;;\n]+", text or "") if p.strip()), 1):
        match = _STEP.match(line)
        unit = match["unit"].strip() if match else ""
        found = None if unit in TOWNSHIP_UNITS else depts.get(normalise(unit))
        if not match:
            errors.append(f"说明书第{k}步「{line}」应写作「单位:工作内容(N小时)」")
        elif unit not in TOWNSHIP_UNITS and found is None:
            errors.append(f"说明书第{k}步:找不到本县部门「{unit}」")
        else:
            steps.append((found, match["action"].strip(), int(match["hours"])))
    if errors:
        raise ValidationError({"steps": errors})
    return steps


def confirmations_from_text(text: str, *, version) -> list:
    """Lines "单位:事项1、事项2" or "单位:全部" (every matter the unit has a part in)."""
    from django.core.exceptions import ValidationError

    county = version.responsibility_list.county
    depts = _departments(county)
    towns = {normalise(t.name): t for t in Division.objects.filter(parent=county)}
    items = list(
        version.items.select_related("matter").prefetch_related("townships", "co_departments")
    )
    by_name = {i.matter.name: i for i in items}
    out, errors = [], []
    for n, line in enumerate((p.strip() for p in (text or "").splitlines() if p.strip()), 1):
        unit_name, _, rest = line.replace("\uff1a", ":").partition(":")
        unit = depts.get(normalise(unit_name)) or towns.get(normalise(unit_name))
        if unit is None:
            errors.append(f"第{n}行:找不到本县单位「{unit_name.strip()}」")
            continue
        if rest.strip() in ("全部", "全部事项"):
            chosen = [i for i in items if _has_part(i, unit)]
        else:
            names = [p.strip() for p in _SPLIT.split(rest) if p.strip()]
            missing = [m for m in names if m not in by_name]
            if missing:
                errors.append(f"第{n}行:本版清单中没有事项「{missing[0]}」")
            chosen = [by_name[m] for m in names if m in by_name]
        out += [(i, unit, True, "") for i in chosen]
    if errors:
        raise ValidationError({"confirmations": errors})
    return out


def _has_part(item, unit) -> bool:
    if isinstance(unit, Department):
        return unit.pk == item.primary_department_id or any(
            c.department_id == unit.pk for c in item.co_departments.all()
        )
    if item.township_scope == ResponsibilityItem.Scope.ALL:
        return True
    return any(t.pk == unit.pk for t in item.townships.all())
