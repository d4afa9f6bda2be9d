"""The event state machine at work: the one helper every transition goes through (check the
state against `states.ACTIONS`, conditional update, one log row)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Conflict, refuses_control_chars
from quanze.dispatch.events.models import Event, EventLog
from quanze.dispatch.events.states import ACTIONS


def unit_of(user) -> str:
    """The acting unit's name for the log: department, township or county; 系统 for no user."""
    if user is None:
        return "系统"
    unit = user.department or user.township or user.county
    return str(unit) if unit else ""


def check_state(event: Event, action: str) -> None:
    """Refuse the action unless the event is in a state it may start from."""
    label, allowed = ACTIONS[action]
    if event.state not in allowed:
        raise ValidationError(
            {"state": f"状态:事件当前为「{Event.State(event.state).label}」,不能{label}"}
        )


@transaction.atomic
@refuses_control_chars(reason="理由", fields="内容", data="内容")
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
