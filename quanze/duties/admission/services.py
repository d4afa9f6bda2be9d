"""Admission (准入): a department files a request to hand a new duty to townships; the
establishment office reviews legality and reasonableness, asks for changes, admits it
(a new published version of the county's territorial list) or refuses it.

States: draft → submitted → (changes_requested → submitted …) → admitted | refused.
Every transition writes one DutiesEvent row and a ChangeRecord.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from quanze.catalog.models import Field
from quanze.core.errors import Conflict, Forbidden, refuses_control_chars
from quanze.core.history import diff_states, model_state, record_change
from quanze.duties import notices
from quanze.duties.admission.models import AdmissionRequest
from quanze.duties.eventlog import log
from quanze.duties.rules import office_of, require_office
from quanze.duties.territorial import services as territorial
from quanze.duties.territorial.models import ResponsibilityItem, ResponsibilityVersion
from quanze.duties.territorial.rows import ItemData
from quanze.org.models import Division
from quanze.org.roles import is_department_clerk

State = AdmissionRequest.State
EDITABLE = (State.DRAFT, State.CHANGES_REQUESTED)
# ChangeRecord.action names (at most 16 characters) of each transition.
ACTIONS = {
    State.SUBMITTED: "submit",
    State.CHANGES_REQUESTED: "request_changes",
    State.ADMITTED: "admit",
    State.REFUSED: "refuse",
}
TEXT_FIELDS = [
    "matter_name", "township_duty", "primary_duty", "reason", "basis", "staff", "funding",
    "equipment",
]  # fmt: skip
OFFICE_ONLY = "只有本县编办可以审核准入申请"  # what a decision by anyone else is told


def _may_file(by, department) -> bool:
    return (
        by is None
        or office_of(by, department.division_id)
        or (is_department_clerk(by) and by.department_id == department.pk)
    )


def _townships(county, townships) -> list:
    bad = [t for t in townships if t.parent_id != county.pk or t.level != Division.Level.TOWNSHIP]
    if bad:
        raise ValidationError({"townships": f"指定乡镇(街道):「{bad[0]}」不是本县的乡镇(街道)"})
    return list(townships)


def _apply(request, *, field_name=None, townships=None, **values) -> None:
    for name in TEXT_FIELDS:
        if name in values:
            setattr(request, name, (values[name] or "").strip())
    if "all_townships" in values:
        request.all_townships = bool(values["all_townships"])
    if field_name is not None:
        request.field = Field.objects.get_or_create(name=field_name)[0] if field_name else None


@transaction.atomic
@refuses_control_chars(AdmissionRequest, field_name="领域")
def admission_create(*, by, department, townships=(), **values) -> AdmissionRequest:
    if not _may_file(by, department):
        raise Forbidden("只有本部门经办人可以提出准入申请")
    county = Division.objects.get(pk=department.division_id)
    request = AdmissionRequest(county=county, department=department)
    request.created_by = by if by is not None and by.is_authenticated else None
    _apply(request, **values)
    if not request.matter_name:
        raise ValidationError({"matter_name": "事项名称:不能为空"})
    request.save()
    request.townships.set(_townships(county, townships))
    log(request, by=by, from_state="", to_state=State.DRAFT)
    record_change(request, action="create", actor=by, after=model_state(request))
    return request


def _lock(request, row_version=None) -> AdmissionRequest:
    locked = AdmissionRequest.objects.select_for_update().get(pk=request.pk)
    if row_version is not None and locked.row_version != int(row_version):
        raise Conflict("该准入申请已被他人修改,请刷新后重试")
    return locked


@transaction.atomic
@refuses_control_chars(AdmissionRequest, field_name="领域")
def admission_update(*, by, request, row_version, townships=None, **values) -> AdmissionRequest:
    if not _may_file(by, request.department):
        raise Forbidden("只有申请部门可以修改准入申请")
    request = _lock(request, row_version)
    if request.state not in EDITABLE:
        raise ValidationError(f"准入申请{request.get_state_display()},不能修改")
    before = model_state(request)
    _apply(request, **values)
    request.row_version += 1
    request.save()
    if townships is not None:
        request.townships.set(_townships(request.county, townships))
    old, new = diff_states(before, model_state(request))
    record_change(request, action="update", actor=by, before=old, after=new)
    return request


def _transition(request, *, by, to, reason="", fields=()) -> AdmissionRequest:
    before = model_state(request)
    from_state = request.state
    request.state = to
    request.row_version += 1
    request.save(update_fields=["state", "row_version", "updated_at", *fields])
    log(request, by=by, from_state=from_state, to_state=to, reason=reason)
    old, new = diff_states(before, model_state(request))
    record_change(request, action=ACTIONS[to], actor=by, before=old, after=new, reason=reason)
    return request


def _check_complete(request) -> None:
    errors = {}
    for name, label in [
        ("township_duty", "乡镇(街道)承担的职责"), ("reason", "申请理由"), ("basis", "法律政策依据"),
        ("staff", "随事转移的人员编制"), ("funding", "随事转移的经费"),
        ("equipment", "随事转移的装备与权限"),
    ]:  # fmt: skip
        if not getattr(request, name).strip():
            errors[name] = f"{label}:不能为空(没有请填写「无」并说明理由)"
    if not request.all_townships and not request.townships.exists():
        errors["townships"] = "指定乡镇(街道):未选择全部乡镇时须指定至少一个乡镇(街道)"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def admission_submit(*, by, request, row_version=None) -> AdmissionRequest:
    if not _may_file(by, request.department):
        raise Forbidden("只有申请部门可以提交准入申请")
    request = _lock(request, row_version)
    if request.state not in EDITABLE:
        raise ValidationError(f"准入申请{request.get_state_display()},不能提交")
    _check_complete(request)
    request = _transition(request, by=by, to=State.SUBMITTED)
    notices.admission_filed(request)
    return request


def _opinions(request, legality, reasonableness) -> list[str]:
    request.legality_opinion = (legality or "").strip()
    request.reasonableness_opinion = (reasonableness or "").strip()
    return ["legality_opinion", "reasonableness_opinion"]


@transaction.atomic
@refuses_control_chars(
    reason="理由", legality_opinion="合法性审核意见", reasonableness_opinion="合理性审核意见"
)
def admission_request_changes(
    *, by, request, reason, legality_opinion="", reasonableness_opinion="", row_version=None
) -> AdmissionRequest:
    require_office(by, request.county_id, OFFICE_ONLY)
    request = _lock(request, row_version)
    if request.state != State.SUBMITTED:
        raise ValidationError(f"准入申请{request.get_state_display()},不能退回修改")
    if not (reason or "").strip():
        raise ValidationError({"reason": "退回理由:不能为空"})
    fields = _opinions(request, legality_opinion, reasonableness_opinion)
    request = _transition(request, by=by, to=State.CHANGES_REQUESTED, reason=reason, fields=fields)
    notices.admission_decided(request, reason)
    return request


@transaction.atomic
@refuses_control_chars(
    reason="理由", legality_opinion="合法性审核意见", reasonableness_opinion="合理性审核意见"
)
def admission_refuse(
    *, by, request, reason, legality_opinion="", reasonableness_opinion="", row_version=None
) -> AdmissionRequest:
    require_office(by, request.county_id, OFFICE_ONLY)
    request = _lock(request, row_version)
    if request.state != State.SUBMITTED:
        raise ValidationError(f"准入申请{request.get_state_display()},不能作出不予准入决定")
    if not (reason or "").strip():
        raise ValidationError({"reason": "不予准入理由:不能为空"})
    fields = _opinions(request, legality_opinion, reasonableness_opinion)
    request = _transition(request, by=by, to=State.REFUSED, reason=reason, fields=fields)
    notices.admission_decided(request, reason)
    return request


def _row(request, existing: ResponsibilityItem | None) -> ItemData:
    """The admitted matter as a list row; an existing item keeps its other units and steps."""
    townships = [] if request.all_townships else list(request.townships.all())
    scope = (
        ResponsibilityItem.Scope.ALL if request.all_townships else ResponsibilityItem.Scope.NAMED
    )
    named_before = (
        existing is not None and existing.township_scope == ResponsibilityItem.Scope.NAMED
    )
    if named_before and not request.all_townships:
        townships = sorted(set(existing.townships.all()) | set(townships), key=lambda t: t.code)
    row = ItemData(
        matter_name=request.matter_name,
        field_name=request.field.name if request.field_id else "",
        primary_department=request.department,
        primary_duty=request.primary_duty,
        township_scope=scope,
        townships=townships,
        township_duty=request.township_duty,
        fallback_department=request.department,
        basis=request.basis,
    )
    if existing is not None:
        row.primary_department = existing.primary_department
        row.fallback_department = existing.fallback_department
        row.primary_duty = existing.primary_duty or request.primary_duty
        row.accept_hours, row.handle_days = existing.accept_hours, existing.handle_days
        row.co_departments = [(c.department, c.duty) for c in existing.co_departments.all()]
        row.steps = [
            (None if s.by_township else s.department, s.action, s.time_limit_hours)
            for s in existing.steps.all()
        ]
    return row


@transaction.atomic
@refuses_control_chars(
    document_number="文号",
    legality_opinion="合法性审核意见",
    reasonableness_opinion="合理性审核意见",
)
def admission_admit(
    *,
    by,
    request,
    effective_date: date,
    document_number: str = "",
    legality_opinion: str = "",
    reasonableness_opinion: str = "",
    row_version=None,
) -> AdmissionRequest:
    """Admit: a new version of the county list carrying the duty is published."""
    require_office(by, request.county_id, OFFICE_ONLY)
    request = _lock(request, row_version)
    if request.state != State.SUBMITTED:
        raise ValidationError(f"准入申请{request.get_state_display()},不能准予准入")
    if not (legality_opinion or "").strip():
        raise ValidationError({"legality_opinion": "合法性审核意见:准入时必须填写"})
    responsibility_list = territorial.list_for_county(by=by, county=request.county)
    if responsibility_list.versions.filter(status=ResponsibilityVersion.Status.DRAFT).exists():
        raise ValidationError("属地清单有未发布的草稿版本;请先发布或处理该草稿,再作准入决定")
    draft = territorial.version_draft(by=by, responsibility_list=responsibility_list)
    existing = (
        draft.items.filter(matter__name=request.matter_name)
        .prefetch_related("townships", "co_departments__department", "steps__department")
        .first()
    )
    territorial.version_set_items(
        by=by, version=draft, rows=[_row(request, existing)], replace=False
    )
    draft = territorial.version_publish(
        by=by,
        version=draft,
        effective_date=effective_date,
        document_number=document_number,
        note=f"准入:{request.matter_name}",
    )
    request.admitted_version = draft
    fields = [*_opinions(request, legality_opinion, reasonableness_opinion), "admitted_version"]
    request = _transition(request, by=by, to=State.ADMITTED, reason=document_number, fields=fields)
    notices.admission_decided(
        request, f"已列入{responsibility_list}({document_number})" if document_number else ""
    )
    return request
