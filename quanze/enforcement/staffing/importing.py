"""Import of staffing quotas from .xlsx or .csv, all or nothing.

Layout (one row per unit and kind): 单位 | 编制类型 | 核定编制数 | 实有人数 | 文号 | 事由.
单位 is a township of the county or one of its departments (full or short name); 编制类型
行政编制, 事业编制 or 编外辅助人员. Every row is checked before anything is written; any
problem refuses the file with messages naming the row and the column (第3行“核定编制数”列:…).
The file goes through the shared safe reader (quanze.core.spreadsheets)."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from quanze.core.errors import messages_of
from quanze.core.sheetimport import (
    SheetRejected,
    first_sheet_rows,
    header_columns,
    missing_columns_message,
    missing_labels,
)
from quanze.core.textsafety import control_chars_message, unescape_formula
from quanze.enforcement.staffing import services
from quanze.enforcement.staffing.models import PostKind, StaffingQuota
from quanze.org.models import Department, Division

HEADERS = {
    "unit": ("单位", "单位名称", "乡镇(街道)或部门"),
    "kind": ("编制类型", "编制类别", "类型"),
    "approved": ("核定编制数", "核定编制", "编制数"),
    "filled": ("实有人数", "实有人员", "在编人数"),
    "document_number": ("文号", "批准文号"),
    "reason": ("事由", "说明", "备注"),
}
REQUIRED = ("unit", "kind", "approved", "filled")
LABEL = {key: names[0] for key, names in HEADERS.items()}
KINDS = {label: value for value, label in PostKind.choices} | {
    "行政": PostKind.ADMINISTRATIVE,
    "事业": PostKind.INSTITUTIONAL,
    "编外辅助": PostKind.AUXILIARY,
    "编外": PostKind.AUXILIARY,
    "辅助人员": PostKind.AUXILIARY,
}
MAX_COUNT = 100_000


class QuotasRejected(SheetRejected):
    """The quotas file cannot be imported; nothing was written."""


@dataclass
class ImportResult:
    rows: int
    changed: int
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    line: int
    township: Division | None
    department: Department | None
    kind: str
    approved: int
    filled: int
    document_number: str
    reason: str


def read_rows(path: Path, name: str, warnings: list | None = None) -> list[list]:
    """The first sheet's rows through the safe reader; formula cells are refused."""
    return first_sheet_rows(
        path,
        name,
        rejected=QuotasRejected,
        warnings=warnings,
        suffixes=(".xlsx", ".xlsm", ".xls", ".csv"),
    )


def _columns(header: list) -> dict[str, int]:
    columns = header_columns(header, HEADERS)
    if missing := missing_labels(columns, REQUIRED, HEADERS):
        raise QuotasRejected([missing_columns_message(missing)])
    return columns


def _text(row, columns, key) -> str:
    index = columns.get(key)
    if index is None or index >= len(row) or row[index] is None:
        return ""
    value = row[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unescape_formula(str(value).strip())


def _count(text: str) -> int | None:
    try:
        value = float(text)
    except ValueError:
        return None
    if not value.is_integer() or value < 0 or value > MAX_COUNT:
        return None
    return int(value)


class _Units:
    """The county's townships and departments by name (departments also by short name)."""

    def __init__(self, county: Division):
        self.townships = {
            t.name: t for t in Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP)
        }
        self.departments: dict[str, list[Department]] = {}
        for d in Department.objects.filter(division=county):
            for name in {d.name, d.short_name} - {""}:
                self.departments.setdefault(name, []).append(d)

    def find(self, name: str):
        if name in self.townships:
            return self.townships[name], None, ""
        found = self.departments.get(name, [])
        if len(found) == 1:
            return None, found[0], ""
        if found:
            return None, None, f"「{name}」对应多个部门,请写全称"
        return None, None, f"「{name}」不是本县(市、区)的乡镇(街道)或部门"


def parse(rows: list[list], *, county: Division) -> tuple[list[Row], list[str]]:
    """Check every row: the rows to write and the problems found."""
    start = next((i for i, row in enumerate(rows) if any(str(c or "").strip() for c in row)), None)
    if start is None:
        return [], ["文件:没有内容"]
    columns = _columns(rows[start])
    units, parsed, problems, seen = _Units(county), [], [], {}
    for index in range(start + 1, len(rows)):
        row, line = rows[index], index + 1
        if not any(str(c or "").strip() for c in row):
            continue
        here = []

        def bad(key, message, line=line, here=here):
            here.append(f"第{line}行“{LABEL[key]}”列:{message}")

        values = {key: _text(row, columns, key) for key in HEADERS}
        for key, value in values.items():
            message = control_chars_message(value, multiline=False)
            if message:
                bad(key, message)
        if here:
            problems += here
            continue
        township = department = None
        if not values["unit"]:
            bad("unit", "必填")
        else:
            township, department, message = units.find(values["unit"])
            if message:
                bad("unit", message)
        kind = KINDS.get(values["kind"])
        if kind is None:
            bad("kind", f"「{values['kind']}」不是编制类型(行政编制、事业编制、编外辅助人员)")
        numbers = {}
        for key in ("approved", "filled"):
            numbers[key] = _count(values[key])
            if numbers[key] is None:
                bad(key, f"「{values[key]}」不是0到{MAX_COUNT}之间的整数")
        approved, filled = numbers["approved"], numbers["filled"]
        if approved is not None and filled is not None and filled > approved:
            bad("filled", f"实有人数{filled}多于核定编制数{approved}")
        for key, limit in (("document_number", 100), ("reason", 300)):
            if len(values[key]) > limit:
                bad(key, f"不能超过{limit}个字")
        unit_key = (township or department, kind)
        if not here and unit_key in seen:
            bad("unit", f"与第{seen[unit_key]}行重复(同一单位同一编制类型)")
        if here:
            problems += here
            continue
        seen[unit_key] = line
        parsed.append(
            Row(line, township, department, kind, numbers["approved"], numbers["filled"],
                values["document_number"], values["reason"])
        )  # fmt: skip
    if not parsed and not problems:
        problems.append("文件:没有数据行")
    return parsed, problems


def quotas_import(
    *, by, path: Path, file_name: str, on: date | None = None, dry_run: bool = False
) -> ImportResult:
    """Read, check and (unless dry_run) write every row in one transaction, or nothing."""
    if not (by is not None and by.is_authenticated and by.county_id):
        raise QuotasRejected([services.OFFICE_ONLY])
    services.require_office(by, by.county_id)
    warnings: list[str] = []
    rows, problems = parse(read_rows(path, file_name, warnings), county=by.county)
    if problems:
        raise QuotasRejected(problems)
    changed = 0
    with transaction.atomic():
        for row in rows:
            unit = {"township": row.township} if row.township else {"department": row.department}
            before = (
                StaffingQuota.objects.filter(kind=row.kind, **unit)
                .values_list("approved", "filled")
                .first()
            )
            try:
                services.quota_set(
                    by=by, kind=row.kind, approved=row.approved, filled=row.filled,
                    document_number=row.document_number, reason=row.reason or "导入", on=on,
                    **unit,
                )  # fmt: skip
            except ValidationError as error:
                problems += [
                    f"第{row.line}行“{LABEL['approved']}”列:{m}" for m in messages_of(error)
                ]
                continue
            changed += before != (row.approved, row.filled)
        if problems:
            transaction.set_rollback(True)
            raise QuotasRejected(problems)
        if dry_run:
            transaction.set_rollback(True)
    return ImportResult(rows=len(rows), changed=changed, warnings=warnings)
