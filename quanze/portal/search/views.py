"""The public search page (no login)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from quanze.portal.search import selectors
from quanze.portal.search.forms import SearchForm

PAGE_SIZE = 50


def _query(data: dict, unit: str) -> str:
    """The search URL's query for `unit` with the request's other filters."""
    query = {"q": data.get("q") or "", "unit": unit}
    query |= {k: data.get(k) or "" for k in ("power_type", "field")}
    return "?" + urlencode(query)


def search(request):
    form = SearchForm(request.GET)
    page = rows = matches = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        if form.unit_matches:  # several units named: the citizen chooses, nothing is guessed
            matches = [(_query(data, key), label) for key, label in form.unit_matches]
        elif data.get("unit_name"):  # one unit named: its own URL, which paging keeps
            return redirect(request.path + _query(data, data["unit"]))
        else:
            filters = {k: data[k] for k in ("q", "unit", "power_type", "field")}
            found = selectors.search(selectors.SearchFilter(**filters))
            page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
            shown = selectors.snapshots_of(page.object_list)
            rows = [(row, shown.get(row["snapshot_id"], {})) for row in page.object_list]
    by_name = "unit_name" in form.fields  # past the limit: the unit found by its name
    context = {"form": form, "page": page, "rows": rows, "matches": matches, "by_name": by_name}
    return render(request, "portal/search/search.html", context)
