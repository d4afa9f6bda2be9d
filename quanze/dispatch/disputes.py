"""When the routing is contested: a department sends an event back citing the list, the
township disputes, the establishment office rules (and may correct the list), and an
event nobody takes goes to the fallback department."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Forbidden
from quanze.dispatch import routing
from quanze.dispatch.machine import transition
from quanze.dispatch.models import Assignment, Dispute, Event
from quanze.dispatch.services import _assign, _assignment, _need, township_side
from quanze.org.roles import is_office

S, R = Event.State, Assignment.Role

# Ruling a dispute lives in rulings.py; the name stays importable from here.
from quanze.dispatch.rulings import dispute_rule  # noqa: E402, F401


def _cited_route(*, event, department, matter, version_id):
    """The citation must be the list version in force that day, and that version must give
    the matter to another unit than the one sending back."""
    if matter is None or not version_id:
        raise ValidationError(
            {"citation": "退回依据:必须引用清单(清单版本和事项),说明应由哪个单位承担"}
        )
    route = routing.event_route(event=event, matter=matter)
    if route.why.get("version_id") != int(version_id):
        raise ValidationError(
            {
                "citation": f"退回依据:事发当日适用的是「{route.why['list']}」第{route.why['version']}版,"
                "引用的版本不适用"
            }
        )
    if route.primary == department:
        raise ValidationError(
            {
                "citation": f"退回依据:「{route.why['list']}」第{route.why['version']}版规定"
                f"「{matter}」由本部门承担主体责任,不能退回"
            }
        )
    return route


@transaction.atomic
def event_send_back(*, by, event, reason, matter, version_id, expected_version=None) -> Event:
    """退回: the department says the list gives this to another unit, and cites it."""
    assignment = _assignment(by, event, R.PRIMARY)
    if not (reason or "").strip():
        raise ValidationError({"reason": "退回理由:不能为空"})
    route = _cited_route(
        event=event, department=assignment.department, matter=matter, version_id=version_id
    )
    citation = {
        "version_id": int(version_id),
        "list": route.why["list"],
        "version": route.why["version"],
        "matter_id": matter.pk,
        "matter": str(matter),
        "primary": str(route.primary),
    }
    event = transition(
        event=event,
        by=by,
        action="send_back",
        to=S.SENT_BACK,
        reason=f"{reason.strip()}(依据「{citation['list']}」第{citation['version']}版「{matter}」,"
        f"主体责任单位为「{route.primary}」)",
        data={"citation": citation},
        expected_version=expected_version,
    )
    Assignment.objects.filter(pk=assignment.pk).update(sent_back=True, active=False)
    return event


@transaction.atomic
def event_dispute(*, by, event, reason, expected_version=None) -> Dispute:
    """争议: the township holds that the department that sent the event back must take it."""
    _need(township_side(by, event), "只有事发乡镇(街道)可以提出争议")
    if not (reason or "").strip():
        raise ValidationError({"reason": "争议理由:不能为空"})
    last = event.assignments.filter(sent_back=True).order_by("-assigned_at", "-id").first()
    if last is None:
        raise ValidationError({"state": "状态:没有被退回的派发,无可争议"})
    transition(
        event=event,
        by=by,
        action="dispute",
        to=S.DISPUTED,
        reason=reason,
        expected_version=expected_version,
    )
    return Dispute.objects.create(
        event=event,
        department=last.department,
        raised_by=by,
        raised_at=timezone.now(),
        reason=reason.strip(),
    )


@transaction.atomic
def event_fallback(*, by, event, reason, expected_version=None) -> Event:
    """兜底: an overdue or refused event goes to the list's fallback department."""
    if not (is_office(by) and by.county_id == event.county_id):
        raise Forbidden("只有本县编办可以交兜底部门办理")
    route = routing.event_route(event=event)
    if route.fallback is None:
        raise ValidationError({"state": "状态:清单未定兜底部门"})
    now = timezone.now()
    transition(
        event=event,
        by=by,
        action="fallback",
        to=S.DISPATCHED,
        at=now,
        reason=reason or f"交兜底部门「{route.fallback}」办理",
        fields={
            "primary_department": route.fallback,
            "fallback_acted": True,
            "routing": route.why,
            "dispatched_at": now,
        },
        expected_version=expected_version,
    )
    event.accept_due, event.handle_due = _assign(
        event, route, now, primary=route.fallback, primary_role=R.FALLBACK
    )
    Event.objects.filter(pk=event.pk).update(
        accept_due=event.accept_due, handle_due=event.handle_due
    )
    return event
