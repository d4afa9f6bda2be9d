"""GeoReport v2 endpoints (http://wiki.open311.org/GeoReport_v2): services, a service's
definition, requests filed and followed. Thin: parse, call the portal's services and
selectors, answer in the format asked (.json or .xml; JSON without a suffix)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from quanze.core.errors import NotFound
from quanze.org.models import Division
from quanze.portal.open311 import render
from quanze.portal.open311.selectors import (
    requests_of,
    service_definition,
    services_of,
)
from quanze.portal.requests import services
from quanze.portal.requests.guard import TooManyRequests
from quanze.portal.requests.models import CitizenRequest
from quanze.portal.requests.selectors import (
    county_by_code,
    public_counties,
    public_matter,
    request_by_number,
)
from quanze.portal.requests.views import client_address


class Refused(Exception):
    def __init__(self, status: int, *descriptions: str):
        super().__init__(descriptions[0])
        self.status, self.descriptions = status, descriptions


def _county(params):
    code = (params.get("jurisdiction_id") or "").strip()
    if code:
        county = county_by_code(code)
        if county is None:
            raise Refused(404, f"jurisdiction_id:「{code}」不是本系统的辖区(应为县级行政区划代码)")
        return county
    counties = list(public_counties()[:2])
    if len(counties) == 1:
        return counties[0]
    raise Refused(400, "jurisdiction_id:请指定辖区(县级行政区划代码,如370124)")


def _answer(fmt, produce):
    try:
        return produce()
    except Refused as refused:
        return render.errors(fmt, refused.status, *refused.descriptions)
    except TooManyRequests as refused:
        return render.errors(fmt, 429, str(refused))
    except ValidationError as error:
        found = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        return render.errors(fmt, 400, *[m for ms in found.values() for m in ms])


@require_GET
def service_list(request, fmt="json"):
    def produce():
        return render.respond(fmt, "services", services_of(_county(request.GET)))

    return _answer(fmt, produce)


@require_GET
def service_detail(request, code, fmt="json"):
    def produce():
        county = _county(request.GET)
        try:
            matter = public_matter(county=county, code=code)
        except ValidationError:
            raise Refused(404, f"service_code:「{code}」不是「{county}」清单中的事项") from None
        return render.respond(fmt, "service_definition", service_definition(county, matter))

    return _answer(fmt, produce)


def _decimal(params, name, low, high):
    text = (params.get(name) or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise Refused(400, f"{name}:「{text[:30]}」不是数字") from None
    if not (low <= value <= high) or not value.is_finite():
        raise Refused(400, f"{name}:应在{low}至{high}之间")
    return value.quantize(Decimal("0.000001"))


def _township(county, params):
    key = (params.get("attribute[township]") or "").strip()
    if not key:
        return None
    code = key.ljust(12, "0") if key.isdigit() else None
    found = Division.objects.filter(
        parent=county, level=Division.Level.TOWNSHIP, **({"code": code} if code else {"name": key})
    ).first()
    if found is None:
        raise Refused(400, f"attribute[township]:「{county}」没有「{key[:30]}」")
    return found


def _create(request, fmt):
    params = request.POST
    county = _county(params)
    code = (params.get("service_code") or "").strip()
    if not code:
        raise Refused(400, "service_code:不能为空")
    try:
        public_matter(county=county, code=code)
    except ValidationError:
        raise Refused(404, f"service_code:「{code[:30]}」不是「{county}」清单中的事项") from None
    if (params.get("media_url") or "").strip():
        raise Refused(400, "media_url:不接受外部图片地址,请以 media 字段上传JPG或PNG照片")
    latitude = _decimal(params, "lat", -90, 90)
    longitude = _decimal(params, "long", -180, 180)
    township = _township(county, params)
    place = (params.get("address_string") or "").strip()
    if township is None and not place:
        raise Refused(
            400,
            "address_string:本系统按地名确定乡镇(街道),请填写 address_string"
            "(村、社区、街道或地标)或 attribute[township]",
        )
    name = " ".join(
        p
        for p in ((params.get("last_name") or "").strip(), (params.get("first_name") or "").strip())
        if p
    )
    submission = services.request_submit(
        channel=CitizenRequest.Channel.OPEN311,
        address=client_address(request),
        county=county,
        township=township,
        place_text=place,
        description=params.get("description") or "",
        name=name,
        phone=params.get("phone") or "",
        photos=request.FILES.getlist("media"),
        service=code,
        latitude=latitude,
        longitude=longitude,
    )
    body = [
        {
            "service_request_id": submission.request.number,
            "service_notice": "诉求已受理,将按属地管理事项责任清单派发承办单位",
            "account_id": None,
        }
    ]
    return render.respond(fmt, "service_requests", body, status=201)


def _list(request, fmt):
    params = request.GET
    county = _county(params)
    ids = [
        i.strip().upper() for i in (params.get("service_request_id") or "").split(",") if i.strip()
    ]
    dates = {}
    for name in ("start_date", "end_date"):
        text = (params.get(name) or "").strip()
        if text:
            dates[name] = parse_datetime(text)
            if dates[name] is None or dates[name].tzinfo is None:
                raise Refused(
                    400,
                    f"{name}:「{text[:40]}」应为带时区的ISO 8601时间,如2026-03-01T08:00:00+08:00",
                )
    status = (params.get("status") or "").strip()
    if status and status not in ("open", "closed"):
        raise Refused(400, "status:应为 open 或 closed")
    found = requests_of(
        county, ids=ids[:MAX_IDS], service_code=(params.get("service_code") or "").strip(),
        start=dates.get("start_date"), end=dates.get("end_date"), status=status,
    )  # fmt: skip
    return render.respond(fmt, "service_requests", found)


MAX_IDS = 100


@csrf_exempt
@require_http_methods(["GET", "POST"])
def request_list(request, fmt="json"):
    if request.method == "POST":
        return _answer(fmt, lambda: _create(request, fmt))
    return _answer(fmt, lambda: _list(request, fmt))


@require_GET
def request_detail(request, number, fmt="json"):
    def produce():
        try:
            found = request_by_number(number)
        except NotFound:
            raise Refused(
                404, f"service_request_id:没有受理编号为「{number[:20]}」的诉求"
            ) from None
        found = requests_of(found.event.county, ids=[found.number])
        return render.respond(fmt, "service_requests", found)

    return _answer(fmt, produce)
