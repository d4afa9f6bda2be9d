"""The public search page (no login)."""

from django.core.paginator import Paginator
from django.shortcuts import render

from quanze.portal.search import selectors
from quanze.portal.search.forms import SearchForm

PAGE_SIZE = 50


def search(request):
    form = SearchForm(request.GET)
    page = rows = None
    if request.GET and form.is_valid():
        found = selectors.search(selectors.SearchFilter(**form.cleaned_data))
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        data = selectors.snapshots_of(page.object_list)
        rows = [(row, data.get(row["snapshot_id"], {})) for row in page.object_list]
    return render(request, "portal/search/search.html", {"form": form, "page": page, "rows": rows})
