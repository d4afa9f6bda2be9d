"""The official list as PDF, laid out by WeasyPrint from an HTML template.

WeasyPrint draws Chinese only with a CJK font named in the CSS `font-family`
(else empty boxes, while text extraction still looks right); the template names
Noto CJK, which it embeds as a subset. The table has a fixed layout with column
widths in mm: an automatic layout measures every cell again for each page and
costs several seconds on a 350-item list.
"""

from django.template.loader import render_to_string

from quanze.catalog.documents import style
from quanze.catalog.documents.content import HEADERS, ListDocument

CONTENT_TYPE = "application/pdf"
TEMPLATE = "catalog/documents/list.html"


def html(doc: ListDocument) -> str:
    return render_to_string(
        TEMPLATE,
        {
            "doc": doc,
            "headers": HEADERS,
            "widths": style.COLUMN_WIDTHS_MM,
            "style": style,
            "font_family": style.PDF_FONT_FAMILY,
        },
    )


def _no_fetching(url: str, *args, **kwargs):
    """The template links to nothing; a URL in it would be a mistake, never fetched."""
    raise ValueError(f"清单文档不加载外部资源:{url}")


def render(doc: ListDocument) -> bytes:
    from weasyprint import HTML  # imported on use: it loads Pango and fonts

    return HTML(string=html(doc), url_fetcher=_no_fetching).write_pdf()
