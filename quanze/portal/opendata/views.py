"""Open data: the catalogue page and each published version's files at stable URLs,
with ETag and Last-Modified (a published version never changes, so both are exact)."""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from quanze.core.errors import NotFound
from quanze.core.listing import PAGE_SIZES, listing
from quanze.portal.caching import etag_of, mark, not_modified
from quanze.portal.opendata import formats, linked
from quanze.portal.opendata.selectors import (
    KINDS,
    all_datasets,
    catalogue_page,
    current_dataset,
    dataset,
)

WRITERS = {"csv": formats.as_csv, "xlsx": formats.as_xlsx, "json": formats.as_json}
# A day in shared caches; the URL names one published version, which never changes.
CACHE_CONTROL = "public, max-age=86400"
# The catalogue changes with each publication: five minutes.
CATALOGUE_SECONDS = 300


def _found(produce):
    try:
        return produce()
    except NotFound:
        raise Http404("数据集不存在或未发布") from None


def _conditional(request, data, fmt, extra=""):
    """A 304 when the client holds this file already, else None; plus the headers."""
    stamp = int(data.version.published_at.timestamp())
    etag = f'"{data.slug}-{stamp}-{fmt}{extra}"'
    modified = stamp  # whole seconds, as Last-Modified carries them
    return etag, modified, get_conditional_response(request, etag=etag, last_modified=modified)


def _send(request, data, fmt, produce, *, filename, extra=""):
    etag, modified, early = _conditional(request, data, fmt, extra)
    response = early or HttpResponse(produce(), content_type=formats.CONTENT_TYPES[fmt])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = CACHE_CONTROL
    if early is None and fmt in ("csv", "xlsx"):
        response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@require_GET
def data_version(request, kind, pk, fmt):
    data = _found(lambda: dataset(kind, pk))
    if fmt == "jsonld":
        version_url = request.build_absolute_uri()
        if kind != "catalog":
            return _send(
                request, data, fmt, lambda: linked.list_jsonld(data, version_url),
                filename=data.slug,
            )  # fmt: skip
        return _send(
            request, data, fmt,
            lambda: formats.as_jsonld(data, lambda code: _item_url(request, data, code), version_url),
            filename=data.slug,
        )  # fmt: skip
    return _send(request, data, fmt, lambda: WRITERS[fmt](data), filename=data.slug)


def _item_url(request, data, code):
    return request.build_absolute_uri(reverse("portal:data_item", args=[data.version.pk, code]))


@require_GET
def data_item(request, pk, code):
    """One item of a published catalog version as a CPSV-AP public service."""
    data = _found(lambda: dataset("catalog", pk))
    version_url = request.build_absolute_uri(
        reverse("portal:data_version", args=["catalog", pk, "jsonld"])
    )
    body = formats.as_jsonld(data, lambda c: _item_url(request, data, c), version_url, code=code)
    if body is None:
        raise Http404("事项不存在")
    return _send(request, data, "jsonld", lambda: body, filename=code, extra=f"-{code}")


@require_GET
def data_current(request, kind, list_id, fmt):
    """The stable address of a list's version in force: a redirect to that version."""
    data = _found(lambda: current_dataset(kind, list_id))
    return redirect("portal:data_version", kind=kind, pk=data.version.pk, fmt=fmt)


def _entry(request, data) -> dict:
    files = {
        fmt: request.build_absolute_uri(
            reverse("portal:data_version", args=[data.kind, data.version.pk, fmt])
        )
        for fmt in ("csv", "xlsx", "json", "jsonld")
    }
    return {**formats.metadata(data), "status": data.version.get_status_display(), "files": files}


def _catalogue(request, datasets, produce, fmt, *, newest=None, extra=()):
    """A catalogue answer with an ETag over every dataset listed (kind, id, publication
    time) and `extra` (a page's total), and Last-Modified the newest publication (of
    `datasets` unless given): a publication adds a dataset, hence changes both; a 304
    when the client holds the same."""
    if newest is None:
        newest = max((d.version.published_at for d in datasets), default=None)
    etag = etag_of(
        request, "catalogue", fmt, newest, *extra,
        *(f"{d.slug}@{d.version.published_at.timestamp()}" for d in datasets),
    )  # fmt: skip
    early = not_modified(request, etag=etag, last_modified=newest)
    response = early or produce()
    return mark(response, etag=etag, last_modified=newest, max_age=CATALOGUE_SECONDS)


# The catalogue page's columns (sortable) and what `q` looks in.
COLUMNS = [
    ("kind_label", "类别"),
    ("title", "清单"),
    ("unit", "所属"),
    ("status", "状态"),
    ("document_number", "文号"),
    ("effective_date", "生效日期"),
]


def _rows(datasets, kind: str) -> list[dict]:
    """The catalogue's rows (in its order: `position`), of one kind when `kind` names one."""
    return [
        {
            "position": n,
            "kind_label": KINDS[d.kind],
            "title": d.title,
            "unit": d.unit,
            "status": d.version.get_status_display(),
            "document_number": d.version.document_number or "",
            "effective_date": (
                d.version.effective_date.isoformat() if d.version.effective_date else ""
            ),
            "data": d,
        }
        for n, d in enumerate(datasets, 1)
        if not kind or d.kind == kind
    ]


@require_GET
def data_catalogue(request):
    """Every dataset, searched, sorted and paged as the list pages are (core.listing):
    ?kind= one kind, ?q= words, ?sort= a column, ?size= and ?page=; ?dataset= a dataset's
    landing page (`_landing`)."""
    datasets = all_datasets()
    if "dataset" in request.GET:
        return _landing(request, datasets, request.GET["dataset"])
    kind = request.GET.get("kind", "")
    kind = kind if kind in KINDS else ""

    def produce():
        found = listing(
            request.GET, _rows(datasets, kind), columns=["position", *(k for k, _ in COLUMNS)],
            search=["title", "unit", "document_number", "kind_label"], default_sort="position",
        )  # fmt: skip
        context = {"listing": found, "columns": COLUMNS, "kinds": KINDS, "kind": kind}
        return render(request, "portal/data_catalogue.html", context)

    return _catalogue(request, datasets, produce, "html")


def _landing(request, datasets, slug: str):
    """A dataset's dcat:landingPage (`?dataset=duty-12`): a redirect to the catalogue page
    that holds its row in the default order (every kind, the catalogue's order, the default
    page size), at the row's anchor, so the address lands wherever publications have moved
    the row. An unknown or unpublished dataset is a 404 page that says so."""
    position = next((n for n, d in enumerate(datasets) if d.slug == slug), None)
    if position is None:
        response = render(request, "portal/data_missing.html", {"slug": slug}, status=404)
        response.quanze_page = True  # our own page, kept under DEBUG (core.pages)
        return response
    page = position // PAGE_SIZES[0] + 1
    return redirect(f"{reverse('portal:data_catalogue')}?page={page}#{slug}")


@require_GET
def data_catalogue_json(request):
    datasets = all_datasets()
    return _catalogue(
        request, datasets,
        lambda: JsonResponse(
            {"datasets": [_entry(request, d) for d in datasets]},
            json_dumps_params={"ensure_ascii": False},
        ), "json",
    )  # fmt: skip


def _dcat(request, *, paged: bool):
    """The DCAT-AP catalogue (opendata/linked.py): every published version a dcat:Dataset,
    each file a dcat:Distribution; paged (?page=N, 404 outside 1..last) or in full. A
    page is cut in the database (`selectors.catalogue_page`), so it costs the same
    whatever the catalogue's size; the full export reads everything."""
    page = None
    if paged:
        raw = request.GET.get("page", "1")
        if not raw.isdecimal() or len(raw) > 9:
            raise Http404("没有这一页")
        page = catalogue_page(int(raw), linked.PAGE_SIZE)
        if not 1 <= page.number <= linked.page_count(page.total):
            raise Http404("没有这一页")
        datasets = page.datasets
    else:
        datasets = all_datasets()
    here = request.build_absolute_uri(reverse("portal:data_catalogue_dcat"))
    home = request.build_absolute_uri(reverse("portal:data_catalogue"))

    def file_url(data, fmt):
        return request.build_absolute_uri(
            reverse("portal:data_version", args=[data.kind, data.version.pk, fmt])
        )

    def identifier(data):
        """The dataset's @id: the catalogue page's anchor of its row, kept stable."""
        slug = data.slug if hasattr(data, "slug") else "-".join(map(str, data))
        return f"{home}#{slug}"

    def landing(data):
        """The address that opens the catalogue page holding the row (`_landing`)."""
        return f"{home}?dataset={data.slug}"

    def produce():
        body = linked.dcat_catalogue(
            datasets, file_url=file_url, identifier=identifier, landing=landing, home=home,
            page=page, address=lambda n: f"{here}?page={n}",
        )  # fmt: skip
        return HttpResponse(body, content_type=formats.CONTENT_TYPES["jsonld"])

    if page is None:
        return _catalogue(request, datasets, produce, "jsonld-all")
    return _catalogue(
        request, datasets, produce, "jsonld", newest=page.newest, extra=(page.total, page.previous)
    )


@require_GET
def data_catalogue_dcat(request):
    """One page of the DCAT-AP catalogue (the first without ?page)."""
    return _dcat(request, paged=True)


@require_GET
def data_catalogue_dcat_all(request):
    """The whole DCAT-AP catalogue in one document (the full export)."""
    return _dcat(request, paged=False)
