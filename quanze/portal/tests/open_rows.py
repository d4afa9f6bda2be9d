"""Permission matrix rows of the portal's open pages (citizen requests, Open311, open
data): everybody, signed in or not, of any county, gets the same public answer; a
draft is a 404 for everybody (see tests/test_permission_matrix.py)."""

import secrets

from quanze.dispatch.tests.lists import make_matter
from quanze.duties.territorial.routing import matters_for_county
from quanze.portal.requests.models import CitizenRequest
from quanze.portal.requests.services import request_submit

ALL = (200,) * 8
MOVED = (302,) * 8
NOBODY = (404,) * 8


def extend_world(w):
    cast = w.cast
    w.public_matter = matters_for_county(county=cast.county).first() or make_matter(
        cast, "生活垃圾收集清运", cast.urban, cast.land, "垃圾"
    )
    w.citizen_request = request_submit(
        channel=CitizenRequest.Channel.WEB,
        # One address per world: the rate limit counts in a cache no rollback clears.
        address=f"matrix-{secrets.token_hex(8)}",
        county=cast.county,
        township=cast.town_a,
        description="矩阵测试:路灯不亮",
    ).request


V2 = "/open311/v2"
# fmt: off
PAGES = [
    ("portal:request_new", "get", lambda w: "/portal/requests/new/", None, ALL),
    ("portal:request_track", "get", lambda w: f"/portal/requests/track/?number={w.citizen_request.number}", None, MOVED),
    ("portal:request_status", "get", lambda w: f"/portal/requests/{w.citizen_request.number}/", None, ALL),
    ("portal:data_catalogue", "get", lambda w: "/portal/data/", None, ALL),
    ("portal:data_catalogue", "get", lambda w: f"/portal/data/?dataset=catalog-{w.published.pk}", None, MOVED),
    ("portal:data_catalogue", "get", lambda w: f"/portal/data/?dataset=catalog-{w.draft.pk}", None, NOBODY),
    ("portal:data_catalogue_json", "get", lambda w: "/portal/data/catalogue.json", None, ALL),
    ("portal:data_catalogue_dcat", "get", lambda w: "/portal/data/catalogue.jsonld", None, ALL),
    ("portal:data_catalogue_dcat", "get", lambda w: "/portal/data/catalogue.jsonld?page=2", None, NOBODY),
    ("portal:data_catalogue_dcat_all", "get", lambda w: "/portal/data/catalogue-all.jsonld", None, ALL),
    ("portal:data_version", "get", lambda w: f"/portal/data/catalog/{w.published.pk}.json", None, ALL),
    ("portal:data_version", "get", lambda w: f"/portal/data/catalog/{w.draft.pk}.csv", None, NOBODY),
    ("portal:data_current", "get", lambda w: f"/portal/data/catalog/lists/{w.county_catalog.pk}/current.xlsx", None, MOVED),
    ("portal:data_item", "get", lambda w: f"/portal/data/catalog/{w.published.pk}/items/330217D01.jsonld", None, ALL),
    ("open311:services", "get", lambda w: f"{V2}/services.json?jurisdiction_id=370124", None, ALL),
    ("open311:service", "get", lambda w: f"{V2}/services/{w.public_matter.pk}.xml?jurisdiction_id=370124", None, ALL),
    ("open311:requests", "get", lambda w: f"{V2}/requests.json?jurisdiction_id=370124", None, ALL),
    ("open311:request", "get", lambda w: f"{V2}/requests/{w.citizen_request.number}.json", None, ALL),
]
# fmt: on
API = []
