"""The dispatch API: events, their actions, hotline import, suggestions and measures. Reads go
through `access_event`, writes through the same forms and services as the pages."""

import base64
import binascii
import tempfile
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from ninja import Body, Query, Router, Schema
from ninja.security import django_auth

from quanze.core.errors import Forbidden
from quanze.dispatch import actions, selectors, services
from quanze.dispatch.dashboard import period
from quanze.dispatch.forms import EventForm, PeriodForm
from quanze.dispatch.hotline import HotlineRejected, hotline_import
from quanze.dispatch.measures import unit_measures
from quanze.dispatch.models import Event
from quanze.dispatch.suggest import suggested_matters, suggestions_for
from quanze.org.models import Department
from quanze.org.roles import is_office, is_township_clerk

router = Router(tags=["吹哨报到"])
BODY = Body(...)


class EventIn(Schema):
    source: str = Event.Source.API
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
        return selectors.event_disputes(obj)

    @staticmethod
    def resolve_suggestions(obj):
        return suggested_matters(obj)


class EventPage(Schema):
    count: int
    page: int
    items: list[EventOut]


class HotlineIn(Schema):
    file_name: str
    content_base64: str


def _form_errors(form) -> ValidationError:
    return ValidationError(
        {
            name: [f"{form.fields[name].label if name in form.fields else ''}:{e}" for e in errors]
            for name, errors in form.errors.items()
        }
    )


@router.get("/events", response=EventPage, auth=django_auth, summary="工作队列")
def event_list(request, queue: str = "all", page: int = 1):
    if queue not in selectors.QUEUES:
        raise ValidationError({"queue": f"队列:应为 {'、'.join(selectors.QUEUES)} 之一"})
    found = Paginator(selectors.queue(request.user, queue), 50).get_page(page)
    return {"count": found.paginator.count, "page": found.number, "items": list(found)}


@router.post("/events", response={201: EventCreatedOut}, auth=django_auth, summary="登记事件")
def event_create(request, payload: EventIn):
    if not (is_office(request.user) or is_township_clerk(request.user)):
        raise Forbidden("只有乡镇(街道)和编办可以登记事件")
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
        raise _form_errors(form)
    return 201, services.event_create(by=request.user, **form.cleaned_data)


@router.get("/events/{event_id}", response=EventDetailOut, auth=django_auth, summary="事件详情")
def event_detail(request, event_id: int):
    return selectors.access_event(request.user, event_id)


@router.post(
    "/events/{event_id}/actions/{action}",
    response=EventDetailOut,
    auth=django_auth,
    summary="办理操作(确认事项、派发、吹哨、接收、办结、退回、评价、争议、裁定……)",
)
def event_act(request, event_id: int, action: str, payload: dict = BODY):
    """请求体为该操作的字段,另带 `row_version`(与服务器不一致时返回 409)。

    裁定(`rule`)可同时更正清单:`correct_primary_department`、`correct_primary_duty`、
    `correct_fallback_department`、`correct_add_co_department`(及 `correct_add_co_duty`)、
    `correct_remove_co_department`、`correct_township_scope`(all/named/none)、
    `correct_townships`(乡镇 id 列表)、`correct_township_duty`、`correct_basis`,
    必填 `correct_effective_date`,可带 `correct_document_number`;发布只改动该事项的新版本,
    事件按更正后的清单派发,`disputes[].correction_version_id` 为新版本。"""
    event = selectors.access_event(request.user, event_id)
    spec = actions.REGISTRY.get(action)
    if spec is None:
        raise ValidationError({"action": f"操作:未知操作「{action}」"})
    form = actions.form_for(spec, event, payload)
    if not form.is_valid():
        raise _form_errors(form)
    version = payload.get("row_version")
    actions.perform(
        action,
        by=request.user,
        event=event,
        data=form.cleaned_data,
        expected_version=int(version) if version is not None else None,
    )
    return selectors.access_event(request.user, event_id)


@router.post("/hotline", response={201: dict}, auth=django_auth, summary="导入12345工单")
def hotline(request, payload: HotlineIn):
    """上传 .xlsx 或 .csv(Base64);全部成功才导入,否则 422 并列出出错的行和列。"""
    if not is_office(request.user):
        raise Forbidden("只有编办(热线中心)可以导入12345工单")
    try:
        content = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError({"content_base64": "文件内容:不是有效的Base64"}) from None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        path.write_bytes(content)
        try:
            result = hotline_import(
                by=request.user, county=request.user.county, path=path, file_name=payload.file_name
            )
        except HotlineRejected as error:
            raise ValidationError(error.problems) from None
    return 201, {
        "created": result.created,
        "suggested": result.suggested,
        "ids": [e.pk for e in result.events],
        "warnings": result.warnings,
    }


@router.get("/suggest", response=list[dict], auth=django_auth, summary="按诉求内容推荐事项")
def suggest(request, text: str):
    if request.user.county_id is None:
        return []
    return suggestions_for(county=request.user.county, text=text)


class PeriodQuery(Schema):
    start: date | None = None
    end: date | None = None


@router.get("/measures", response=list[dict], auth=django_auth, summary="部门考评指标")
def measures(request, query: Query[PeriodQuery]):
    given = {k: v for k, v in query.dict().items() if v}
    form = PeriodForm(given or None)
    if given and not form.is_valid():
        raise _form_errors(form)
    start, end = period(form)
    rows = unit_measures(
        departments=Department.objects.filter(division_id=request.user.county_id),
        start=start,
        end=end,
    )
    return [
        {
            "department_id": r.department_id,
            "department": r.name,
            "dispatched": r.dispatched,
            "response_rate": r.response_rate,
            "resolution_rate": r.resolution_rate,
            "satisfaction_rate": r.satisfaction_rate,
            "mean_rating": r.mean_rating,
            "accept_hours_p50": r.hours("accept", 50),
            "accept_hours_p90": r.hours("accept", 90),
            "handle_hours_p50": r.hours("handle", 50),
            "handle_hours_p90": r.hours("handle", 90),
            "send_back_rate": r.send_back_rate,
            "disputes_lost": r.disputes_lost,
            "fallback_acted": r.fallback_acted,
        }
        for r in rows
    ]
