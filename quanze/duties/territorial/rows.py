"""Rows of a territorial list as the form, the import and the scenarios give them, and
the checks every row passes before anything is written."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from quanze.catalog.models import Field
from quanze.duties.territorial.models import Matter, ResponsibilityItem
from quanze.org.models import Department, Division

Scope = ResponsibilityItem.Scope


@dataclass
class ItemData:
    """One matter's row in a draft, as the form, the import and the scenarios give it."""

    matter_name: str
    primary_department: Department
    field_name: str = ""
    synonyms: str = ""
    code: str = ""
    primary_duty: str = ""
    township_scope: str = Scope.ALL
    townships: list = field(default_factory=list)
    township_duty: str = ""
    township_primary: bool = False  # the townships in scope lead in their own area
    powers: list = field(default_factory=list)  # catalog Powers the matter relies on
    fallback_department: Department | None = None
    basis: str = ""
    accept_hours: int = 24
    handle_days: int = 5
    co_departments: list = field(default_factory=list)  # (Department, duty)
    steps: list = field(default_factory=list)  # (Department | None, action, hours); None = township
    label: str = ""  # where the row came from, for messages ("第3行")


def clean_rows(*, county: Division, rows: list[ItemData]) -> None:
    """Check every row before anything is written; one message per bad cell."""
    errors = []
    townships = set(
        Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP).values_list(
            "pk", flat=True
        )
    )
    seen = {}
    for n, row in enumerate(rows, start=1):
        at = row.label or f"第{n}项"
        name = (row.matter_name or "").strip()
        if not name:
            errors.append(f"{at}:事项名称不能为空")
        elif name in seen:
            errors.append(f"{at}:事项名称「{name}」与{seen[name]}重复")
        seen.setdefault(name, at)
        for label, dept in (
            ("主体责任部门", row.primary_department),
            ("兜底牵头部门", row.fallback_department),
        ):
            if dept is not None and dept.division_id != county.pk:
                errors.append(f"{at}:{label}「{dept}」不是本县部门")
        if row.primary_department is None:
            errors.append(f"{at}:主体责任部门不能为空")
        if row.township_primary and row.township_scope == Scope.NONE:
            errors.append(
                f"{at}:乡镇(街道)承担主体责任时,「配合乡镇(街道)」不能选「乡镇(街道)不承担」"
            )
        if row.township_scope not in Scope.values:
            errors.append(f"{at}:配合乡镇(街道)范围无效")
        if row.township_scope == Scope.NAMED and not row.townships:
            errors.append(f"{at}:指定配合乡镇(街道)时须列出至少一个乡镇(街道)")
        for t in row.townships:
            if t.pk not in townships:
                errors.append(f"{at}:「{t}」不是本县的乡镇(街道)")
        if row.accept_hours <= 0 or row.handle_days <= 0:
            errors.append(f"{at}:时限须为正数")
        for dept, _duty in row.co_departments:
            if dept.division_id != county.pk:
                errors.append(f"{at}:配合部门「{dept}」不是本县部门")
        for k, (dept, action, hours) in enumerate(row.steps, start=1):
            if not (action or "").strip():
                errors.append(f"{at}:说明书第{k}步缺少工作内容")
            if not hours or hours <= 0:
                errors.append(f"{at}:说明书第{k}步时限须为正数(小时)")
            if dept is not None and dept.division_id != county.pk:
                errors.append(f"{at}:说明书第{k}步承办部门「{dept}」不是本县部门")
    if errors:
        raise ValidationError(errors)


def matters_for_rows(county, rows) -> dict[str, Matter]:
    fields = {f.name: f for f in Field.objects.all()}
    for name in {r.field_name for r in rows if r.field_name} - set(fields):
        fields[name] = Field.objects.create(name=name)
    existing = {m.name: m for m in Matter.objects.filter(county=county)}
    changed = []
    for row in rows:
        name = row.matter_name.strip()
        matter = existing.get(name)
        wanted = {"field": fields.get(row.field_name), "synonyms": row.synonyms, "code": row.code}
        if matter is None:
            existing[name] = Matter.objects.create(county=county, name=name, **wanted)
            continue
        update = {k: v for k, v in wanted.items() if v and getattr(matter, k) != v}
        if update:
            for k, v in update.items():
                setattr(matter, k, v)
            changed.append(matter)
    if changed:
        Matter.objects.bulk_update(changed, ["field", "synonyms", "code"])
    return existing
