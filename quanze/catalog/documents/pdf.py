"""The official list as PDF, laid out by WeasyPrint from an HTML template.

WeasyPrint draws Chinese only with a CJK font named in the CSS `font-family`
(else empty boxes, while text extraction still looks right); the template names
Noto CJK, which it embeds as a subset. The table has a fixed layout with column
widths in mm: an automatic layout measures every cell again for each page and
costs several seconds on a 350-item list. The table body is written here with
`html.escape` rather than by a template loop over every cell.
"""

from html import escape

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from quanze.catalog.documents import style
from quanze.catalog.documents.model import ListDocument

CONTENT_TYPE = "application/pdf"
TEMPLATE = "catalog/documents/list.html"


def _body(doc: ListDocument) -> str:
    columns = doc.columns
    classes = [
        " ".join(
            name
            for name, on in (("c", i in columns.centred), ("pre", i in columns.multiline))
            if on
        )
        for i in range(len(columns.headers))
    ]
    opening = [f'<td class="{c}">' if c else "<td>" for c in classes]
    lines = []
    for heading, rows in doc.sections:
        if heading:
            lines.append(
                f'<tr class="group"><td colspan="{len(classes)}">{escape(heading)}</td></tr>'
            )
        for row in rows:
            cells = "".join(f"{o}{escape(v)}</td>" for o, v in zip(opening, row, strict=True))
            lines.append(f"<tr>{cells}</tr>")
    return "\n".join(lines)


def html(doc: ListDocument) -> str:
    return render_to_string(
        TEMPLATE,
        {
            "doc": doc,
            "headers": doc.columns.headers,
            "widths": doc.columns.widths_mm,
            "body": mark_safe(_body(doc)),  # every value escaped in _body
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
