"""HTTP and server caching of public pages: what a published version shows never changes, so a page
can carry an exact ETag and Last-Modified (from what it depends on) and be answered 304
when the browser or a proxy already has it; Cache-Control says how long to keep it."""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max, Subquery, Value
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from quanze.core.models import ChangeRecord

PINNED_SECONDS = 24 * 3600  # a page of one published version (or diff of two)
CURRENT_SECONDS = 300  # a page of "the version in force today": a publication may change it
# How far below the newest change record a late commit is still seen (see public_generation).
GENERATION_WINDOW = 2_000


def public_generation() -> str:
    """A stamp that changes whenever anything a public page may show has changed: every
    domain write records a ChangeRecord in its own transaction (core.history; services
    record explicitly, bulk writes in bulk), so the newest record moves with each
    committed change, whoever made it (publication, a penalty decision published, a
    benchmark, a contact or the exercise switch edited, a case or an exercise recorded).
    Coarse (any change, not only this page's) but exact, in one indexed query.

    On PostgreSQL ids are handed out at insert, not at commit: a transaction may commit a
    record below the newest one. The count of the records in the window below the newest
    catches that (it grows when the late one becomes visible), as long as the late commit
    lands within GENERATION_WINDOW ids of the newest. The newest record's time is part of
    the stamp too, so ids used again after a rollback (SQLite reuses them; tests roll back)
    never name another state."""
    newest = ChangeRecord.objects.order_by("-id")
    row = (
        ChangeRecord.objects.filter(
            id__gt=Subquery(newest.values("id")[:1]) - Value(GENERATION_WINDOW)
        )
        .order_by()
        .aggregate(
            newest=Max("id"),
            recent=Count("id"),
            at=Max(Subquery(newest.values("at")[:1])),
        )
    )
    at = row["at"].timestamp() if row["at"] else 0
    return f"{row['newest'] or 0}.{row['recent']}.{at}"


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


def served(request, etag: str, render_page, *, max_age: int = CURRENT_SECONDS):
    """A page whose ETag names all it shows: 304 when the browser has it, else the page kept
    under the ETag, else `render_page()` kept for the next reader; marked for caches."""
    if cached := not_modified(request, etag=etag, last_modified=None):
        return cached
    response = page_from_cache(etag)
    if response is None:
        response = render_page()
        keep_page(etag, response)
    return mark(response, etag=etag, last_modified=None, max_age=max_age)
