"""Permission matrix rows of the dispatch pages and API (see tests/test_permission_matrix.py).

Roles: anon, office, reviewer, urban, land, town_a, town_b, outsider. `ev_a` is an event
of 锦水街道 (town_a) routed to 城管局 (urban); nobody else's unit may see it.
"""

import base64
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from quanze.dispatch.events.models import Event
from quanze.dispatch.intake import services as intake
from quanze.dispatch.intake.models import Attachment
from quanze.dispatch.loop import services
from quanze.dispatch.suggestion.services import vocabulary_add
from quanze.dispatch.tests.lists import make_matter
from quanze.duties.territorial.routing import matters_for_county

L = "LOGIN"
SIGNED_IN = (L,) + (200,) * 7
API_SIGNED_IN = (401,) + (200,) * 7
SEES_A = (L, 200, 200, 200, 404, 200, 404, 404)
RAISES = (L, 200, 403, 403, 403, 200, 200, 200)
HOTLINE_CSV = "工单编号,来电时间,诉求内容,乡镇(街道)\nM001,2025-03-01 08:30,路灯不亮,锦水街道\n"


def extend_world(w):
    cast = w.cast
    # Another app's rows may have published the county's list already: use a matter of
    # 城管局 on it, or publish one.
    on_list = (
        matters_for_county(county=cast.county)
        .filter(responsibility_items__primary_department=cast.urban)
        .first()
    )
    w.matter = on_list or make_matter(cast, "生活垃圾收集清运", cast.urban, cast.land, "垃圾")
    w.ev_a = services.event_dispatch(
        by=cast.town_a_clerk,
        event=intake.event_create(
            by=cast.town_a_clerk,
            source=Event.Source.TOWNSHIP,
            description="垃圾桶满溢",
            occurred_at=timezone.now() - timedelta(hours=1),
            township=cast.town_a,
            matter=w.matter,
        ),
    )
    w.term = vocabulary_add(by=cast.office, county=cast.county, words="垃圾没人收", matter=w.matter)
    w.attachment = Attachment.objects.create(
        event=w.ev_a, file=ContentFile(b"photo", name="photo.jpg"), name="现场照片.jpg", size=5
    )


def _event_form(w):
    return {
        "source": "township",
        "township": w.cast.town_a.pk,
        "description": "路灯不亮",
        "occurred_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }


def _event_json(w):
    return {
        "township_id": w.cast.town_a.pk,
        "description": "路灯不亮",
        "occurred_at": (timezone.now() - timedelta(hours=1)).isoformat(),
    }


def _places(w):
    text = "地名,乡镇(街道)\n东关街,锦水街道\n"
    return {"file": SimpleUploadedFile("地名.csv", text.encode(), content_type="text/csv")}


def _csv(w):
    return {"file": SimpleUploadedFile("工单.csv", HOTLINE_CSV.encode(), content_type="text/csv")}


# fmt: off
PAGES = [
    ("dispatch:event_list", "get", lambda w: "/dispatch/?queue=all", None, SIGNED_IN),
    ("dispatch:event_dispatch_many", "post", lambda w: "/dispatch/dispatch-many/", None, (L, 302, 403, 403, 403, 302, 302, 302)),
    ("dispatch:event_create", "get", lambda w: "/dispatch/new/", None, RAISES),
    ("dispatch:event_create", "post", lambda w: "/dispatch/new/", _event_form, (L, 302, 403, 403, 403, 302, 200, 200)),
    ("dispatch:vocabulary", "get", lambda w: "/dispatch/vocabulary/?q=垃圾&sort=matter", None, (L, 200, 403, 403, 403, 403, 403, 200)),
    ("dispatch:vocabulary", "post", lambda w: "/dispatch/vocabulary/", lambda w: {"words": "叫卖", "matter": w.matter.pk}, (L, 302, 403, 403, 403, 403, 403, 200)),
    ("dispatch:vocabulary_remove", "post", lambda w: f"/dispatch/vocabulary/{w.term.pk}/remove/", None, (L, 302, 403, 403, 403, 403, 403, 404)),
    ("dispatch:places", "get", lambda w: "/dispatch/places/?q=东关&sort=township&try=东关街口", None, (L, 200, 403, 403, 403, 403, 403, 200)),
    ("dispatch:places", "post", lambda w: "/dispatch/places/", _places, (L, 302, 403, 403, 403, 403, 403, 200)),
    ("dispatch:hotline", "get", lambda w: "/dispatch/hotline/", None, (L, 200, 403, 403, 403, 403, 403, 200)),
    ("dispatch:hotline", "post", lambda w: "/dispatch/hotline/", _csv, (L, 302, 403, 403, 403, 403, 403, 200)),
    ("dispatch:measures", "get", lambda w: "/dispatch/measures/", None, SIGNED_IN),
    ("dispatch:attachment", "get", lambda w: f"/dispatch/attachments/{w.attachment.pk}/", None, SEES_A),
    ("dispatch:event_detail", "get", lambda w: f"/dispatch/{w.ev_a.pk}/", None, SEES_A),
    ("dispatch:event_act", "post", lambda w: f"/dispatch/{w.ev_a.pk}/act/accept/", None, (L, 403, 403, 302, 404, 403, 404, 404)),
]
E = "/api/dispatch/events/{event_id}"
API = [
    ("/api/dispatch/events", "get", lambda w: "/api/dispatch/events?queue=all", None, API_SIGNED_IN),
    ("/api/dispatch/events", "post", lambda w: "/api/dispatch/events", _event_json, (401, 201, 403, 403, 403, 201, 422, 422)),
    (E, "get", lambda w: f"/api/dispatch/events/{w.ev_a.pk}", None, (401, 200, 200, 200, 404, 200, 404, 404)),
    (E + "/actions/{action}", "post", lambda w: f"/api/dispatch/events/{w.ev_a.pk}/actions/accept", lambda w: {"row_version": w.ev_a.row_version}, (401, 403, 403, 200, 404, 403, 404, 404)),
    ("/api/dispatch/hotline", "post", lambda w: "/api/dispatch/hotline", lambda w: {"file_name": "工单.csv", "content_base64": base64.b64encode(HOTLINE_CSV.encode()).decode()}, (401, 201, 403, 403, 403, 403, 403, 422)),
    ("/api/dispatch/suggest", "get", lambda w: "/api/dispatch/suggest?text=垃圾没人清运", None, API_SIGNED_IN),
    ("/api/dispatch/measures", "get", lambda w: "/api/dispatch/measures", None, API_SIGNED_IN),
]
# fmt: on
