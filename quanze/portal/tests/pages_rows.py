"""Permission matrix rows of the portal's public pages (lists, items, 谁来管, search): every
role sees the same published data, and a draft is the same 404 for everyone, signed in or
not (the portal shows only what is published, whoever asks)."""

from quanze.catalog.catalogs import services
from quanze.catalog.models import Catalog
from quanze.catalog.powers import services as power_services
from quanze.testing import factories as f

ALL = (200,) * 8
NOBODY = (404,) * 8


def extend_world(w):
    """A power listed only in the draft of a list never published."""
    w.portal_draft_power = power_services.power_create(
        by=None,
        owner=w.cast.county,
        code="PORTAL-DRAFT-1",
        name="门户矩阵草稿事项",
        power_type=f.power_type(),
        department=w.cast.urban,
    )
    w.portal_draft_catalog = services.catalog_create(
        by=None, name="门户矩阵草稿清单", kind=Catalog.Kind.POWERS_LIST, owner=w.cast.county
    )
    draft = services.version_draft(by=None, catalog=w.portal_draft_catalog)
    services.version_set_entries(by=None, version=draft, entries=[(w.portal_draft_power, "")])


def _list(w):
    return f"/portal/lists/catalog/{w.county_catalog.pk}/"


# (route, method, url(w), data(w) or None, expected statuses in ROLES order)
# fmt: off
PAGES = [
    ("portal:home", "get", lambda w: "/portal/", None, ALL),
    ("portal:lists", "get", lambda w: "/portal/lists/?kind=guiding", None, ALL),
    ("portal:list", "get", _list, None, ALL),
    ("portal:list", "get", lambda w: f"{_list(w)}?date=2025-03-01", None, ALL),
    ("portal:list", "get", lambda w: f"{_list(w)}?v=2", None, NOBODY),  # the open draft
    ("portal:list", "get", lambda w: f"/portal/lists/catalog/{w.portal_draft_catalog.pk}/", None, NOBODY),
    ("portal:list_diff", "get", lambda w: f"{_list(w)}diff/", None, ALL),
    ("portal:item", "get", lambda w: f"/portal/items/{w.urban_power.pk}/", None, ALL),
    ("portal:item", "get", lambda w: f"/portal/items/{w.portal_draft_power.pk}/", None, NOBODY),
    ("portal:lookup", "get", lambda w: "/portal/lookup/?text=违建&place=玫瑰镇", None, ALL),
    ("portal:search", "get", lambda w: "/portal/search/?q=审批", None, ALL),
]
# fmt: on
API = []
