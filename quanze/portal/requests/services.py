"""Filing a citizen's request (the portal's web form and Open311 both call
`request_submit`) and the citizen rating the result. The request becomes a dispatch
event through dispatch's own intake, so it is routed like a hotline event."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import NotFound
from quanze.dispatch.events.models import Event
from quanze.dispatch.intake.services import event_create_public
from quanze.dispatch.loop.services import event_feedback_by_reporter
from quanze.portal.requests import guard
from quanze.portal.requests.models import CitizenRequest
from quanze.portal.requests.selectors import locate, public_matter

NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read over the phone


@dataclass(frozen=True)
class Submission:
    request: CitizenRequest
    key: str  # the citizen's private key: shown once, stored only as a digest


def new_number() -> str:
    return "SQ" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(10))


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def request_submit(
    *, channel, address, county, description, township=None, place_text="", village=None,
    name="", phone="", photos=(), service=None, latitude=None, longitude=None,
) -> Submission:  # fmt: skip
    """File a request: every check first (rate, text, phone, photos, place, category,
    duplicate), then the event, its photos and this row in one transaction, so a
    refusal anywhere writes nothing. Messages name the field in Chinese."""
    guard.check_rate(address)
    description = guard.check_text(description)
    phone = guard.check_phone(phone)
    name = (name or "").strip()
    if len(name) > 50:
        raise ValidationError({"name": "姓名:不能超过50字"})
    photos = list(photos)
    guard.check_photos(photos)
    place_text = (place_text or "").strip()
    if len(place_text) > 200:
        raise ValidationError({"place": "地点:不能超过200字"})
    township, village = locate(
        county=county, township=township, village=village, place_text=place_text
    )
    matter = public_matter(county=county, code=service) if service else None
    print_ = guard.fingerprint(description, township.pk)
    since = timezone.now() - timedelta(hours=settings.QUANZE_PORTAL_DUPLICATE_HOURS)
    earlier = CitizenRequest.objects.filter(fingerprint=print_, created_at__gte=since).first()
    if earlier is not None:
        when = timezone.localtime(earlier.created_at).strftime("%Y-%m-%d %H:%M")
        raise ValidationError(
            {
                "description": f"诉求内容:同一地点的相同诉求已于{when}提交(受理编号{earlier.number}),"
                "请勿重复提交,可凭受理编号查询办理进度"
            }
        )
    key = secrets.token_urlsafe(18)
    source = Event.Source.WEB if channel == CitizenRequest.Channel.WEB else Event.Source.API
    with transaction.atomic():
        event = event_create_public(
            source=source,
            description=description,
            occurred_at=timezone.now(),
            chosen_matter=matter,
            files=photos,
            township=township,
            village=village,
            address=place_text,
            reporter_name=name,
            reporter_phone=phone,
            latitude=latitude,
            longitude=longitude,
        )
        request = CitizenRequest.objects.create(
            number=new_number(),
            event=event,
            channel=channel,
            key_digest=key_digest(key),
            fingerprint=print_,
        )
    guard.count_request(address)
    return Submission(request=request, key=key)


def request_rate(*, number, key, rating, satisfied, comment="") -> Event:
    """The citizen rates the handled result with the key given at filing; the rating is
    the event's feedback, so it counts in the departments' satisfaction rate."""
    request = CitizenRequest.objects.select_related("event").filter(number=number).first()
    if request is None or not secrets.compare_digest(request.key_digest, key_digest(key or "")):
        raise NotFound("诉求")
    if len(comment or "") > 500:
        raise ValidationError({"comment": "评价意见:不能超过500字"})
    return event_feedback_by_reporter(
        event=request.event, rating=rating, satisfied=satisfied, comment=(comment or "").strip()
    )
