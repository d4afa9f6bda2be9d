"""HTTP and server caching of public pages: what a published version shows never changes, so a page
can carry an exact ETag and Last-Modified (from what it depends on) and be answered 304
when the browser or a proxy already has it; Cache-Control says how long to keep it."""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

PINNED_SECONDS = 24 * 3600  # a page of one published version (or diff of two)
CURRENT_SECONDS = 300  # a page of "the version in force today": a publication may change it


def etag_of(request, *parts) -> str:
    """The ETag of a page: what it shows (`parts`: list, version ids) and how (the query:
    search, sort, page), hashed short."""
    text = "|".join(str(p) for p in (*parts, request.GET.urlencode()))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def not_modified(request, *, etag: str, last_modified):
    """A 304 response when the request's validators still match, else None."""
    return get_conditional_response(
        request,
        etag=quote_etag(etag),
        last_modified=int(last_modified.timestamp()) if last_modified else None,
    )


def mark(response, *, etag: str, last_modified, max_age: int):
    response["ETag"] = quote_etag(etag)
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def page_from_cache(etag: str) -> HttpResponse | None:
    """The page rendered before under this ETag. Exact without invalidation: the ETag names
    everything the page shows (list, version, the list's newest publication, the query),
    and a publication changes the newest version, hence the ETag."""
    body = cache.get(f"portal:page:{etag}")
    return None if body is None else HttpResponse(body)


def keep_page(etag: str, response) -> None:
    if response.status_code == 200:
        cache.set(f"portal:page:{etag}", response.content, PINNED_SECONDS)
