"""The actions a person can take on an event, each with its form and its one service, shared
by the event page and the API so both validate and act the same way."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from quanze.dispatch.disputes import services as disputes
from quanze.dispatch.disputes.forms import NoteForm, RuleForm, SendBackForm
from quanze.dispatch.events.models import Assignment, Event
from quanze.dispatch.events.permissions import (
    county_office,
    is_own_assignment,
    is_township_team,
    led_by_township,
    township_side,
)
from quanze.dispatch.events.states import ACTIONS
from quanze.dispatch.loop import forms, services
from quanze.org.roles import is_office, is_township_clerk


@dataclass(frozen=True)
class Action:
    name: str
    form: type
    button: str
    needs_event: bool = False  # the form's __init__ takes the event

    @property
    def label(self) -> str:
        return ACTIONS[self.name][0]


REGISTRY = {
    a.name: a
    for a in [
        Action("confirm_matter", forms.MatterForm, "确认事项", needs_event=True),
        Action("dispatch", forms.DispatchForm, "按清单派发"),
        Action("whistle", forms.WhistleForm, "吹哨召集部门", needs_event=True),
        Action("report", forms.EmptyForm, "报到"),
        Action("accept", forms.EmptyForm, "接收"),
        Action("start", forms.EmptyForm, "开始办理"),
        Action("handle", forms.HandleForm, "办结"),
        Action("send_back", SendBackForm, "退回", needs_event=True),
        Action("feedback", forms.FeedbackForm, "提交评价"),
        Action("close", forms.EmptyForm, "关闭事件"),
        Action("dispute", NoteForm, "提出争议"),
        Action("rule", RuleForm, "裁定", needs_event=True),
        Action("fallback", NoteForm, "交兜底部门办理"),
    ]
}


def form_for(action: Action, event, data=None):
    return action.form(data, event=event) if action.needs_event else action.form(data)


def perform(name: str, *, by, event, data: dict, expected_version=None):
    """Call the action's service with the form's cleaned data."""
    common = {"by": by, "event": event, "expected_version": expected_version}
    match name:
        case "confirm_matter":
            return services.event_confirm_matter(matter=data["matter"], **common)
        case "dispatch":
            return services.event_dispatch(township_task=data.get("township_task", ""), **common)
        case "whistle":
            return services.event_whistle(summons=data["summons"], reason=data["reason"], **common)
        case "report":
            return services.event_report(**common)
        case "accept":
            return services.event_accept(**common)
        case "start":
            return services.event_start(**common)
        case "handle":
            return services.event_handle(result=data["result"], **common)
        case "send_back":
            return disputes.event_send_back(
                reason=data["reason"],
                matter=data.get("matter"),
                version_id=data.get("version_id"),
                **common,
            )
        case "feedback":
            return services.event_feedback(
                rating=data["rating"],
                satisfied=data["satisfied"],
                comment=data.get("comment", ""),
                **common,
            )
        case "close":
            return services.event_close(**common)
        case "dispute":
            return disputes.event_dispute(reason=data["reason"], **common)
        case "rule":
            return disputes.dispute_rule(
                responsible=data.get("responsible"),
                ruling=data["ruling"],
                matter=data.get("matter"),
                list_corrected=data.get("list_corrected", False),
                correction=data.get("correction"),
                **common,
            )
        case "fallback":
            return disputes.event_fallback(reason=data["reason"], **common)
    raise ValidationError({"action": f"操作:未知操作「{name}」"})


def available(user, event) -> list[Action]:
    """What this user may try now, for the buttons on the event page (services re-check)."""
    S = Event.State
    state = event.state
    names = []
    township = township_side(user, event)
    assignments = list(event.assignments.select_related("department"))
    mine = {
        (a.role, a.accepted_at is not None)
        for a in assignments
        if a.active
        and is_own_assignment(user, a)
        and not (a.role == Assignment.Role.SUMMONED and a.handled_at)
    }
    leads = {Assignment.Role.PRIMARY, Assignment.Role.FALLBACK}
    if not any(a.active and a.role in leads for a in assignments):
        leads.add(
            Assignment.Role.SUMMONED
        )  # a whistle alone: the summoned carry it (services.lead_roles)
    lead = {role for role, _ in mine if role in leads}
    lead_accepted = any(acc for role, acc in mine if role in lead)
    if township and state in (S.CALLED, S.SENT_BACK):
        names += ["confirm_matter"] + (["dispatch"] if event.matter_id else [])
    if township and state in ACTIONS["whistle"][1]:
        names.append("whistle")
    if (
        any(
            r in (Assignment.Role.SUMMONED, Assignment.Role.COOPERATING) and not acc
            for r, acc in mine
        )
        and state in ACTIONS["report"][1]
    ):
        names.append("report")
    if (
        lead - {Assignment.Role.SUMMONED}
        and not lead_accepted
        and state
        in (
            S.DISPATCHED,
            S.ESCALATED,
        )
    ):
        names.append("accept")
        if Assignment.Role.PRIMARY in lead:
            names.append("send_back")
    if lead and lead_accepted and state in (S.ACCEPTED, S.ESCALATED):
        names.append("start")
    if lead and lead_accepted and state in ACTIONS["handle"][1]:
        names.append("handle")
    self_rated = is_township_clerk(user) and led_by_township(event)
    if township and state == S.HANDLED and not self_rated:
        names.append("feedback")
    if township and state == S.FEEDBACK:
        names.append("close")
    returned = [a for a in assignments if a.sent_back]
    by_own_team = bool(returned) and is_township_team(returned[-1].department, event)
    if township and state == S.SENT_BACK and not is_office(user) and not by_own_team:
        names.append("dispute")
    if county_office(user, event.county_id):
        if state == S.DISPUTED:
            names.append("rule")
        if state in ACTIONS["fallback"][1]:
            names.append("fallback")
    return [REGISTRY[n] for n in names]
