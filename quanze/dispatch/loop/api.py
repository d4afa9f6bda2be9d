"""The loop's API: work queues, raising an event, an event's page and its actions. Reads go
through `access_event`, writes through the same forms and services as the pages.

`POST /events` (raising an event, the intake's form and service) is here beside
`GET /events`: ninja answers one path from one router, so a second router's method on the
same path would get 405."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from ninja import Body, Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import Offset, choice
from quanze.core.errors import form_errors
from quanze.dispatch.disputes.selectors import event_disputes
from quanze.dispatch.events.models import Event
from quanze.dispatch.events.selectors import access_event
from quanze.dispatch.intake import services as intake
from quanze.dispatch.intake.forms import EventForm
from quanze.dispatch.loop import actions, selectors
from quanze.dispatch.suggestion.selectors import suggested_matters

router = Router()
BODY = Body(...)


class EventIn(Schema):
    source: choice(Event.Source) = Event.Source.API
    township_id: int
    village_id: int | None = None
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    occurred_at: datetime
    reporter_name: str = ""
    reporter_phone: str = ""
    grid: str = ""
    description: str
    matter_id: int | None = None


class LogOut(Schema):
    at: datetime
    unit: str
    action: str
    action_label: str
    from_state: str
    to_state: str
    reason: str


class AssignmentOut(Schema):
    department_id: int
    department: str
    role: str
    active: bool
    accept_due: datetime
    handle_due: datetime
    accepted_at: datetime | None
    handled_at: datetime | None
    sent_back: bool

    @staticmethod
    def resolve_department(obj):
        return str(obj.department)


class DisputeOut(Schema):
    department_id: int
    reason: str
    raised_at: datetime
    ruled_at: datetime | None
    ruling: str
    responsible_id: int | None
    department_lost: bool | None
    list_corrected: bool
    correction_version_id: int | None
    correction_base_version_id: int | None

    @staticmethod
    def resolve_correction_base_version_id(obj):
        return obj.correction_base.pk if obj.correction_base else None


class EventOut(Schema):
    id: int
    number: str
    state: str
    state_label: str
    row_version: int
    source: str
    external_ref: str
    township_id: int
    village_id: int | None
    address: str
    occurred_at: datetime
    description: str
    matter_id: int | None
    primary_department_id: int | None
    accept_due: datetime | None
    handle_due: datetime | None
    rating: int | None
    satisfied: bool | None

    @staticmethod
    def resolve_state_label(obj):
        return obj.get_state_display()


class EventCreatedOut(EventOut):
    suggestions: list


class EventDetailOut(EventOut):
    routing: dict
    suggestions: list
    assignments: list[AssignmentOut]
    timeline: list[LogOut]
    disputes: list[DisputeOut]

    @staticmethod
    def resolve_assignments(obj):
        return list(selectors.event_assignments(obj))

    @staticmethod
    def resolve_timeline(obj):
        return list(selectors.event_timeline(obj))

    @staticmethod
    def resolve_disputes(obj):
        return event_disputes(obj)

    @staticmethod
    def resolve_suggestions(obj):
        return suggested_matters(obj)


class EventPage(Schema):
    count: int
    page: int
    items: list[EventOut]


@router.get("/events", response=EventPage, auth=django_auth, summary="工作队列")
def event_list(request, queue: choice(selectors.QUEUES) = "all", page: Offset = 1):
    if queue not in selectors.QUEUES:
        raise ValidationError({"queue": f"队列:应为 {'、'.join(selectors.QUEUES)} 之一"})
    found = Paginator(selectors.queue(request.user, queue), 50).get_page(page)
    return {"count": found.paginator.count, "page": found.number, "items": list(found)}


@router.post("/events", response={201: EventCreatedOut}, auth=django_auth, summary="登记事件")
def event_create(request, payload: EventIn):
    intake.require_raiser(request.user)
    data = payload.dict()
    data = {
        **data,
        "township": data.pop("township_id"),
        "village": data.pop("village_id"),
        "matter": data.pop("matter_id"),
    }
    data["occurred_at"] = payload.occurred_at
    form = EventForm({k: v for k, v in data.items() if v is not None}, user=request.user)
    form.fields["source"].choices = Event.Source.choices
    if not form.is_valid():
        raise form_errors(form)
    return 201, intake.event_create(by=request.user, **form.cleaned_data)


@router.get("/events/{event_id}", response=EventDetailOut, auth=django_auth, summary="事件详情")
def event_detail(request, event_id: int):
    return access_event(request.user, event_id)


@router.post(
    "/events/{event_id}/actions/{action}",
    response=EventDetailOut,
    auth=django_auth,
    summary="办理操作(确认事项、派发、吹哨、接收、办结、退回、评价、争议、裁定……)",
)
def event_act(request, event_id: int, action: choice(actions.REGISTRY), payload: dict = BODY):
    """请求体为该操作的字段,另带 `row_version`(与服务器不一致时返回 409)。

    裁定(`rule`)可同时更正清单:`correct_primary_department`、`correct_primary_duty`、
    `correct_fallback_department`、`correct_add_co_department`(及 `correct_add_co_duty`)、
    `correct_remove_co_department`、`correct_township_scope`(all/named/none)、
    `correct_townships`(乡镇 id 列表)、`correct_township_duty`、`correct_basis`,
    必填 `correct_effective_date`,可带 `correct_document_number`;发布只改动该事项的新版本,
    事件按更正后的清单派发,`disputes[].correction_version_id` 为新版本。"""
    event = access_event(request.user, event_id)
    spec = actions.REGISTRY.get(action)
    if spec is None:
        raise ValidationError({"action": f"操作:未知操作「{action}」"})
    form = actions.form_for(spec, event, payload)
    if not form.is_valid():
        raise form_errors(form)
    version = payload.get("row_version")
    try:
        expected = int(version) if version is not None else None
    except (TypeError, ValueError):
        raise ValidationError({"row_version": "row_version:应为整数(事件的版本号)"}) from None
    actions.perform(
        action, by=request.user, event=event, data=form.cleaned_data, expected_version=expected
    )
    return access_event(request.user, event_id)
