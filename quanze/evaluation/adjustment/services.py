"""Adjustment projects (动态调整): the establishment office opens one from accepted proposals
or a law change (a list of ChangeSpecs), starts it (the items returned or added go to the
justice bureau's legality review as delegation batches), and completes it once reviewed
(the executive meeting's decision published through delegation, the territorial list and
the catalog changed through their own services, open work handed over, everyone told).

Every service checks who acts and the project's state, writes a log row (who, when, from,
to, why) and a ChangeRecord, and runs in one transaction: a refusal changes nothing."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Conflict, Forbidden, refuses_control_chars
from quanze.core.history import model_state, record_change
from quanze.evaluation.adjustment import carry, delegating, notices
from quanze.evaluation.adjustment.models import AdjustmentChange, AdjustmentLog, AdjustmentProject
from quanze.evaluation.adjustment.specs import ChangeKind, ChangeSpec
from quanze.evaluation.adjustment.validation import check_changes
from quanze.org.models import Division
from quanze.org.roles import is_office

Status = AdjustmentProject.Status
K = ChangeKind
PROJECT_FIELDS = ["title", "origin", "status", "meeting_date", "document_number", "effective_date"]


def require_office(by, county_id: int) -> None:
    """Only the county's establishment office runs adjustment projects."""
    if by is not None and not (is_office(by) and by.county_id == county_id):
        raise Forbidden("只有本县(市、区)编办可以办理动态调整项目")


def _log(project, *, by, from_state: str, reason: str) -> None:
    AdjustmentLog.objects.create(
        project=project,
        at=timezone.now(),
        actor=by if by is not None and by.is_authenticated else None,
        from_state=from_state,
        to_state=project.status,
        reason=reason,
    )


def _move(project, *, by, to: str, reason: str, fields=()) -> AdjustmentProject:
    before = project.status
    project.status = to
    project.row_version += 1
    project.save(update_fields=["status", "row_version", *fields])
    _log(project, by=by, from_state=before, reason=reason)
    record_change(
        project,
        action="update",
        actor=by,
        before={"status": before},
        after={"status": to, **{f: str(getattr(project, f)) for f in fields}},
        reason=reason,
    )
    return project


def _lock(project, expected_row_version=None) -> AdjustmentProject:
    project = AdjustmentProject.objects.select_for_update().get(pk=project.pk)
    if expected_row_version is not None and project.row_version != expected_row_version:
        raise Conflict("该调整项目已被他人修改,请刷新后重试")
    return project


@transaction.atomic
@refuses_control_chars(title="项目名称", origin="来源", changes="调整事项")
def project_open(
    *, actor, county: Division, title: str, origin: str, changes: list[ChangeSpec]
) -> AdjustmentProject:
    """Open a project with one row per change, each checked (all or nothing)."""
    require_office(actor, county.pk)
    errors = {}
    if not (title or "").strip():
        errors["title"] = "项目名称:不能为空"
    elif len(title.strip()) > 200:
        errors["title"] = "项目名称:不能超过200字"
    if len(origin or "") > 100:
        errors["origin"] = "来源:不能超过100字"
    if errors:
        raise ValidationError(errors)
    checked = check_changes(county, list(changes))
    project = AdjustmentProject.objects.create(
        county=county,
        title=title.strip(),
        origin=(origin or "").strip(),
        opened_by=actor if actor is not None else delegating.system_owner(county),
        opened_at=timezone.now(),
    )
    for n, c in enumerate(checked, start=1):
        s = c.spec
        row = AdjustmentChange.objects.create(
            project=project,
            position=n,
            kind=K(s.kind).value,
            power=c.power,
            unit=c.unit,
            unit_before=c.unit_before,
            matter=c.matter,
            effective_from=s.effective_from,
            reason=s.reason.strip(),
            facts=(s.facts or "").strip(),
            source=(s.source or "").strip(),
            articles=list(s.articles),
            basis_before=c.power.legal_basis if c.power is not None else "",
            new_basis=(s.new_basis or "").strip(),
        )
        row.townships.set(c.townships)
    _log(project, by=actor, from_state="", reason=f"立项,{len(checked)}项调整")
    record_change(
        project,
        action="create",
        actor=actor,
        after=model_state(project, PROJECT_FIELDS) | {"changes": len(checked)},
    )
    return project


@transaction.atomic
@refuses_control_chars(new_basis="新法律依据")
def change_set_basis(*, by, change: AdjustmentChange, new_basis: str) -> AdjustmentChange:
    """Fill in the new legal basis of an AMEND_BASIS change before the project is carried out."""
    project = _lock(change.project)
    require_office(by, project.county_id)
    if project.status != Status.OPEN:
        raise ValidationError(f"调整项目当前为“{project.get_status_display()}”,不能再修改")
    change = AdjustmentChange.objects.get(pk=change.pk)
    if change.kind != K.AMEND_BASIS:
        raise ValidationError({"new_basis": "新法律依据:只有依据变更的事项需要填写"})
    if not (new_basis or "").strip():
        raise ValidationError({"new_basis": "新法律依据:不能为空"})
    before = change.new_basis
    change.new_basis = new_basis.strip()
    change.save(update_fields=["new_basis"])
    record_change(
        change,
        action="update",
        actor=by,
        before={"new_basis": before},
        after={"new_basis": change.new_basis},
    )
    return change


@transaction.atomic
def project_start(
    *, by, project: AdjustmentProject, mode: str = "entrustment", expected_row_version=None
) -> AdjustmentProject:
    """已立项 → 合法性审核中: the items returned or added become delegation batches sent to
    the justice bureau (one per direction and set of townships)."""
    project = _lock(project, expected_row_version)
    require_office(by, project.county_id)
    if project.status != Status.OPEN:
        raise ValidationError(f"调整项目当前为“{project.get_status_display()}”,不能再启动")
    carry.require_ready(project)
    batches = delegating.batches_open(by=by, project=project, mode=mode)
    if not batches:
        raise ValidationError("本项目没有收回或新增赋权的事项,无需合法性审核,请直接完成调整")
    _move(project, by=by, to=Status.IN_REVIEW, reason=f"提交合法性审核{len(batches)}批")
    notices.started(project)
    return project


@transaction.atomic
@refuses_control_chars(document_number="文号")
def project_complete(
    *,
    by,
    project: AdjustmentProject,
    meeting_date: date,
    document_number: str,
    effective_date: date,
    fine_return_share="0",
    expected_row_version=None,
) -> AdjustmentProject:
    """Carry every change out (see the module doc) → 已完成. `fine_return_share` is the
    decision's share of fines returned to townships for items newly delegated."""
    project = _lock(project, expected_row_version)
    require_office(by, project.county_id)
    errors = {}
    if project.status not in (Status.OPEN, Status.IN_REVIEW):
        raise ValidationError(f"调整项目当前为“{project.get_status_display()}”,不能再实施")
    if not (document_number or "").strip():
        errors["document_number"] = "文号:不能为空"
    if meeting_date is None:
        errors["meeting_date"] = "常务会日期:不能为空"
    if effective_date is None:
        errors["effective_date"] = "生效日期:不能为空"
    elif meeting_date is not None and effective_date < meeting_date:
        errors["effective_date"] = "生效日期:不能早于常务会日期"
    if errors:
        raise ValidationError(errors)
    if project.status == Status.OPEN and delegating.needs_review(project):
        raise ValidationError("本项目有收回或新增赋权的事项,须先启动并经合法性审核")
    carry.require_ready(project)
    project.meeting_date, project.document_number = meeting_date, document_number.strip()
    project.effective_date = effective_date
    carry.carry_out(by=by, project=project, fine_return_share=fine_return_share)
    project.completed_at = timezone.now()
    project.notices_sent = notices.completed(project)
    _move(
        project,
        by=by,
        to=Status.DONE,
        reason=f"常务会审议通过,{project.document_number}",
        fields=(
            "meeting_date",
            "document_number",
            "effective_date",
            "completed_at",
            "notices_sent",
        ),
    )
    return project


@transaction.atomic
@refuses_control_chars(reason="理由")
def project_cancel(*, by, project: AdjustmentProject, reason: str) -> AdjustmentProject:
    """已立项 → 已撤销 (nothing was carried out yet)."""
    project = _lock(project)
    require_office(by, project.county_id)
    if project.status != Status.OPEN:
        raise ValidationError(
            f"调整项目当前为“{project.get_status_display()}”,只有已立项的项目可以撤销"
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": "理由:撤销项目必须说明理由"})
    return _move(project, by=by, to=Status.CANCELLED, reason=reason.strip())
