"""The public item page (no login)."""

from django.shortcuts import render
from django.utils import timezone

from quanze.catalog.catalogs.layout import HEADERS
from quanze.core.views import domain_errors
from quanze.portal import caching
from quanze.portal.items import selectors

FACTS = ["code", "name", "sub_name", "power_type", "field", "department", "exercise_level"]
DUTIES = ["duties", "duties_basis", "accountability", "accountability_scope", "undertaking_unit"]


@domain_errors
def item(request, pk):
    """Served from the page cache under a key naming the item, the public generation
    (moves with every recorded change: a publication, a penalty decision, a benchmark, a
    contact, the exercise switch, a case) and today (the exercise figures cover the year to
    today): one query when the page is cached."""
    etag = caching.etag_of(request, "item", pk, caching.public_generation(), timezone.localdate())
    return caching.served(request, etag, lambda: _render(request, pk))


def _render(request, pk):
    page = selectors.access_public_item(pk)
    data = page.data
    context = {
        "page": page,
        "facts": [(HEADERS[k], data.get(k, "")) for k in FACTS if data.get(k)],
        "duties": [(HEADERS[k], data.get(k, "")) for k in DUTIES if data.get(k)],
    }
    return render(request, "portal/items/item.html", context)
