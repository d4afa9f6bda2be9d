"""Comparing parsed records with the database: what would be created, updated, kept.

Nothing here writes. The same function plans the dry run and, inside the write
transaction, the real run, so both always agree.
"""

import re
from dataclasses import dataclass, field

from quanze.catalog.catalogs.models import Catalog, CatalogVersion
from quanze.catalog.importing import lookups
from quanze.catalog.importing.guard import guard, may_confirm_shared, other_catalogs
from quanze.catalog.importing.problems import ImportPlan, ImportProblem
from quanze.catalog.importing.rows import Parsed, Record
from quanze.catalog.powers.models import Power
from quanze.org.roles import is_department_clerk, is_office

# Model fields an import sets from text columns of the same key.
TEXT_FIELDS = [
    "name",
    "sub_name",
    "exercise_level",
    "legal_basis",
    "duties",
    "duties_basis",
    "accountability",
    "accountability_scope",
    "undertaking_unit",
    "notes",
]
FK_FIELDS = ["power_type", "field", "department"]
LOADED = ["id", "code", "parent_id", "extra", *TEXT_FIELDS, *(f"{k}_id" for k in FK_FIELDS)]


@dataclass
class Target:
    """What one record should become: an existing power (power_id) or a new one."""

    record: Record
    code: str
    power_id: int | None
    data: dict  # field name -> wanted value (FKs as ids, or a name to create; parent as row)
    changes: list[tuple[str, object, object]] = field(default_factory=list)
    set_kind: str = ""


@dataclass
class Resolution:
    plan: ImportPlan
    problems: list[ImportProblem]
    targets: list[Target]
    fields: list[str]  # model fields the file speaks for
    existing: dict[int, dict]
    entries_same: bool = False  # the file lists exactly the latest version's entries
    # merge mode: the latest version's entries the file does not list, kept after its rows
    kept_entries: list = field(default_factory=list)


def _existing(owner) -> dict[int, dict]:
    return {row["id"]: row for row in Power.objects.filter(owner=owner).values(*LOADED)}


def _base_version(catalog: Catalog):
    versions = catalog.versions.order_by("-number")
    return versions.filter(status=CatalogVersion.Status.DRAFT).first() or versions.first()


class Context:
    """What planning one file reads from the database, for one catalog: the lookups of
    names, the owner's powers, the catalog's base version and its entries. `many.py`
    builds one for a batch of files with a constant number of queries (`BatchContext`)."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self._types = None

    def types(self):
        if self._types is None:
            self._types = lookups.power_types()
        return self._types

    def departments(self, owner):
        return lookups.departments(owner)

    def fields(self):
        return lookups.fields()

    def existing(self, owner) -> dict[int, dict]:
        return _existing(owner)

    def base(self, catalog):
        """(base version or None, its entries as (power id, set kind) in order)."""
        base = _base_version(catalog)
        if base is None:
            return None, []
        return base, list(base.entries.order_by("position").values_list("power_id", "set_kind"))

    def removed_rows(self, ids: list[int]) -> list[dict]:
        return [
            dict(r) for r in Power.objects.filter(pk__in=ids).values("code", "name", "sub_name")
        ]

    def shown_elsewhere(self, catalog, power_ids) -> dict[int, list[str]]:
        return other_catalogs(catalog, power_ids)


class _Codes:
    """Deterministic codes for new powers the file gives none: 370124-CF-0001 …"""

    def __init__(self, owner, taken: set[str]):
        self.stem = owner.code[:6]
        self.taken = taken
        self.next: dict[str, int] = {}
        pattern = re.compile(rf"^{re.escape(self.stem)}-([A-Z]+)-(\d+)$")
        for code in taken:
            match = pattern.match(code)
            if match:
                prefix, seq = match.group(1), int(match.group(2))
                self.next[prefix] = max(self.next.get(prefix, 1), seq + 1)

    def new(self, prefix: str) -> str:
        prefix = prefix or "QT"
        seq = self.next.get(prefix, 1)
        while (code := f"{self.stem}-{prefix}-{seq:04d}") in self.taken:
            seq += 1
        self.next[prefix] = seq + 1
        self.taken.add(code)
        return code


MODES = {"merge": "新增/更新", "replace": "替换"}


def resolve(
    *,
    catalog: Catalog,
    parsed: Parsed,
    create_departments: bool,
    by=None,
    mode: str = "merge",
    update_shared: bool = False,
    context: Context | None = None,
) -> Resolution:
    context = context or Context(catalog)
    owner = catalog.owner
    sheets = [t.sheet for t in parsed.tables]
    plan = ImportPlan(rows=len(parsed.records), sheet="、".join(s for s in sheets if s), mode=mode)
    plan.warnings = list(parsed.warnings)
    plan.effective_date = parsed.effective_date.isoformat() if parsed.effective_date else ""
    problems = list(parsed.problems)
    file = parsed.file
    types, depts = context.types(), context.departments(owner)
    known_fields = context.fields()
    type_names = {t.pk: t.name for t in types.values()}
    dept_names = {d.pk: d.name for d in depts.values()}
    field_names = {f.pk: f.name for f in known_fields.values()}
    existing = context.existing(owner)
    by_code = {p["code"]: pid for pid, p in existing.items()}
    by_name = {}
    for pid, p in sorted(existing.items()):
        by_name.setdefault((p["name"], p["sub_name"]), pid)
    codes = _Codes(owner, set(by_code) | {r.values.get("code", "") for r in parsed.records})
    speaks = [f for f in TEXT_FIELDS + FK_FIELDS if f in parsed.keys]
    if any(t.header.extra for t in parsed.tables):
        speaks.append("extra")
    if "sub_name" in parsed.keys:
        speaks.append("parent")

    def problem(record: Record, key: str, message: str) -> None:
        table = record.table
        problems.append(
            ImportProblem(table.sheet, record.row, table.header.label(key), message, file)
        )

    if mode not in MODES:
        problems.append(ImportProblem("", None, "", "导入方式:请选择“新增/更新”或“替换”", file))
    if update_shared and not may_confirm_shared(by, catalog):
        problems.append(
            ImportProblem(
                "", None, "", "只有本县编办可以确认修改其他目录中的事项或其实施部门", file
            )
        )
    if not parsed.records and not parsed.problems:
        problems.append(ImportProblem(sheets[0], None, "", "文件中没有可导入的数据行", file))
    base, old_entries = context.base(catalog)
    old_kinds = dict(old_entries)
    targets: list[Target] = []
    seen_power: dict[int, Record] = {}
    seen_name: dict[tuple[str, str], Record] = {}
    by_record: dict[int, Target] = {}  # id(record) -> its target
    for record in parsed.records:
        values, keys = record.values, record.keys
        data: dict = {f: values[f] for f in TEXT_FIELDS if f in keys}
        type_text = values.get("power_type", "")
        power_type = types.get(lookups.type_key(type_text))
        if not type_text:
            problem(record, "power_type", "职权类型不能为空")
        elif power_type is None:
            problem(record, "power_type", f"未知的职权类型“{type_text}”")
        else:
            data["power_type"] = power_type.pk
        if "department" in keys:
            name = values.get("department", "")
            dept = depts.get(name) or depts.get(lookups.dept_key(name))
            if dept is not None or not name:
                data["department"] = dept.pk if dept else None
            elif create_departments:
                data["department"] = name
                if name not in plan.new_departments:
                    plan.new_departments.append(name)
            else:
                problem(
                    record,
                    "department",
                    f"未知的实施部门“{name}”(本县没有该部门;可选择自动新建部门)",
                )
        if "field" in keys:
            name = values.get("field", "")
            known = known_fields.get(name)
            data["field"] = known.pk if known else (name or None)
            if name and not known and name not in plan.new_fields:
                plan.new_fields.append(name)
        if record.table.header.extra:
            data["extra"] = record.extra
        if "sub_name" in keys and (record.is_main or record.parent):
            # A 子项 row with no 主项 row in the file leaves the power's parent alone.
            data["parent"] = record.parent
        code = values.get("code", "")
        pid = (
            by_code.get(code)
            if code
            else by_name.get((values.get("name", ""), values.get("sub_name", "")))
        )
        if not code:
            name_key = (values.get("name", ""), values.get("sub_name", ""))
            if name_key in seen_name:
                problem(
                    record,
                    "name",
                    f"事项名称与{_other(seen_name[name_key], record)}相同且都未填事项编码,无法区分",
                )
            seen_name[name_key] = record
            code = (
                existing[pid]["code"] if pid else codes.new(power_type.prefix if power_type else "")
            )
        if pid is not None:
            if pid in seen_power:
                problem(
                    record, "code", f"与{_other(seen_power[pid], record)}是同一事项(编码{code})"
                )
            seen_power[pid] = record
        kind = record.set_kind if record.set_kind is not None else old_kinds.get(pid, "")
        target = Target(record, code, pid, data, set_kind=kind)
        by_record[id(record)] = target
        targets.append(target)
    names = {"power_type": type_names, "department": dept_names, "field": field_names}
    for target in targets:
        _compare(target, existing, names, by_record, plan)
    guard(
        catalog=catalog,
        targets=targets,
        plan=plan,
        update_shared=update_shared,
        shown=context.shown_elsewhere,
    )
    _check_rights(by, targets, existing, plan, problem)
    listed = {t.power_id for t in targets if t.power_id}
    removed = [pid for pid, _ in old_entries if pid not in listed]
    plan.would_remove = len(removed)
    if mode == "replace":
        plan.removed = context.removed_rows(removed)
    resolution = Resolution(plan, problems, targets, speaks, existing)
    resolution.kept_entries = [] if mode == "replace" else [
        (pid, kind) for pid, kind in old_entries if pid not in listed
    ]  # fmt: skip
    resolution.entries_same = (
        base is not None
        and not plan.created
        and [(t.power_id, t.set_kind) for t in targets] + resolution.kept_entries == old_entries
    )
    return resolution


def _check_rights(by, targets, existing, plan, problem) -> None:
    """The same rules as services.power_create/power_update, row by row: the office writes
    any power of its county, a department clerk only its own department's, nobody else any."""
    if by is None or is_office(by):
        return
    if plan.new_departments:
        problem(targets[0].record, "department", "只有编办可以新建部门")
    own = by.department_id if is_department_clerk(by) else None
    for target in targets:
        if target.power_id is not None and not target.changes:
            continue
        if own is None:
            problem(target.record, "name", "乡镇(街道)经办人不能新建或修改权力事项,请联系编办")
            continue
        old = existing.get(target.power_id, {})
        dept = target.data.get("department", old.get("department_id"))
        if dept != own or old.get("department_id", own) != own:
            problem(target.record, "department", "部门经办人只能新建或修改本部门的权力事项")


def _text(value, names: dict | None) -> str:
    if value is None:
        return ""
    if names is not None and isinstance(value, int):
        return names.get(value, str(value))
    return value if isinstance(value, str) else str(value)


def _other(first: Record, record: Record) -> str:
    """Where an earlier row is, said from the row that repeats it."""
    return f"第{first.row}行" if first.table is record.table else first.where


def _compare(target: Target, existing: dict, names: dict, by_record: dict, plan) -> None:
    data = target.data
    summary = {
        "row": target.record.row,
        "code": target.code,
        "name": data.get("name", target.record.values.get("name", "")),
        "sub_name": data.get("sub_name", ""),
        "power_type": target.record.values.get("power_type", ""),
    }
    if target.power_id is None:
        plan.created.append(summary)
        return
    old = existing[target.power_id]
    for key, wanted in data.items():
        if key == "parent":
            parent = by_record.get(id(wanted)) if wanted else None
            if parent is None:
                if old["parent_id"] is not None:
                    target.changes.append(("parent", str(old["parent_id"]), ""))
            elif parent.power_id is None or parent.power_id != old["parent_id"]:
                target.changes.append(("parent", old["parent_id"] or "", parent.code))
            continue
        if key in FK_FIELDS:
            current = old[f"{key}_id"]
            if current != wanted:
                target.changes.append((key, _text(current, names[key]), _text(wanted, names[key])))
        elif old[key] != wanted:
            target.changes.append((key, old[key], wanted))
    if target.changes:
        plan.updated.append((summary, target.changes))
    else:
        plan.unchanged += 1
