"""Writes of the dispatch loop: confirming an event's matter, dispatching it by the list, and
every step after. Each service checks who acts, then goes through `machine.transition`
(one conditional update, one log row)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Conflict, Forbidden, messages_of, refuses_control_chars
from quanze.dispatch.aggregates.services import kept
from quanze.dispatch.events.machine import transition
from quanze.dispatch.events.models import Assignment, Event
from quanze.dispatch.events.permissions import (
    acting_assignment,
    led_by_township,
    require,
    township_side,
)
from quanze.dispatch.events.selectors import events_visible
from quanze.dispatch.intake.services import PUBLIC_SOURCES
from quanze.dispatch.routing import notices
from quanze.dispatch.routing.selectors import (
    DEFAULT_ACCEPT_HOURS,
    event_route,
    township_admitted,
)
from quanze.dispatch.routing.services import assign_route, lead_unit
from quanze.dispatch.suggestion.selectors import taught
from quanze.org.roles import is_township_clerk

S, R = Event.State, Assignment.Role


def event_confirm_matter(*, by, event, matter, expected_version=None) -> Event:
    require(township_side(by, event), "只有事发乡镇(街道)或编办可以确认事项")
    event_route(event=event, matter=matter)  # the list must know it there and then
    event = transition(
        event=event,
        by=by,
        action="confirm_matter",
        reason=f"确认事项「{matter}」",
        fields={"matter": matter, "matter_confirmed_by": by},
        data={"matter_id": matter.pk},
        expected_version=expected_version,
    )
    # A confirmation, or a correction of the matter, teaches the county's index at once.
    transaction.on_commit(
        lambda: taught(county=event.county, matter_id=matter.pk, text=event.description)
    )
    return event


@transaction.atomic
@refuses_control_chars(township_task="要求属地乡镇(街道)配合的工作")
def event_dispatch(*, by, event, township_task: str = "", expected_version=None) -> Event:
    """派发: route by the list in force on the event's day and tell the units.

    `township_task` gives the township work on the event as well; where the list gives
    the township no part in the matter, that is a duty outside its list (清单之外) and
    is refused unless it was admitted (准入) onto the township's list."""
    require(township_side(by, event), "只有事发乡镇(街道)或编办可以派发")
    route = event_route(event=event)
    township_task = (township_task or "").strip()
    if township_task and not (
        route.township_cooperates or township_admitted(event=event, matter=event.matter)
    ):
        raise ValidationError(
            {
                "township_task": (
                    f"属地配合工作:「{event.matter}」不在「{event.township}」的清单内,"
                    "未经准入不得派发给该乡镇"
                )
            }
        )
    if township_task:
        route.why["township_task"] = township_task
    now = timezone.now()
    lead = lead_unit(route, event.township, by=by)
    route.why["primary_unit"] = str(lead)
    event = transition(
        event=event,
        by=by,
        action="dispatch",
        to=S.DISPATCHED,
        reason=route.why["rule"],
        fields={
            "primary_department": lead,
            "fallback_department": route.fallback,
            "routing": route.why,
            "dispatched_at": now,
            "handled_at": None,
        },
        data={"primary": str(lead), "version_id": route.why["version_id"]},
        expected_version=expected_version,
        at=now,
    )
    event.accept_due, event.handle_due = assign_route(event, route, now, primary=lead)
    Event.objects.filter(pk=event.pk).update(
        accept_due=event.accept_due, handle_due=event.handle_due
    )
    return event


@transaction.atomic
@refuses_control_chars(reason="吹哨事由")
def event_whistle(*, by, event, summons, reason, expected_version=None) -> Event:
    """吹哨: the township summons named departments, each with its own deadline.

    `summons` is a list of (department, handle_due) pairs."""
    require(township_side(by, event), "只有事发乡镇(街道)可以吹哨")
    if not summons:
        raise ValidationError({"departments": "部门:请至少选择一个被召集的部门"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "吹哨事由:不能为空"})
    now = timezone.now()
    for department, due in summons:
        if department.division_id != event.county_id:
            raise ValidationError({"departments": f"部门:「{department}」不是本县部门"})
        if due <= now:
            raise ValidationError({"due": f"时限:「{department}」的报到时限须晚于现在"})
    to = S.DISPATCHED if event.state == S.CALLED else None
    event = transition(
        event=event,
        by=by,
        action="whistle",
        to=to,
        reason=reason,
        fields={"dispatched_at": event.dispatched_at or now},
        data={"summoned": [[d.pk, str(d), due.isoformat()] for d, due in summons]},
        expected_version=expected_version,
        at=now,
    )
    summoned = Assignment.objects.bulk_create(
        Assignment(
            event=event,
            department=d,
            role=R.SUMMONED,
            task=reason,
            assigned_at=now,
            accept_due=min(due, now + timezone.timedelta(hours=DEFAULT_ACCEPT_HOURS)),
            handle_due=due,
        )
        for d, due in summons
    )
    notices.event_assigned(event, summoned)
    return event


def lead_roles(event) -> tuple:
    """Who carries the event through to 办结: the primary (or fallback) department; on an
    event raised by a whistle alone, with no list route, the summoned departments, each
    once it has reported (报到 is its receipt)."""
    lead = (R.PRIMARY, R.FALLBACK)
    if Assignment.objects.filter(event_id=event.pk, active=True, role__in=lead).exists():
        return lead
    return (*lead, R.SUMMONED)


def _accepted(assignment: Assignment, now) -> None:
    seconds = int((now - assignment.assigned_at).total_seconds())
    with kept(assignment.event_id):
        Assignment.objects.filter(pk=assignment.pk).update(
            accepted_at=now, accept_seconds=seconds, accepted_in_time=now <= assignment.accept_due
        )


@transaction.atomic
def event_report(*, by, event, expected_version=None) -> Event:
    """报到: a summoned or cooperating department answers the whistle."""
    assignment = acting_assignment(by, event, R.SUMMONED, R.COOPERATING)
    if assignment.accepted_at:
        raise ValidationError({"state": "状态:本部门已报到"})
    now = timezone.now()
    leads = assignment.role == R.SUMMONED and R.SUMMONED in lead_roles(event)
    event = transition(
        event=event,
        by=by,
        action="report",
        to=S.ACCEPTED if leads and event.state == S.DISPATCHED else None,
        reason="报到",
        at=now,
        expected_version=expected_version,
    )
    _accepted(assignment, now)
    return event


@transaction.atomic
def event_accept(*, by, event, expected_version=None) -> Event:
    assignment = acting_assignment(by, event, R.PRIMARY, R.FALLBACK)
    now = timezone.now()
    event = transition(
        event=event,
        by=by,
        action="accept",
        to=S.ACCEPTED,
        at=now,
        expected_version=expected_version,
    )
    _accepted(assignment, now)
    return event


def event_start(*, by, event, expected_version=None) -> Event:
    acting_assignment(by, event, *lead_roles(event))
    return transition(
        event=event, by=by, action="start", to=S.IN_PROGRESS, expected_version=expected_version
    )


@transaction.atomic
@refuses_control_chars(result="办理结果")
def event_handle(*, by, event, result, expected_version=None) -> Event:
    # The event's row locked before the assignments are read: two handles at once (one
    # department twice, or the last two summoned departments) see each other's times.
    list(Event.objects.select_for_update().filter(pk=event.pk).values_list("pk", flat=True))
    assignment = acting_assignment(by, event, *lead_roles(event))
    if not (result or "").strip():
        raise ValidationError({"result": "办理结果:不能为空"})
    now = timezone.now()
    if assignment.accepted_at is None:
        raise ValidationError({"state": "状态:请先接收(报到)事件,再办结"})
    if assignment.handled_at is not None:
        raise ValidationError({"state": "状态:本部门已办结"})
    # Several summoned departments each handle their part; the event is handled with the last.
    others = event.assignments.filter(
        active=True, role=R.SUMMONED, handled_at__isnull=True
    ).exclude(pk=assignment.pk)
    last = assignment.role != R.SUMMONED or not others.exists()
    event = transition(
        event=event,
        by=by,
        action="handle",
        to=S.HANDLED if last else None,
        reason=result,
        fields={"result": result.strip(), "handled_at": now} if last else {},
        at=now,
        expected_version=expected_version,
    )
    with kept(event):
        Assignment.objects.filter(pk=assignment.pk).update(
            handled_at=now, handle_seconds=int((now - assignment.assigned_at).total_seconds())
        )
    if last:
        notices.event_handled(event, result)
    return event


@refuses_control_chars(comment="评价意见")
def event_feedback(*, by, event, rating, satisfied, comment="", expected_version=None) -> Event:
    """The township (or the office for the caller) confirms and rates the result; an
    unsatisfied answer sends the event back to the department to handle again. Where the
    township's own team handled it, the township does not rate itself: the office does."""
    require(township_side(by, event), "只有事发乡镇(街道)或代反映人的编办可以反馈评价")
    require(
        not (is_township_clerk(by) and led_by_township(event)),
        "本乡镇队伍承办的事件由编办代反映人评价,乡镇(街道)不能评价自己的办理",
    )
    return _feedback(
        by=by, event=event, rating=rating, satisfied=satisfied,
        reason=comment or ("满意" if satisfied else "不满意,退回重办"),
        expected_version=expected_version,
    )  # fmt: skip


@refuses_control_chars(comment="评价意见")
def event_feedback_by_reporter(
    *, event, rating, satisfied, comment="", expected_version=None
) -> Event:
    """The citizen who filed the event on the portal rates the result (the portal proves
    who they are by the request's key): the same feedback as the township's, counted in
    the same satisfaction measures, logged with no actor."""
    require(
        event.source in PUBLIC_SOURCES and event.raised_by_id is None,
        "只有通过公开渠道提交的诉求可由反映人评价",
    )
    verdict = "满意" if satisfied else "不满意,退回重办"
    return _feedback(
        by=None, event=event, rating=rating, satisfied=satisfied,
        reason=f"反映人评价:{verdict}" + (f";{comment}" if comment else ""),
        expected_version=expected_version,
    )  # fmt: skip


def _feedback(*, by, event, rating, satisfied, reason, expected_version) -> Event:
    if rating not in (1, 2, 3, 4, 5):
        raise ValidationError({"rating": "满意度评分:应为1至5分"})
    to = S.FEEDBACK if satisfied else S.IN_PROGRESS
    fields = {"rating": rating, "satisfied": bool(satisfied)}
    with kept(event):  # the rating counts on each of the event's lead assignments
        if not satisfied:
            fields["handled_at"] = None
            event.assignments.filter(active=True, role__in=lead_roles(event)).update(
                handled_at=None, handle_seconds=None
            )
        return transition(
            event=event,
            by=by,
            action="feedback",
            to=to,
            fields=fields,
            reason=reason,
            data={"rating": rating, "satisfied": bool(satisfied)},
            expected_version=expected_version,
        )


def event_close(*, by, event, expected_version=None) -> Event:
    require(township_side(by, event), "只有事发乡镇(街道)或编办可以关闭事件")
    now = timezone.now()
    return transition(
        event=event,
        by=by,
        action="close",
        to=S.CLOSED,
        fields={"closed_at": now},
        at=now,
        expected_version=expected_version,
    )


@transaction.atomic
def events_dispatch_many(*, by, versions: dict[int, int]) -> list[Event]:
    """批量派发: dispatch each chosen event (id -> the row_version the person saw) through
    `event_dispatch`, all or none. An event the user may not see, or one that cannot be
    dispatched, stops the whole batch with a message naming its number; nothing is
    dispatched then (each dispatch's log rows and notices roll back with it)."""
    if not versions:
        raise ValidationError("批量派发:请先勾选要派发的事件")
    found = {e.pk: e for e in events_visible(by).filter(pk__in=list(versions))}
    done = []
    for pk, version in versions.items():
        event = found.get(pk)
        if event is None:
            raise ValidationError(f"批量派发:事件{pk}不存在或无权查看,未派发任何事件")
        name = f"{event.number}(「{event.description[:20]}」)"
        try:
            done.append(event_dispatch(by=by, event=event, expected_version=version))
        except (ValidationError, Conflict, Forbidden) as error:
            text = (
                "；".join(messages_of(error)) if isinstance(error, ValidationError) else str(error)
            )
            raise ValidationError(f"批量派发:{name}{text};未派发任何事件") from None
    return done
