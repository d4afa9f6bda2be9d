"""A township duty list (履行职责事项清单, source 004) as an official .docx and PDF.

The catalog's document machinery lays it out (`quanze.catalog.documents`); this
module only says what the list shows; publishing queues `tasks.render_duty_documents`,
which calls `prerender` here (this module imports neither services nor tasks). As the published lists do, the duties are
grouped by class — 基本权责, 配合权责, 收回上级事项, 新增赋权事项 — each under a
heading with its count and numbered from 1, and the counts are repeated under the
title. The department column names the lead department of a cooperating duty and
the receiving department of a returned one; 备注 carries, for a returned item, why
it went back and how the department takes it over, and for a newly delegated one
the county power it rests on.
"""

from quanze.catalog import documents
from quanze.catalog.documents.model import Columns, ListDocument, group_heading
from quanze.duties.dutylists.models import DutyClass, DutyVersion

COLUMNS = Columns(
    headers=("序号", "事项名称", "类别", "依据", "牵头部门/承接部门", "备注"),
    widths_mm=(10, 62, 24, 76, 35, 60),
    centred=frozenset({0, 2, 4}),
    multiline=frozenset({3, 5}),
)
CLASS_ORDER = [DutyClass.BASIC, DutyClass.COOPERATING, DutyClass.RETURNED, DutyClass.NEW]


def _department(entry) -> str:
    if entry.duty_class == DutyClass.COOPERATING and entry.lead_department_id:
        return entry.lead_department.name
    if entry.duty_class == DutyClass.RETURNED and entry.receiving_department_id:
        return entry.receiving_department.name
    return ""


def _remark(entry) -> str:
    if entry.duty_class == DutyClass.RETURNED:
        parts = [("收回理由", entry.return_reason), ("承接方式", entry.takeover)]
        return "\n".join(f"{label}:{text}" for label, text in parts if text)
    if entry.duty_class == DutyClass.NEW and entry.power_id:
        power = entry.power
        department = f"(原实施部门:{power.department.name})" if power.department_id else ""
        return f"赋权事项:{power.code} {power.name}{department}"
    return ""


def duty_document(version: DutyVersion) -> ListDocument:
    """The version as an official list, in two queries; `version` comes from
    `selectors.access_duty_version`."""
    entries = list(
        version.entries.select_related(
            "lead_department", "receiving_department", "power__department"
        ).order_by("position")
    )
    labels = dict(DutyClass.choices)
    rows, groups, counts = [], [], []
    for duty_class in CLASS_ORDER:
        members = [e for e in entries if e.duty_class == duty_class]
        if not members:
            continue
        label = labels[duty_class]
        groups.append((group_heading(len(groups), label, len(members)), len(members)))
        counts.append(f"{label}{len(members)}项")
        for number, entry in enumerate(members, start=1):
            rows.append(
                [str(number), entry.name, label, entry.basis, _department(entry), _remark(entry)]
            )
    return ListDocument.of_version(
        version,
        title=version.duty_list.name,
        rows=rows,
        columns=COLUMNS,
        groups=tuple(groups),
        breakdown="、".join(counts),
    )


def render(version: DutyVersion, fmt: str) -> tuple[ListDocument, bytes]:
    """The version's document in `fmt` ("docx" or "pdf"); versions past draft are kept."""
    doc = duty_document(version)
    return doc, documents.render_document(doc, fmt, keep=not version.is_draft)


def prerender(version_id: int) -> bool:
    """Render and keep both documents of a version past draft (the task calls this)."""
    version = DutyVersion.objects.select_related("duty_list").filter(pk=version_id).first()
    if version is None or version.is_draft:
        return False
    documents.prerender(duty_document(version))
    return True
