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


@dataclass
class Listing:
    page: Page
    q: str
    sort: str
    page_size: int
    total: int
    query: dict  # the page's other GET parameters

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
    try:
        size = int(params.get("size") or PAGE_SIZES[0])
    except ValueError:
        size = PAGE_SIZES[0]
    size = size if size in PAGE_SIZES else PAGE_SIZES[0]
    found = filter_rows(rows, q, search or columns)
    if sort:
        found = sort_rows(found, sort)
    page = Paginator(found, size).get_page(params.get("page"))
    others = {k: v for k, v in params.items() if k not in ("q", "sort", "size", "page")}
    return Listing(page=page, q=q, sort=sort, page_size=size, total=len(rows), query=others)


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
