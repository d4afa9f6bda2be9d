"""The office's side of a round: dispositions of answers, meetings, reminders."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Conflict, messages_of, refuses_control_chars
from quanze.core.history import diff_states, model_state, record_change
from quanze.delegation import notices
from quanze.delegation.consultation.models import (
    DepartmentOpinion,
    Disposition,
    Meeting,
    Reminder,
    RoundRecipient,
    TownshipFeedback,
)
from quanze.delegation.consultation.selectors import recipient_progress
from quanze.delegation.consultation.services import require_open
from quanze.delegation.permissions import require_office


@transaction.atomic
@refuses_control_chars(reason="理由", opinion="意见", feedback="反馈")
def disposition_save(
    *,
    by,
    outcome: str,
    reason: str = "",
    opinion=None,
    feedback=None,
    expected_row_version: int = 0,
    at=None,
) -> Disposition:
    """The office's disposition of one answer; allowed until the next round opens."""
    answer = opinion or feedback
    round_ = answer.round
    require_office(by, round_.project)
    if round_.project.rounds.filter(number__gt=round_.number).exists():
        raise ValidationError(f"{round_}之后已开启新一轮征求意见,本轮意见的处理不能再修改")
    current = (
        Disposition.objects.select_for_update().filter(opinion=opinion, feedback=feedback).first()
    )
    if (current.row_version if current else 0) != expected_row_version:
        raise Conflict("该意见的处理已被他人修改,请刷新后重试")
    errors = {}
    if outcome not in Disposition.Outcome.values:
        errors["outcome"] = "处理结果:请选择采纳、部分采纳或不采纳"
    elif outcome != Disposition.Outcome.ADOPTED and not reason.strip():
        errors["reason"] = "理由:部分采纳或不采纳时必须说明理由"
    if errors:
        raise ValidationError(errors)
    target = current or Disposition(opinion=opinion, feedback=feedback)
    before = model_state(target, ["outcome", "reason"]) if current else {}
    target.outcome, target.reason = outcome, reason.strip()
    target.decided_by = by if by is not None else round_.project.owner
    target.decided_at = at or timezone.now()
    if current:
        target.row_version += 1
    target.save()
    old, new = diff_states(before, model_state(target, ["outcome", "reason"]))
    record_change(target, action="update" if current else "create", actor=by, before=old, after=new)
    return target


@transaction.atomic
@refuses_control_chars(title="会议名称", attendees="参会人员", agreed="议定事项", items="议定事项")
def meeting_record(
    *, by, project, held_on, title: str, attendees: str, agreed: str, items=(), round_=None
) -> Meeting:
    require_office(by, project)
    errors = {}
    for name, value in (("title", title), ("attendees", attendees), ("agreed", agreed)):
        if not value.strip():
            errors[name] = f"{Meeting._meta.get_field(name).verbose_name}:不能为空"
    items = list(items)
    if any(i.project_id != project.pk for i in items):
        errors["items"] = "涉及事项:只能选择本项目的事项"
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        project=project,
        round=round_,
        held_on=held_on,
        title=title.strip(),
        attendees=attendees.strip(),
        agreed=agreed.strip(),
        recorded_by=by if by is not None else project.owner,
    )
    meeting.items.set(items)
    record_change(
        meeting, action="create", actor=by, after=model_state(meeting) | {"items": len(items)}
    )
    return meeting


@transaction.atomic
@refuses_control_chars(message="提醒内容")
def reminder_send(*, by, recipient: RoundRecipient, message: str = "", at=None) -> Reminder:
    """Record a reminder to a recipient that still has items outstanding, and notify the
    recipient unit's users (in-app and by e-mail; see delegation/notices.py)."""
    round_ = recipient.round
    require_office(by, round_.project)
    require_open(round_)
    progress = recipient_progress(round_, recipients=[recipient])[0]
    if progress.outstanding == 0:
        raise ValidationError(f"{recipient}已全部反馈,无需提醒")
    reminder = Reminder.objects.create(
        recipient=recipient,
        message=message.strip()
        or f"请于{round_.due_on or '近日'}前反馈{round_}尚未反馈的{progress.outstanding}项意见",
        outstanding=progress.outstanding,
        sent_by=by if by is not None else round_.project.owner,
        sent_at=at or timezone.now(),
    )
    record_change(reminder, action="create", actor=by, after=model_state(reminder))
    reminder.notified = len(notices.reminder_sent(reminder))  # users told (not stored)
    return reminder


@transaction.atomic
def dispositions_save_many(
    *, by, recipient: RoundRecipient, versions: dict[int, int], outcome: str, reason: str = ""
) -> list[Disposition]:
    """批量处理: the same disposition for the ticked answers of one recipient (answer id ->
    the disposition row_version the page showed, 0 for none yet), each through
    `disposition_save`, all or none; an error names the item."""
    require_office(by, recipient.round.project)
    if not versions:
        raise ValidationError("批量处理:请先勾选意见")
    model, key = (
        (DepartmentOpinion, "opinion")
        if recipient.department_id
        else (TownshipFeedback, "feedback")
    )
    unit = (
        {"department_id": recipient.department_id}
        if recipient.department_id
        else {"township_id": recipient.township_id}
    )
    answers = model.objects.select_related("item__power", "round__project").filter(
        round_id=recipient.round_id, pk__in=list(versions), **unit
    )
    found = {a.pk: a for a in answers}
    done = []
    for pk, version in versions.items():
        answer = found.get(pk)
        if answer is None:
            raise ValidationError(f"批量处理:意见{pk}不属于{recipient}的反馈,未处理任何意见")
        try:
            done.append(
                disposition_save(
                    by=by,
                    outcome=outcome,
                    reason=reason,
                    expected_row_version=version,
                    **{key: answer},
                )  # fmt: skip
            )
        except (ValidationError, Conflict) as error:
            text = (
                "；".join(messages_of(error)) if isinstance(error, ValidationError) else str(error)
            )
            raise ValidationError(
                f"批量处理:第{answer.item.position}项“{answer.item.power}”:{text};未处理任何意见"
            ) from None
    return done
