"""The event state machine: which action leads from which states to which, and the one
helper every transition goes through (check, conditional update, one log row)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Conflict
from quanze.dispatch.models import Event, EventLog

S = Event.State
OPEN = (S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS, S.ESCALATED)

# action: (Chinese label, states it may start from)
ACTIONS = {
    "confirm_matter": ("确认事项", (S.CALLED, S.SENT_BACK)),
    "dispatch": ("派发", (S.CALLED, S.SENT_BACK)),
    "whistle": ("吹哨", (S.CALLED, *OPEN)),
    "report": ("报到", (S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS, S.ESCALATED)),
    "accept": ("接收", (S.DISPATCHED, S.ESCALATED)),
    "start": ("开始办理", (S.ACCEPTED, S.ESCALATED)),
    "handle": ("办结", (S.ACCEPTED, S.IN_PROGRESS, S.ESCALATED)),
    "feedback": ("反馈评价", (S.HANDLED,)),
    "close": ("关闭", (S.FEEDBACK,)),
    "send_back": ("退回", (S.DISPATCHED, S.ESCALATED)),
    "dispute": ("提出争议", (S.SENT_BACK,)),
    "rule": ("裁定争议", (S.DISPUTED,)),
    "fallback": ("交兜底部门", (S.ESCALATED, S.SENT_BACK)),
    "escalate": ("超期升级", (S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS)),
}
ACTION_LABELS = {name: label for name, (label, _) in ACTIONS.items()} | {"create": "登记"}


def unit_of(user) -> str:
    if user is None:
        return "系统"
    unit = user.department or user.township or user.county
    return str(unit) if unit else ""


def check_state(event: Event, action: str) -> None:
    label, allowed = ACTIONS[action]
    if event.state not in allowed:
        raise ValidationError(
            {"state": f"状态:事件当前为「{Event.State(event.state).label}」,不能{label}"}
        )


@transaction.atomic
def transition(
    *,
    event: Event,
    by,
    action: str,
    to: str | None = None,
    reason: str = "",
    fields: dict | None = None,
    data: dict | None = None,
    expected_version: int | None = None,
    at=None,
) -> Event:
    """Move the event, or record an action that keeps its state (to=None).

    The row is locked (PostgreSQL) and the update is conditional on the state and
    row_version read, so of two people acting at once exactly one wins; the other
    gets Conflict, whatever the database.
    """
    now = at or timezone.now()
    current = Event.objects.select_for_update().only("state", "row_version").get(pk=event.pk)
    if expected_version is not None and current.row_version != expected_version:
        raise Conflict(
            f"事件已被他人处理,当前状态为「{Event.State(current.state).label}」,请刷新后重试"
        )
    event.state, event.row_version = current.state, current.row_version
    check_state(event, action)
    target = to or current.state
    changes = {"state": target, "row_version": current.row_version + 1, **(fields or {})}
    updated = Event.objects.filter(
        pk=event.pk, state=current.state, row_version=current.row_version
    ).update(**changes)
    if updated != 1:
        raise Conflict("事件已被他人处理,请刷新后重试")
    for name, value in changes.items():
        setattr(event, name, value)
    EventLog.objects.create(
        event=event,
        at=now,
        actor=by,
        unit=unit_of(by),
        action=action,
        from_state=current.state,
        to_state=target,
        reason=reason,
        data=data or {},
    )
    return event
