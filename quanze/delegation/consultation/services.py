"""Consultation rounds (issue 3 item 3): open, answer, remind, close, dispose, meet.

A round freezes when it closes: its items, recipients, opinions and feedback can
no longer change and it cannot be reopened (the next round is opened instead).
The office disposes of the answers of a closed round until the next round opens.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from quanze.core.errors import Conflict, Forbidden, refuses_control_chars
from quanze.core.history import (
    change_record,
    diff_states,
    model_state,
    record_change,
    record_changes,
)
from quanze.delegation import notices
from quanze.delegation.consultation.models import (
    ConsultationRound,
    DepartmentOpinion,
    RoundRecipient,
    TownshipFeedback,
)
from quanze.delegation.eventlog.services import log
from quanze.delegation.permissions import require_office
from quanze.org.roles import is_department_clerk, is_township_clerk

Status = ConsultationRound.Status
OPINION_FIELDS = ["can_delegate", "legal_basis", "method", "difficulty", "training"]
FEEDBACK_FIELDS = ["willing", "reason", "capacity", "capacity_note"]


@transaction.atomic
@refuses_control_chars(title="标题")
def round_open(
    *, by, project, items, departments=None, townships=None, title: str = "", due_on=None, at=None
) -> ConsultationRound:
    """Open the next round for chosen items and recipients.

    `departments` defaults to the departments that hold the chosen items;
    `townships` defaults to every township of the project.
    """
    require_office(by, project)
    items = list(items)
    if not items:
        raise ValidationError({"items": "征求事项:至少选择一项"})
    foreign = [str(i.power) for i in items if i.project_id != project.pk]
    if foreign:
        raise ValidationError({"items": f"征求事项:{'、'.join(foreign[:3])}不属于本项目"})
    if project.rounds.filter(status=Status.OPEN).exists():
        raise ValidationError("上一轮征求意见尚未关闭,不能开启新一轮")
    covered = set(project.townships.values_list("pk", flat=True))
    townships = list(townships) if townships is not None else list(project.townships.all())
    outside = [t.name for t in townships if t.pk not in covered]
    if outside:
        raise ValidationError({"townships": f"征求乡镇:{'、'.join(outside)}不在本项目范围内"})
    if departments is None:
        departments = {i.power.department for i in items if i.power.department_id}
    departments = [d for d in departments if d.division_id == project.county_id]
    if not departments and not townships:
        raise ValidationError("征求对象:至少选择一个部门或乡镇(街道)")
    number = (project.rounds.aggregate(n=Max("number"))["n"] or 0) + 1
    round_ = ConsultationRound.objects.create(
        project=project,
        number=number,
        title=title or f"第{number}轮征求意见",
        due_on=due_on,
        opened_at=at or timezone.now(),
        opened_by=by if by is not None else project.owner,
    )
    round_.items.set(items)
    RoundRecipient.objects.bulk_create(
        [RoundRecipient(round=round_, department=d) for d in departments]
        + [RoundRecipient(round=round_, township=t) for t in townships]
    )
    after = model_state(round_) | {
        "items": len(items),
        "recipients": len(departments) + len(townships),
    }
    record_change(round_, action="create", actor=by, after=after)
    log(
        round_,
        project=project,
        by=by,
        from_state="",
        to_state=Status.OPEN,
        reason=round_.title,
        at=at,
    )
    notices.round_opened(round_)
    return round_


@transaction.atomic
@refuses_control_chars(reason="理由")
def round_close(*, by, round_: ConsultationRound, reason: str = "", at=None) -> ConsultationRound:
    round_ = (
        ConsultationRound.objects.select_for_update().select_related("project").get(pk=round_.pk)
    )
    require_office(by, round_.project)
    if round_.status != Status.OPEN:
        raise ValidationError(f"{round_}已关闭并冻结,不能再次关闭或重新开启")
    round_.status = Status.CLOSED
    round_.closed_at = at or timezone.now()
    round_.closed_by = by if by is not None else round_.project.owner
    round_.save(update_fields=["status", "closed_at", "closed_by"])
    record_change(
        round_,
        action="update",
        actor=by,
        before={"status": Status.OPEN},
        after={"status": Status.CLOSED},
        reason=reason,
    )
    log(
        round_,
        project=round_.project,
        by=by,
        from_state=Status.OPEN,
        to_state=Status.CLOSED,
        reason=reason,
        at=at,
    )
    return round_


def require_open(round_) -> None:
    """Refuse any change to the answers of a closed (frozen) round."""
    if round_.status != Status.OPEN:
        raise ValidationError(f"{round_}已关闭并冻结,意见不能再修改")


def _require_answerer(by, recipient) -> None:
    if by is None:
        return
    if (
        recipient.department_id
        and is_department_clerk(by)
        and by.department_id == recipient.department_id
    ):
        return
    if recipient.township_id and is_township_clerk(by) and by.township_id == recipient.township_id:
        return
    raise Forbidden(f"只有{recipient}的经办人可以填写本单位的反馈")


def recipient_items(recipient):
    """The round's items this recipient answers: a department only its own."""
    items = recipient.round.items.select_related("power__department", "power__power_type")
    if recipient.department_id:
        items = items.filter(power__department_id=recipient.department_id)
    return items.order_by("position")


@transaction.atomic
@refuses_control_chars(rows="答复")
def answers_save(*, by, recipient: RoundRecipient, rows: list[dict], at=None) -> int:
    """Save a recipient's answers for some items of an open round, all or nothing.

    Each row: `item` (ItemAssessment id), `row_version` (the version the answerer
    saw, 0 for a new answer) and the answer fields. Returns how many changed.
    """
    round_ = ConsultationRound.objects.select_for_update().get(pk=recipient.round_id)
    require_open(round_)
    _require_answerer(by, recipient)
    is_dept = recipient.department_id is not None
    model, fields = (
        (DepartmentOpinion, OPINION_FIELDS) if is_dept else (TownshipFeedback, FEEDBACK_FIELDS)
    )
    unit = (
        {"department_id": recipient.department_id}
        if is_dept
        else {"township_id": recipient.township_id}
    )
    allowed = {i.pk: i for i in recipient_items(recipient)}
    existing = {
        a.item_id: a
        for a in model.objects.select_for_update().filter(round=round_, item_id__in=allowed, **unit)
    }
    now = at or timezone.now()
    actor = by if by is not None else round_.opened_by
    errors, new, changed, records = [], [], [], []
    for index, row in enumerate(rows, start=1):
        item = allowed.get(_int(row.get("item")))
        if item is None:
            errors.append(f"第{index}行:事项{row.get('item')}不在本单位本轮的征求范围内")
            continue
        answer = existing.get(item.pk)
        seen = _int(row.get("row_version")) or 0
        if (answer.row_version if answer else 0) != seen:
            raise Conflict(f"事项“{item.power}”的反馈已被他人修改,请刷新后重试")
        target = answer or model(round=round_, item=item, **unit)
        before = model_state(target, fields) if answer else {}
        for name in fields:
            if name in row:
                setattr(target, name, (row[name] or "").strip())
        target.answered_by, target.answered_at = actor, now
        problems = _check(target, fields)
        if problems:
            errors += [f"第{index}行“{item.power}”:{p}" for p in problems]
            continue
        old, after = diff_states(before, model_state(target, fields))
        if answer and not after:
            continue
        if answer:
            target.row_version += 1
            changed.append(target)
        else:
            new.append(target)
        records.append((target, old, after, bool(answer)))
    if errors:
        raise ValidationError(errors)
    model.objects.bulk_create(new, batch_size=1000)
    model.objects.bulk_update(
        changed, [*fields, "answered_by", "answered_at", "row_version"], batch_size=500
    )
    record_changes(
        change_record(
            t, action="update" if upd else "create", actor=by, before=old, after=after, at=now
        )
        for t, old, after, upd in records
    )
    return len(records)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _check(answer, fields) -> list[str]:
    problems = []
    for name in fields:
        field = answer._meta.get_field(name)
        value = getattr(answer, name)
        if field.choices and value not in dict(field.choices):
            problems.append(
                f"{field.verbose_name}:请选择{'/'.join(str(c[1]) for c in field.choices)}"
            )
    if (
        isinstance(answer, TownshipFeedback)
        and answer.willing in ("no", "conditional")
        and not answer.reason
    ):
        problems.append("理由:不同意或有条件同意承接时必须说明理由")
    if (
        isinstance(answer, DepartmentOpinion)
        and answer.can_delegate in ("no", "conditional")
        and not answer.legal_basis
    ):
        problems.append("法律依据:不同意或有条件同意下放时必须写明依据")
    return problems
