"""When the routing is contested: a department sends an event back citing the list, the
township disputes, the establishment office rules (and may correct the list), and an
event nobody takes goes to the fallback department.

裁定: the office names the unit that must act, and may in the same ruling correct the
territorial list for the disputed matter (a new version with that one change, published
through quanze.duties.corrections). The event is then routed by the corrected list.
Everything happens in one transaction: a refusal anywhere leaves the event, the dispute
and the list as they were."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Conflict, refuses_control_chars
from quanze.core.history import record_change
from quanze.dispatch.aggregates.services import kept
from quanze.dispatch.disputes.models import Dispute
from quanze.dispatch.events.machine import transition
from quanze.dispatch.events.models import Assignment, Event
from quanze.dispatch.events.permissions import (
    acting_assignment,
    county_office,
    is_township_team,
    require,
    township_side,
)
from quanze.dispatch.routing import notices
from quanze.dispatch.routing.selectors import corrected_route, event_route
from quanze.dispatch.routing.services import assign_route, is_lead, lead_unit
from quanze.duties.corrections import services as corrections
from quanze.duties.territorial import routing as duties_routing

S, R = Event.State, Assignment.Role


def _cited_route(*, event, department, matter, version_id):
    """The citation must be the list version in force that day, and that version must give
    the matter to another unit than the one sending back."""
    if matter is None or not version_id:
        raise ValidationError(
            {"citation": "退回依据:必须引用清单(清单版本和事项),说明应由哪个单位承担"}
        )
    route = event_route(event=event, matter=matter)
    if route.why.get("version_id") != int(version_id):
        raise ValidationError(
            {
                "citation": f"退回依据:事发当日适用的是「{route.why['list']}」第{route.why['version']}版,"
                "引用的版本不适用"
            }
        )
    if is_lead(route, event.township, department):
        who = "本乡镇(街道)" if is_township_team(department, event) else "本部门"
        raise ValidationError(
            {
                "citation": f"退回依据:「{route.why['list']}」第{route.why['version']}版规定"
                f"「{matter}」由{who}承担主体责任,不能退回"
            }
        )
    return route


@transaction.atomic
@refuses_control_chars(reason="退回理由")
def event_send_back(*, by, event, reason, matter, version_id, expected_version=None) -> Event:
    """退回: the department says the list gives this to another unit, and cites it."""
    assignment = acting_assignment(by, event, R.PRIMARY)
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
        "primary": route.why["primary_unit"],
    }
    event = transition(
        event=event,
        by=by,
        action="send_back",
        to=S.SENT_BACK,
        reason=f"{reason.strip()}(依据「{citation['list']}」第{citation['version']}版「{matter}」,"
        f"主体责任单位为「{route.why['primary_unit']}」)",
        data={"citation": citation},
        expected_version=expected_version,
    )
    with kept(event):
        Assignment.objects.filter(pk=assignment.pk).update(sent_back=True, active=False)
    notices.event_sent_back(event, assignment.department, reason.strip())
    return event


@transaction.atomic
@refuses_control_chars(reason="说明")
def event_dispute(*, by, event, reason, expected_version=None) -> Dispute:
    """争议: the township holds that the department that sent the event back must take it."""
    require(township_side(by, event), "只有事发乡镇(街道)可以提出争议")
    if not (reason or "").strip():
        raise ValidationError({"reason": "争议理由:不能为空"})
    last = event.assignments.filter(sent_back=True).order_by("-assigned_at", "-id").first()
    if last is None:
        raise ValidationError({"state": "状态:没有被退回的派发,无可争议"})
    if is_township_team(last.department, event):
        raise ValidationError(
            {"state": "状态:本乡镇队伍退回的事件不能提出争议,请重新确认事项后派发"}
        )
    transition(
        event=event,
        by=by,
        action="dispute",
        to=S.DISPUTED,
        reason=reason,
        expected_version=expected_version,
    )
    dispute = Dispute.objects.create(
        event=event,
        department=last.department,
        raised_by=by,
        raised_at=timezone.now(),
        reason=reason.strip(),
    )
    notices.event_disputed(event, last.department, reason)
    return dispute


@transaction.atomic
@refuses_control_chars(reason="说明")
def event_fallback(*, by, event, reason, expected_version=None) -> Event:
    """兜底: an overdue or refused event goes to the list's fallback department."""
    require(county_office(by, event.county_id), "只有本县编办可以交兜底部门办理")
    route = event_route(event=event)
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
    event.accept_due, event.handle_due = assign_route(
        event, route, now, primary=route.fallback, primary_role=R.FALLBACK
    )
    Event.objects.filter(pk=event.pk).update(
        accept_due=event.accept_due, handle_due=event.handle_due
    )
    return event


def _open_dispute(event, expected_version) -> Dispute:
    """Lock the event and its open dispute; a dispute already ruled is a Conflict."""
    current = Event.objects.select_for_update().only("state", "row_version").get(pk=event.pk)
    if expected_version is not None and current.row_version != expected_version:
        raise Conflict("事件已被他人处理,请刷新后重试")
    dispute = Dispute.objects.select_for_update().filter(event=event, ruled_at=None).last()
    if dispute is None or current.state != S.DISPUTED:
        ruled = Dispute.objects.filter(event=event).exclude(ruled_at=None).last()
        if ruled is not None:
            at = timezone.localtime(ruled.ruled_at)
            raise Conflict(f"争议已于{at:%Y-%m-%d %H:%M}裁定,不能再次裁定")
        raise ValidationError({"state": "状态:没有待裁定的争议"})
    return dispute


def _correct(*, by, event, matter, responsible, correction, ruling):
    """Correct the list for the disputed matter, then route the event by the new version."""
    corrected = corrections.list_correct(
        by=by,
        county=event.county,
        matter=matter,
        correction=correction,
        reason=f"事件{event.number}争议裁定:{ruling.strip()}",
    )
    route = corrected_route(event=event, matter=matter, version=corrected.version)
    lead = lead_unit(route, event.township, by=by)
    if responsible is not None and responsible != lead:
        raise ValidationError(
            {
                "responsible": f"裁定责任部门:更正后的清单由「{lead}」承担主体责任,"
                f"与所选「{responsible}」不一致(更正清单时可不选)"
            }
        )
    return corrected, route


def _correction_data(corrected) -> dict:
    version = corrected.version
    return {
        "list_id": version.responsibility_list_id,
        "base_version_id": corrected.base.pk,
        "base_version": corrected.base.number,
        "version_id": version.pk,
        "version": version.number,
        "effective_date": str(version.effective_date),
        "changes": corrected.changes,
    }


@refuses_control_chars(ruling="裁定意见", correction="清单更正")
def dispute_rule(
    *,
    by,
    event,
    responsible,
    ruling,
    matter=None,
    list_corrected=False,
    correction=None,
    expected_version=None,
) -> Dispute:
    """裁定: the office names the unit that must act and dispatches to it.

    `responsible` None means the fallback department of the list takes it. Where the list
    was wrong or unclear, `correction` (quanze.duties.corrections.services.Correction) states what
    it must say for the disputed matter: a version with that change only is published and
    the event goes to the unit the corrected list names (`responsible` may then be None or
    must be that unit). Without one, `list_corrected` records that the office corrected
    the list separately on the duties pages."""
    correcting = correction is not None
    try:
        return _rule(
            by=by,
            event=event,
            responsible=responsible,
            ruling=ruling,
            matter=matter,
            list_corrected=list_corrected,
            correction=correction,
            expected_version=expected_version,
        )
    except BaseException:
        if correcting:
            # The routing cache may hold the version that this rollback undid.
            duties_routing.clear_cache()
        raise


@transaction.atomic
def _rule(*, by, event, responsible, ruling, matter, list_corrected, correction, expected_version):
    require(county_office(by, event.county_id), "只有本县编办可以裁定争议")
    if not (ruling or "").strip():
        raise ValidationError({"ruling": "裁定意见:不能为空"})
    dispute = _open_dispute(event, expected_version)
    matter = matter or event.matter
    corrected = None
    if correction is not None:
        corrected, route = _correct(
            by=by,
            event=event,
            matter=matter,
            responsible=responsible,
            correction=correction,
            ruling=ruling,
        )
        responsible = lead_unit(route, event.township, by=by)
    else:
        route = event_route(event=event, matter=matter)
    fallback = responsible is None
    department = route.fallback if fallback else responsible
    if department is None:
        raise ValidationError({"responsible": "裁定责任部门:清单未定兜底部门,请指定责任部门"})
    if department.division_id not in (event.county_id, event.township_id):
        raise ValidationError(
            {"responsible": f"裁定责任部门:「{department}」不是本县部门或事发乡镇(街道)的队伍"}
        )
    now = timezone.now()
    lost = department == dispute.department
    fields = {
        "primary_department": department,
        "routing": route.why,
        "dispatched_at": now,
        "fallback_acted": event.fallback_acted or fallback,
    }
    if matter != event.matter:
        fields["matter"] = matter
    data = {
        "responsible": str(department),
        "department_lost": lost,
        "list_corrected": bool(corrected or list_corrected),
    }
    how = ""
    if corrected is not None:
        data["correction"] = _correction_data(corrected)
        how = (
            f"更正「{route.why['list']}」为第{corrected.version.number}版,"
            f"自{corrected.version.effective_date:%Y年%m月%d日}起施行;"
        )
    transition(
        event=event,
        by=by,
        action="rule",
        to=S.DISPATCHED,
        at=now,
        reason=f"{ruling.strip()}({how}由「{department}」办理)",
        fields=fields,
        data=data,
        expected_version=expected_version,
    )
    event.accept_due, event.handle_due = assign_route(
        event, route, now, primary=department, primary_role=R.FALLBACK if fallback else R.PRIMARY
    )
    Event.objects.filter(pk=event.pk).update(
        accept_due=event.accept_due, handle_due=event.handle_due
    )
    before = {"ruling": "", "responsible": None}
    dispute.ruled_by, dispute.ruled_at, dispute.ruling = by, now, ruling.strip()
    dispute.responsible, dispute.department_lost = department, lost
    dispute.list_corrected = data["list_corrected"]
    dispute.correction_version = corrected.version if corrected else None
    dispute.save(
        update_fields=[
            "ruled_by",
            "ruled_at",
            "ruling",
            "responsible",
            "department_lost",
            "list_corrected",
            "correction_version",
        ]
    )
    after = {"ruling": dispute.ruling, "responsible": str(department)}
    if corrected is not None:
        after["correction_version"] = str(corrected.version)
    record_change(dispute, action="rule", actor=by, before=before, after=after)
    return dispute
