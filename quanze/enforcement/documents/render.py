"""Rendering documents: a template filled from the case (.docx), the same filled document
as PDF, and the case file (案卷) as one PDF.

The .docx is the county's template (or the default) filled by `core/docx_templates.py`.
The PDF is drawn by WeasyPrint (LibreOffice is not part of the stack) from HTML that
`docx_html` reads off that same filled .docx: paragraphs with their alignment, bold and
size, tables with merged cells and column widths. So a replaced template shows in the PDF
as it does in Word. WeasyPrint draws Chinese only with a CJK font named in the CSS; the
page template names Noto CJK (as the catalog's list documents do), embedded as a subset.

The case file lays out cover, index (卷内目录), every document the case has in lifecycle
order, the evidence list and the remarks sheet (备考表), numbering pages at the foot. The
index's page numbers come from the layout itself: a first pass finds the page each
section starts on (WeasyPrint's page anchors), the second fills them into the index
(whose rows, and so whose length, stay the same).
"""

import io
from dataclasses import dataclass
from functools import cache
from html import escape

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table
from docx.text.paragraph import Paragraph

from quanze.catalog.documents.style import PDF_FONT_FAMILY
from quanze.core.docx_templates import render_docx
from quanze.enforcement.documents import context as ctx
from quanze.enforcement.documents.kinds import COVER, INDEX, Kind, available

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
PAGE_TEMPLATE = "enforcement/documents/pdf.html"
ALIGN = {
    WD_ALIGN_PARAGRAPH.CENTER: "center",
    WD_ALIGN_PARAGRAPH.RIGHT: "right",
    WD_ALIGN_PARAGRAPH.JUSTIFY: "justify",
    WD_ALIGN_PARAGRAPH.DISTRIBUTE: "justify",
}
MAX_PASSES = 3


# ---- .docx ---------------------------------------------------------------------------------


def fill(template: bytes, record: ctx.CaseRecord, kind: Kind) -> bytes:
    """The kind's template filled from the case."""
    return render_docx(template, ctx.values(record, kind))


# ---- .docx -> HTML -------------------------------------------------------------------------


def _alignment(paragraph: Paragraph):
    if paragraph.alignment is not None:
        return paragraph.alignment
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.alignment is not None:
            return style.paragraph_format.alignment
        style = style.base_style
    return None


def _paragraph_html(paragraph: Paragraph) -> str:
    css = []
    align = ALIGN.get(_alignment(paragraph))
    if align:
        css.append(f"text-align:{align}")
    indent = paragraph.paragraph_format.first_line_indent
    if indent and indent > 0:
        css.append(f"text-indent:{indent.pt:.0f}pt")
    parts = []
    for run in paragraph.runs:
        if not run.text:
            continue
        text = escape(run.text).replace("\n", "<br>")
        style = f"font-size:{run.font.size.pt:g}pt" if run.font.size else ""
        if run.bold:
            text = f"<b>{text}</b>"
        parts.append(f'<span style="{style}">{text}</span>' if style else text)
    body = "".join(parts) or "&nbsp;"
    attr = f' style="{";".join(css)}"' if css else ""
    return f"<p{attr}>{body}</p>"


def _blocks_html(container) -> str:
    out = []
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            out.append(_paragraph_html(block))
        elif isinstance(block, Table):
            out.append(_table_html(block))
    return "\n".join(out)


def _table_html(table: Table) -> str:
    widths = [col.w or 0 for col in table._tbl.tblGrid.gridCol_lst]
    total = sum(widths)
    cols = "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in widths) if total else ""
    rows, first_row, spans = [], {}, {}
    for index, row in enumerate(table.rows):
        distinct = []
        for cell in row.cells:
            key = cell._tc  # a merged cell is listed once per grid column (and row) it covers
            if any(k is key for k, _ in distinct):
                continue
            distinct.append((key, cell))
            first_row.setdefault(key, index)
            spans[key] = spans.get(key, 0) + 1
        rows.append(distinct)
    lines = []
    for index, distinct in enumerate(rows):
        cells = []
        for key, cell in distinct:
            if first_row[key] != index:
                continue  # the lower part of a vertically merged cell
            attrs = ""
            if cell.grid_span > 1:
                attrs += f' colspan="{cell.grid_span}"'
            if spans[key] > 1:
                attrs += f' rowspan="{spans[key]}"'
            cells.append(f"<td{attrs}>{_blocks_html(cell)}</td>")
        lines.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table><colgroup>{cols}</colgroup>{''.join(lines)}</table>"


def docx_html(docx: bytes) -> str:
    """The body of a filled .docx as an HTML fragment (see the module doc)."""
    return _blocks_html(Document(io.BytesIO(docx)))


# ---- PDF -----------------------------------------------------------------------------------


@dataclass
class Section:
    id: str
    title: str
    html: str


def _no_fetching(url: str, *args, **kwargs):
    """The page links to nothing; a URL in it would be a mistake, never fetched."""
    raise ValueError(f"执法文书不加载外部资源:{url}")


@cache
def _html_class():
    from weasyprint import HTML  # importing WeasyPrint loads Pango: on first use only

    return HTML


def _layout(title: str, sections: list[Section]):
    page = render_to_string(
        PAGE_TEMPLATE,
        {
            "title": title,
            "sections": [(s.id, mark_safe(s.html)) for s in sections],  # escaped in docx_html
            "font_family": mark_safe(PDF_FONT_FAMILY),
        },
    )
    return _html_class()(string=page, url_fetcher=_no_fetching).render()


def document_pdf(docx: bytes, title: str) -> bytes:
    """One filled document as PDF."""
    return _layout(title, [Section("doc", title, docx_html(docx))]).write_pdf()


def _start_pages(layout) -> dict[str, int]:
    pages = {}
    for number, page in enumerate(layout.pages, start=1):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def case_file_kinds(record: ctx.CaseRecord) -> list[Kind]:
    """Cover, index, then every document the case has, in lifecycle order."""
    return available(record.progress)


def case_file_pdf(record: ctx.CaseRecord, templates: dict[str, bytes], *, progress=None) -> bytes:
    """The case file as one PDF; `templates` maps each kind's code to its template.
    `progress(done, total)` is told as each document is filled (the layout passes count
    as the last one)."""
    progress = progress or (lambda done, total: None)
    kinds = case_file_kinds(record)
    listed = [k for k in kinds if k.code not in (COVER, INDEX)]
    dates = {}
    for kind in listed:
        step = record.last(kind.step)
        dates[kind.code] = ctx.day(step.on) if step is not None else ""

    def index_rows(pages: dict[str, int]) -> list[list[str]]:
        return [
            [
                str(n),
                kind.name,
                ctx.document_number(record.case, kind),
                dates[kind.code],
                str(pages.get(kind.code, "")),
            ]
            for n, kind in enumerate(listed, start=1)
        ]

    def section(kind: Kind) -> Section:
        return Section(kind.code, kind.name, docx_html(fill(templates[kind.code], record, kind)))

    title = f"{record.case.number} 案卷"
    pages: dict[str, int] = {}
    record.index_rows = index_rows(pages)
    total = len(kinds) + 1
    sections = []
    for kind in kinds:  # filled once: only the index changes
        sections.append(section(kind))
        progress(len(sections), total)
    at = next(i for i, kind in enumerate(kinds) if kind.code == INDEX)
    for _ in range(MAX_PASSES):
        layout = _layout(title, sections)
        found = _start_pages(layout)
        if all(found.get(k.code) == pages.get(k.code) for k in listed):
            break
        pages = found
        record.index_rows = index_rows(pages)
        sections[at] = section(kinds[at])
    content = layout.write_pdf()
    progress(total, total)
    return content
