"""Reads for citizen requests: where a request is (township and village from a choice
or a place name the gazetteer knows), which matters may be chosen, and what the public
sees of a request's progress (stages, no internal notes, no personal data)."""

from django.core.exceptions import ValidationError

from quanze.core.errors import NotFound
from quanze.dispatch.events.models import Assignment, Event
from quanze.dispatch.intake.places import gazetteer, resolve
from quanze.duties.territorial.models import ResponsibilityVersion
from quanze.duties.territorial.routing import matters_for_county
from quanze.org.models import Division
from quanze.portal.requests.guard import mask_numbers
from quanze.portal.requests.models import CitizenRequest

S = Event.State
# What the citizen reads for each step of the dispatch loop (docs/dispatch.md).
STAGES = {
    "create": "诉求已受理",
    "confirm_matter": "已确认诉求类别",
    "dispatch": "已派发承办单位",
    "whistle": "乡镇(街道)吹哨,召集部门",
    "report": "部门已报到",
    "accept": "承办单位已接收",
    "start": "承办单位开始办理",
    "handle": "承办单位已办结",
    "feedback": "已评价",
    "close": "已办结归档",
    "send_back": "承办单位提出退回,正在重新确定承办单位",
    "dispute": "承办单位有争议,由编办协调",
    "rule": "编办已确定承办单位",
    "fallback": "转兜底部门办理",
    "escalate": "办理超期,已督办",
}
CLOSED_STATES = (S.FEEDBACK, S.CLOSED)


def public_counties():
    """Counties whose territorial list is published: where requests can be filed."""
    ids = ResponsibilityVersion.objects.filter(published_at__isnull=False).values(
        "responsibility_list__county_id"
    )
    return Division.objects.filter(pk__in=ids).order_by("code")


def county_by_code(code: str):
    """A county with a published list by its 6-digit code (Open311's jurisdiction_id)."""
    code = (code or "").strip()
    if not code.isdigit() or len(code) not in (6, 12):
        return None
    return public_counties().filter(code=code.ljust(12, "0")).first()


def township_choices(counties):
    return Division.objects.filter(level=Division.Level.TOWNSHIP, parent__in=counties).order_by(
        "code"
    )


def locate(*, county, township=None, village=None, place_text=""):
    """The township (and village or community) of a request: the one chosen, or the one
    the place names in `place_text` point to. A place outside the county, or names that
    point to several townships, are refused with what to do."""
    if township is not None:
        if township.parent_id != county.pk or not township.is_township:
            raise ValidationError({"place": f"地点:「{township}」不在「{county}」范围内"})
        if village is not None and village.parent_id != township.pk:
            raise ValidationError({"place": f"地点:「{village}」不属于「{township}」"})
        return township, village
    if not place_text:
        raise ValidationError({"place": "地点:请选择乡镇(街道),或填写村(社区)、街道或地标名称"})
    match = resolve(place_text, names=gazetteer(county))
    if match.ambiguous:
        towns = "「" + "」「".join(t.name for t in match.candidates) + "」"
        raise ValidationError({"place": f"地点:「{place_text}」可能在{towns},请选择乡镇(街道)"})
    if match.township is None:
        raise ValidationError(
            {
                "place": f"地点:「{place_text}」不在「{county}」范围内或无法确定所在乡镇(街道),"
                "请选择乡镇(街道)或填写本县的村(社区)、街道名称"
            }
        )
    found = Division.objects.filter(parent=match.township, name__in=match.names).first()
    return match.township, found


def public_matters(county):
    """The matters of the county's list in force: what a request may be filed under."""
    return matters_for_county(county=county).order_by("pk")


def public_matter(*, county, code):
    """A matter of the county's list in force by its service code (the matter's id)."""
    text = str(code).strip()
    matter = public_matters(county).filter(pk=int(text)).first() if text.isdigit() else None
    if matter is None:
        raise ValidationError({"service_code": f"诉求类别:「{text}」不是「{county}」清单中的事项"})
    return matter


def request_by_number(number: str) -> CitizenRequest:
    request = (
        CitizenRequest.objects.select_related("event__township", "event__matter")
        .filter(number=(number or "").strip().upper())
        .first()
    )
    if request is None:
        raise NotFound("诉求")
    return request


def is_closed(event) -> bool:
    return event.state in CLOSED_STATES


def responsible_units(event) -> list[str]:
    """The departments now answering for the event (names of units only)."""
    return list(
        Assignment.objects.filter(
            event=event,
            active=True,
            role__in=(Assignment.Role.PRIMARY, Assignment.Role.FALLBACK),
        ).values_list("department__name", flat=True)
    )


def public_stages(event) -> list[dict]:
    """Each step of the loop as it happened: when, what, which unit; never the reasons
    written by staff (internal notes) and never a person's name."""
    stages = []
    for row in event.log.all().order_by("at", "id"):
        unit = row.unit if row.unit not in ("", "公众", "系统") else ""
        stages.append(
            {
                "at": row.at,
                "label": STAGES.get(row.action, row.action_label),
                "unit": unit,
                "state": Event.State(row.to_state).label,
            }
        )
    return stages


def public_view(request: CitizenRequest) -> dict:
    """What anybody with the number sees: no name, no phone, long numbers masked."""
    event = request.event
    return {
        "number": request.number,
        "submitted_at": request.created_at,
        "state": event.get_state_display(),
        "closed": is_closed(event),
        "township": event.township.name,
        "matter": event.matter.name if event.matter_id else "",
        "description": mask_numbers(event.description),
        "units": responsible_units(event),
        "result": mask_numbers(event.result) if event.state in (S.HANDLED, *CLOSED_STATES) else "",
        "rating": event.rating,
        "satisfied": event.satisfied,
        "can_rate": event.state == S.HANDLED,
        "stages": public_stages(event),
        "photos": event.attachments.count(),
    }
