"""When the routing is contested: a department sends an event back citing the list, the
township disputes, the establishment office rules (and may correct the list), and an
event nobody takes goes to the fallback department."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Forbidden
from quanze.core.history import record_change
from quanze.dispatch import routing
from quanze.dispatch.machine import transition
from quanze.dispatch.models import Assignment, Dispute, Event
from quanze.dispatch.services import _assign, _assignment, _need, township_side
from quanze.org.roles import is_office

S, R = Event.State, Assignment.Role


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
def dispute_rule(
    *, by, event, responsible, ruling, matter=None, list_corrected=False, expected_version=None
) -> Dispute:
    """裁定: the office names the unit that must act and dispatches to it.

    `responsible` None means the fallback department of the list takes it. Where the
    list was wrong, the office corrects it through the duties pages (a new version);
    `list_corrected` records that it did."""
    _need(is_office(by) and by.county_id == event.county_id, "只有本县编办可以裁定争议")
    if not (ruling or "").strip():
        raise ValidationError({"ruling": "裁定意见:不能为空"})
    dispute = Dispute.objects.select_for_update().filter(event=event, ruled_at=None).last()
    if dispute is None:
        raise ValidationError({"state": "状态:没有待裁定的争议"})
    route = routing.event_route(event=event, matter=matter or event.matter)
    fallback = responsible is None
    department = route.fallback if fallback else responsible
    if department is None:
        raise ValidationError({"responsible": "裁定责任部门:清单未定兜底部门,请指定责任部门"})
    if department.division_id != event.county_id:
        raise ValidationError({"responsible": f"裁定责任部门:「{department}」不是本县部门"})
    now = timezone.now()
    lost = department == dispute.department
    fields = {
        "primary_department": department,
        "routing": route.why,
        "dispatched_at": now,
        "fallback_acted": event.fallback_acted or fallback,
    }
    if matter is not None:
        fields["matter"] = matter
    transition(
        event=event,
        by=by,
        action="rule",
        to=S.DISPATCHED,
        at=now,
        reason=f"{ruling.strip()}(由「{department}」办理)",
        fields=fields,
        data={
            "responsible": str(department),
            "department_lost": lost,
            "list_corrected": bool(list_corrected),
        },
        expected_version=expected_version,
    )
    event.accept_due, event.handle_due = _assign(
        event, route, now, primary=department, primary_role=R.FALLBACK if fallback else R.PRIMARY
    )
    Event.objects.filter(pk=event.pk).update(
        accept_due=event.accept_due, handle_due=event.handle_due
    )
    before = {"ruling": "", "responsible": None}
    dispute.ruled_by, dispute.ruled_at, dispute.ruling = by, now, ruling.strip()
    dispute.responsible, dispute.department_lost = department, lost
    dispute.list_corrected = bool(list_corrected)
    dispute.save(
        update_fields=[
            "ruled_by",
            "ruled_at",
            "ruling",
            "responsible",
            "department_lost",
            "list_corrected",
        ]
    )
    record_change(
        dispute,
        action="rule",
        actor=by,
        before=before,
        after={"ruling": dispute.ruling, "responsible": str(department)},
    )
    return dispute


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
