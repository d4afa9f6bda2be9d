"""The official list as PDF, laid out by WeasyPrint from an HTML template.

WeasyPrint draws Chinese only with a CJK font named in the CSS `font-family`
(else empty boxes, while text extraction still looks right); the template names
Noto CJK, which it embeds as a subset. The table has a fixed layout with column
widths in mm: an automatic layout measures every cell again for each page and
costs several seconds on a 350-item list. The table body is written here with
`html.escape` rather than by a template loop over every cell.

WeasyPrint matches every element against its HTML user-agent stylesheet (about
250 rules for every HTML element there is); a list document uses a dozen
elements, so `UA_CSS` gives just their defaults, which saves about 13% of a
render's CPU time (measured on a 350-item list; docs/performance.md).
"""

from functools import cache
from html import escape

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from quanze.catalog.documents import style
from quanze.catalog.documents.model import ListDocument

CONTENT_TYPE = "application/pdf"
TEMPLATE = "catalog/documents/list.html"
# What the template's elements need of a user-agent stylesheet; the template styles the rest.
UA_CSS = """
head, meta, style, title { display: none }
html, body, h1, p { display: block }
body { margin: 0 }
h1 { bookmark-level: 1; bookmark-label: content(text); break-after: avoid }
table { display: table; box-sizing: border-box; text-indent: initial }
colgroup { display: table-column-group }
col { display: table-column }
thead { display: table-header-group; vertical-align: middle }
tbody { display: table-row-group; vertical-align: middle }
tr { display: table-row; vertical-align: inherit }
td, th { display: table-cell; vertical-align: inherit }
@page { @bottom-center { text-align: center; vertical-align: middle } }
"""


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


@cache
def list_html_class():
    """WeasyPrint's HTML with `UA_CSS` as its user-agent stylesheet (built on first
    use: importing WeasyPrint loads Pango)."""
    from weasyprint import CSS, HTML

    stylesheet = CSS(string=UA_CSS)

    class ListHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [stylesheet]

    return ListHTML


def render(doc: ListDocument) -> bytes:
    return list_html_class()(string=html(doc), url_fetcher=_no_fetching).write_pdf()
