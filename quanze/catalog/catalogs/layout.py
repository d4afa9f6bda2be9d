"""The standard column layout of a list: what export writes, import reads back,
snapshots freeze and diffs compare. One definition serves all four."""

from quanze.catalog.catalogs.models import CatalogEntry

# (key, Chinese header) in export order. `extra` columns follow these.
COLUMNS: list[tuple[str, str]] = [
    ("position", "序号"),
    ("code", "事项编码"),
    ("name", "事项名称"),
    ("sub_name", "子项名称"),
    ("power_type", "职权类型"),
    ("field", "领域"),
    ("department", "实施部门"),
    ("exercise_level", "行使层级"),
    ("legal_basis", "设定依据"),
    ("duties", "责任事项"),
    ("duties_basis", "责任事项依据"),
    ("accountability", "追责情形"),
    ("accountability_scope", "追责对象范围"),
    ("undertaking_unit", "承办机构"),
    ("set_kind", "盘类"),
    ("notes", "备注"),
]
HEADERS = dict(COLUMNS)
# Keys whose values belong to the power (snapshotted); position and set_kind belong to the entry.
POWER_KEYS = [key for key, _ in COLUMNS if key not in ("position", "set_kind")]
SET_KIND_LABELS = {c.value: c.label for c in CatalogEntry.SetKind if c.value}
SET_KIND_BY_LABEL = {label: value for value, label in SET_KIND_LABELS.items()}


def power_data(power) -> dict:
    """The power's fields as text, keyed like COLUMNS (FKs by name); needs related rows loaded."""
    return {
        "code": power.code,
        "name": power.name,
        "sub_name": power.sub_name,
        "power_type": power.power_type.name,
        "field": power.field.name if power.field_id else "",
        "department": power.department.name if power.department_id else "",
        "exercise_level": power.exercise_level,
        "legal_basis": power.legal_basis,
        "duties": power.duties,
        "duties_basis": power.duties_basis,
        "accountability": power.accountability,
        "accountability_scope": power.accountability_scope,
        "undertaking_unit": power.undertaking_unit,
        "notes": power.notes,
        "extra": dict(power.extra or {}),
    }


def entry_data(entry: CatalogEntry) -> dict:
    """What an entry shows: its frozen snapshot once published, the live power before."""
    data = dict(entry.snapshot.data) if entry.snapshot_id else power_data(entry.power)
    data["position"] = entry.position
    data["set_kind"] = entry.set_kind
    return data
