"""Excel-like work on a long list: search inside it, sort by any column, page it.

One helper for the list pages that show rows already in memory (a catalog version's
entries): `listing(request.GET, rows, columns=…)` filters the rows whose searched columns
contain the words of `q` (every word, in any column), sorts by `sort` (a column key,
`-key` descending; numbers as numbers, empty values last) and pages them. The template
`core/_listing.html` draws the search box, `core/_pager.html` the pager, and the tag
`{% sort_header listing key header %}` (quanze_listing) each sortable column head; links
keep the other parameters of the page.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

PAGE_SIZES = (50, 100, 200)
# The print view of a database-backed list shows at most this many rows (the first ones in
# the chosen order); in-memory lists print whole.
PRINT_LIMIT = 2000


@dataclass
class Listing:
    page: Page
    q: str
    sort: str
    page_size: int
    total: int
    query: dict  # the page's other GET parameters
    printing: bool = False  # ?print=1: every found row on one page, for the print view

    def url(self, **changes) -> str:
        """`?…` with these parameters changed (None drops one), the others kept."""
        params = {
            **self.query,
            "q": self.q,
            "sort": self.sort,
            "size": self.page_size,
            "page": self.page.number,
        }
        params.update(changes)
        return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})

    @property
    def previous_url(self) -> str:
        return self.url(page=self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.url(page=self.page.next_page_number()) if self.page.has_next() else ""

    @property
    def clear_url(self) -> str:
        return self.url(q=None, page=None)

    @property
    def print_url(self) -> str:
        return self.url(print=1, page=None)

    @property
    def back_url(self) -> str:
        """From the print view back to the paged list."""
        return self.url(print=None)

    @property
    def sizes(self) -> tuple[int, ...]:
        return PAGE_SIZES

    def sort_url(self, key: str) -> str:
        """Sort by `key`; the same key again reverses the order. Back to page one."""
        return self.url(sort=f"-{key}" if self.sort == key else key, page=None)

    def sort_mark(self, key: str) -> str:
        return "▲" if self.sort == key else "▼" if self.sort == f"-{key}" else ""

    def sort_state(self, key: str) -> str:
        """The header cell's aria-sort value."""
        return {"▲": "ascending", "▼": "descending"}.get(self.sort_mark(key), "none")


def listing(params, rows: list[dict], *, columns, search=None, default_sort="") -> Listing:
    """`columns`: the sortable column keys; `search`: the keys `q` looks in (all columns)."""
    q = (params.get("q") or "").strip()
    sort = params.get("sort") or default_sort
    if sort.lstrip("-") not in columns:
        sort = default_sort
    size = _size(params)
    found = filter_rows(rows, q, search or columns)
    if sort:
        found = sort_rows(found, sort)
    printing = _printing(params)
    page = Paginator(found, max(len(found), 1) if printing else size).get_page(
        1 if printing else params.get("page")
    )
    return Listing(
        page=page, q=q, sort=sort, page_size=size, total=len(rows), query=_others(params),
        printing=printing,
    )  # fmt: skip


def listing_queryset(params, qs, *, columns: dict, search, default_sort="") -> Listing:
    """The same tools on a queryset too long to read whole (an event queue): `columns` maps
    each sortable column key to its ORM path, `search` lists the ORM paths `q` looks in
    (every word, in any of them). Empty values sort last, as in `sort_rows`."""
    from django.db.models import F, Q

    q = (params.get("q") or "").strip()
    sort = params.get("sort") or default_sort
    if sort.lstrip("-") not in columns:
        sort = default_sort
    size = _size(params)
    total = qs.count()
    for word in q.split():
        condition = Q()
        for path in search:
            condition |= Q(**{f"{path}__icontains": word})
        qs = qs.filter(condition)
    if sort:
        path, descending = columns[sort.lstrip("-")], sort.startswith("-")
        # NULLS LAST only where there can be nulls: on a column that is never empty the
        # plain order (and the tie-break in the same direction) is what an index on
        # (scope, column) delivers, so a page reads its rows instead of sorting them all.
        field = F(path)
        nulls = {"nulls_last": True} if _nullable(qs.model, path) else {}
        order = field.desc(**nulls) if descending else field.asc(**nulls)
        qs = qs.order_by(order, "-pk" if descending else "pk")
    printing = _printing(params)
    # The page's ids first, then those rows with their joins: the sort and the LIMIT run
    # over the bare table instead of joining every matching row before sorting (a
    # department's year: a thousand events joined to 40,000 townships and units).
    paginator = Paginator(qs.values_list("pk", flat=True), PRINT_LIMIT if printing else size)
    if not q:
        paginator.count = total  # the same rows, already counted
    page = paginator.get_page(1 if printing else params.get("page"))
    ids = list(page.object_list)
    rows = qs.order_by().in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids]
    return Listing(
        page=page, q=q, sort=sort, page_size=size, total=total, query=_others(params),
        printing=printing,
    )  # fmt: skip


def _nullable(model, path: str) -> bool:
    """Whether the column at the ORM path `a__b__c` may be NULL (through a nullable or
    reverse relation too)."""
    for name in path.split("__"):
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        if getattr(field, "null", True) or not field.concrete:
            return True
        model = field.related_model or model
    return False


def _printing(params) -> bool:
    return params.get("print") == "1"


def _others(params) -> dict:
    skip = ("q", "sort", "size", "page", "print")
    return {k: v for k, v in params.items() if k not in skip}


def _size(params) -> int:
    try:
        size = int(params.get("size") or PAGE_SIZES[0])
    except ValueError:
        size = PAGE_SIZES[0]
    return size if size in PAGE_SIZES else PAGE_SIZES[0]


def filter_rows(rows: list[dict], q: str, keys) -> list[dict]:
    words = q.lower().split()
    if not words:
        return list(rows)
    return [
        row
        for row in rows
        if all(any(word in str(row.get(k) or "").lower() for k in keys) for word in words)
    ]


def sort_rows(rows: list[dict], sort: str) -> list[dict]:
    key, descending = sort.lstrip("-"), sort.startswith("-")
    filled = [row for row in rows if row.get(key) not in (None, "")]
    empty = [row for row in rows if row.get(key) in (None, "")]
    numeric = all(_is_number(row[key]) for row in filled)

    def value(row):
        return float(row[key]) if numeric else str(row[key])

    return sorted(filled, key=value, reverse=descending) + empty


def _is_number(value) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True
