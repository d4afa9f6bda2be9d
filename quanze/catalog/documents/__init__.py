"""Official documents of published lists (issue 3 item 9): .docx and PDF.

A content builder per kind of list fills a `model.ListDocument` (title, document
number, effective date, columns, rows, optional groups): `content.list_document`
for a catalog version (序号, 事项名称, 类型, 依据, 原实施主体, 承接主体, 方式),
`quanze.duties.dutylists.documents.duty_document` for a township duty list. `docx.render`
and `pdf.render` lay any of them out on A4 landscape with Chinese fonts embedded
or named, repeated header rows and page numbers; `store` keeps what versions past
draft render. `render(version, fmt)` is what a catalog version's download serves.
The .xlsx/.csv export stays in `quanze.catalog.catalogs.exporting` (the standard import
layout, not a document).
"""

from quanze.catalog.catalogs.models import CatalogVersion
from quanze.catalog.documents import docx, pdf, store
from quanze.catalog.documents.content import COLUMNS, HEADERS, list_document
from quanze.catalog.documents.model import Columns, ListDocument

FORMATS = {"docx": docx, "pdf": pdf}


def content_type(fmt: str) -> str:
    return FORMATS[fmt].CONTENT_TYPE


def render_document(doc: ListDocument, fmt: str, *, keep: bool) -> bytes:
    """`doc` in `fmt` ("docx" or "pdf"); with `keep`, rendered once and then read from
    `store` (for versions past draft, which do not change)."""
    return store.rendered(doc, fmt, FORMATS[fmt].render, keep=keep)


def prerender(doc: ListDocument) -> None:
    """Render and keep every format of `doc`, so its first download is a file read
    (the background tasks of publishing call this)."""
    for fmt in FORMATS:
        render_document(doc, fmt, keep=True)


def render(version: CatalogVersion, fmt: str) -> tuple[ListDocument, bytes]:
    """A catalog version's document in `fmt`; versions past draft are kept."""
    doc = list_document(version)
    keep = version.status != CatalogVersion.Status.DRAFT
    return doc, render_document(doc, fmt, keep=keep)


__all__ = [
    "COLUMNS",
    "FORMATS",
    "HEADERS",
    "Columns",
    "ListDocument",
    "content_type",
    "list_document",
    "prerender",
    "render",
    "render_document",
]
