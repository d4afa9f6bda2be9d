"""The public item page (no login)."""

from django.shortcuts import render

from quanze.catalog.catalogs.layout import HEADERS
from quanze.core.views import domain_errors
from quanze.portal import caching
from quanze.portal.items import selectors

FACTS = ["code", "name", "sub_name", "power_type", "field", "department", "exercise_level"]
DUTIES = ["duties", "duties_basis", "accountability", "accountability_scope", "undertaking_unit"]


@domain_errors
def item(request, pk):
    page = selectors.access_public_item(pk)
    data = page.data
    context = {
        "page": page,
        "facts": [(HEADERS[k], data.get(k, "")) for k in FACTS if data.get(k)],
        "duties": [(HEADERS[k], data.get(k, "")) for k in DUTIES if data.get(k)],
    }
    response = render(request, "portal/items/item.html", context)
    return caching.mark(
        response,
        etag=caching.etag_of(request, "item", page.power.pk, page.version.pk, *page.etag_parts()),
        last_modified=None,
        max_age=caching.CURRENT_SECONDS,
    )
