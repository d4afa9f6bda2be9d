"""The county's matters as GeoReport v2 services, and requests as GeoReport records.

Services are the matters of the county's territorial list in force (the list a request
is routed by); a service's code is the matter's id, stable across versions of the list.
Records show what the status page shows: no name, no phone, long numbers masked."""

from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone

from quanze.dispatch.events.models import Assignment
from quanze.portal.requests.guard import mask_numbers
from quanze.portal.requests.models import CitizenRequest
from quanze.portal.requests.selectors import (
    CLOSED_STATES,
    STAGES,
    public_matters,
    township_choices,
)

MAX_REQUESTS = 1000  # GeoReport v2: at most 1000 requests per answer
DEFAULT_DAYS = 90  # and the last 90 days unless dates are given
CHOSEN = "反映人选择的类别"


def service_of(matter) -> dict:
    field = matter.field.name if matter.field_id else ""
    return {
        "service_code": str(matter.pk),
        "service_name": matter.name,
        "description": f"{field}领域:{matter.name}" if field else matter.name,
        "metadata": True,
        "type": "realtime",
        "keywords": ",".join(w for w in (matter.synonyms or "").replace(",", ",").split(",") if w),
        "group": field,
    }


def services_of(county) -> list[dict]:
    return [service_of(m) for m in public_matters(county).select_related("field")]


def service_definition(county, matter) -> dict:
    """One attribute: the township (乡镇(街道)), for clients that can show a list;
    without it the place is read from address_string."""
    towns = township_choices([county])
    return {
        "service_code": str(matter.pk),
        "attributes": [
            {
                "variable": True,
                "code": "township",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "不填时按 address_string 中的地名判断",
                "order": 1,
                "description": "事发乡镇(街道)",
                "values": [{"key": t.code[:9], "name": t.name} for t in towns],
            }
        ],
    }


def _service(event) -> tuple[str, str]:
    if event.matter_id:
        return str(event.matter_id), event.matter.name
    for suggestion in event.suggestions or []:
        if CHOSEN in suggestion.get("reasons", ()):
            return str(suggestion["matter_id"]), suggestion.get("name", "")
    return "", ""


def _iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def record_of(request: CitizenRequest) -> dict:
    event = request.event
    code, name = _service(event)
    logs = list(event.log.all())
    last = logs[-1] if logs else None
    units = [a.department.name for a in event.assignments.all()]
    return {
        "service_request_id": request.number,
        "status": "closed" if event.state in CLOSED_STATES else "open",
        "status_notes": STAGES.get(last.action, "") if last else "",
        "service_name": name,
        "service_code": code,
        "description": mask_numbers(event.description),
        "agency_responsible": "、".join(units),
        "service_notice": "",
        "requested_datetime": _iso(request.created_at),
        "updated_datetime": _iso(last.at if last else request.created_at),
        "expected_datetime": _iso(event.handle_due),
        "address": event.address or event.township.name,
        "address_id": "",
        "zipcode": "",
        "lat": float(event.latitude) if event.latitude is not None else None,
        "long": float(event.longitude) if event.longitude is not None else None,
        "media_url": "",
    }


def requests_of(county, *, ids=(), service_code="", start=None, end=None, status="") -> list:
    found = CitizenRequest.objects.filter(event__county=county)
    if ids:
        found = found.filter(number__in=ids)
    else:
        end = end or timezone.now()
        start = start or end - timedelta(days=DEFAULT_DAYS)
        found = found.filter(created_at__gte=start, created_at__lte=end)
    if service_code:
        found = found.filter(event__matter_id=int(service_code) if service_code.isdigit() else 0)
    if status == "open":
        found = found.exclude(event__state__in=CLOSED_STATES)
    elif status == "closed":
        found = found.filter(event__state__in=CLOSED_STATES)
    found = (
        found.select_related("event__matter", "event__township")
        .prefetch_related(
            "event__log",
            Prefetch(
                "event__assignments",
                Assignment.objects.filter(
                    active=True, role__in=(Assignment.Role.PRIMARY, Assignment.Role.FALLBACK)
                ).select_related("department"),
            ),
        )
        .order_by("-created_at", "-id")[:MAX_REQUESTS]
    )
    return [record_of(r) for r in found]
