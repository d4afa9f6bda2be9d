"""Official documents of a catalog version (issue 3 item 9): the list as .docx and PDF.

`list_document(version)` gathers what an official list shows (title, document number,
effective date, one row per item: 序号, 事项名称, 类型, 依据, 原实施主体, 承接主体, 方式);
`docx.render` and `pdf.render` lay it out on A4 landscape with Chinese fonts embedded
or named, repeated header rows and page numbers. `render(version, fmt)` is what the
download serves. The .xlsx/.csv export stays in `quanze.catalog.exporting` (the
standard import layout, not a document).
"""

from quanze.catalog.documents import docx, pdf, store
from quanze.catalog.documents.content import HEADERS, ListDocument, list_document
from quanze.catalog.models import CatalogVersion

FORMATS = {"docx": docx, "pdf": pdf}


def content_type(fmt: str) -> str:
    return FORMATS[fmt].CONTENT_TYPE


def render(version: CatalogVersion, fmt: str) -> tuple[ListDocument, bytes]:
    """The version's document in `fmt` ("docx" or "pdf"); versions past draft are
    rendered once and then served from `store`."""
    doc = list_document(version)
    keep = version.status != CatalogVersion.Status.DRAFT
    return doc, store.rendered(doc, fmt, FORMATS[fmt].render, keep=keep)


__all__ = ["FORMATS", "HEADERS", "ListDocument", "content_type", "list_document", "render"]
