"""The public list pages (no login): every list, one list at a version or a day, a diff."""

from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from quanze.core.listing import listing
from quanze.core.views import domain_errors
from quanze.portal import caching
from quanze.portal.lists import selectors
from quanze.portal.lists.forms import DiffForm, ListFilterForm, OnDateForm


def index(request):
    form = ListFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.public_lists(kind=data.get("kind", ""), q=data.get("q", ""))
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(request, "portal/lists/index.html", {"form": form, "page": page})


@domain_errors
def list_page(request, kind, pk):
    """Served from the page cache under its ETag (the list, the version shown, the list's
    newest version, the keeping unit's contact, the query). The ETag itself is kept under
    (list, public generation, today, query): a publication or a contact edit is a recorded
    change, and the version in force is by date, so a repeat read is one query."""
    front = "portal:list-etag:" + caching.etag_of(
        request, kind, pk, caching.public_generation(), timezone.localdate()
    )
    if known := cache.get(front):
        etag, newest_at, max_age = known
        if cached := caching.not_modified(request, etag=etag, last_modified=newest_at):
            return cached
        if page := caching.page_from_cache(etag):
            return caching.mark(page, etag=etag, last_modified=newest_at, max_age=max_age)
    shown = selectors.access_public_list(kind, pk)
    form = OnDateForm(request.GET)
    on = number = None
    if form.is_valid():
        on, number = form.cleaned_data["date"], form.cleaned_data["v"]
    version = (
        selectors.version_numbered(shown, number) if number else selectors.version_on(shown, on)
    )
    newest_id, newest_at = selectors.stamp(shown)
    etag = caching.etag_of(
        request, shown.key, version.pk if version else 0, newest_id, shown.contact
    )
    if cached := caching.not_modified(request, etag=etag, last_modified=newest_at):
        return cached
    response = caching.page_from_cache(etag) or _render_list(request, shown, form, on, version)
    caching.keep_page(etag, response)
    pinned = bool(number or on)
    max_age = caching.PINNED_SECONDS if pinned else caching.CURRENT_SECONDS
    if response.status_code == 200:
        cache.set(front, (etag, newest_at, max_age), caching.PINNED_SECONDS)
    return caching.mark(response, etag=etag, last_modified=newest_at, max_age=max_age)


@domain_errors
def list_diff(request, kind, pk):
    shown = selectors.access_public_list(kind, pk)
    versions = list(selectors.public_versions(kind, shown.pk))
    form = DiffForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    new = selectors.version_numbered(shown, data["new"]) if data.get("new") else versions[0]
    older = [v for v in versions if v.number < new.number]
    old = selectors.version_numbered(shown, data["old"]) if data.get("old") else None
    old = old or (older[0] if older else None)
    etag = caching.etag_of(request, shown.key, "diff", old.pk if old else 0, new.pk)
    if cached := caching.not_modified(request, etag=etag, last_modified=new.published_at):
        return cached
    if page := caching.page_from_cache(etag):
        return caching.mark(
            page, etag=etag, last_modified=new.published_at, max_age=caching.PINNED_SECONDS
        )
    context = {
        "shown": shown,
        "old": old,
        "new": new,
        "versions": versions,
        "diff": selectors.diff(kind, old, new) if old else None,
    }
    response = render(request, "portal/lists/diff.html", context)
    caching.keep_page(etag, response)
    return caching.mark(
        response, etag=etag, last_modified=new.published_at, max_age=caching.PINNED_SECONDS
    )


def _render_list(request, shown, form, on, version):
    rows = selectors.rows_of(shown.kind, version) if version else []
    columns = selectors.COLUMNS[shown.kind]
    keys = [key for key, _ in columns]
    found = listing(request.GET, rows, columns=keys, default_sort="position")
    context = {
        "shown": shown,
        "version": version,
        "on": on,
        "form": form,
        "versions": list(selectors.public_versions(shown.kind, shown.pk)),
        "decision": selectors.decision_of(shown, version) if version else None,
        "columns": columns,
        "listing": found,
        "table": [(row, [(key, row.get(key, "")) for key in keys]) for row in found.page],
    }
    return render(request, "portal/lists/list.html", context)
