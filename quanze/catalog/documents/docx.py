"""The official list as a Word document: A4 landscape, repeated header row, page numbers.

Chinese text needs the East Asian font (`w:eastAsia`) as well as the Latin one,
or Word falls back to its default; it is set on every style the document uses,
so each run inherits it without formatting of its own.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell  # noqa: PLC2701 (python-docx has no public cell-from-XML constructor)

from quanze.catalog.documents import style
from quanze.catalog.documents.model import ListDocument
from quanze.core.docx_templates import east_asian_font

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TABLE_STYLE, HEADER_STYLE, TITLE_STYLE, META_STYLE = "清单表格", "清单表头", "清单标题", "清单说明"


def _styles(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    east_asian_font(normal, style.DOCX_BODY_FONT)
    normal.font.size = Pt(style.TABLE_PT)

    def paragraph_style(name, font, size, *, bold=False, centred=False):
        made = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        made.base_style = normal
        east_asian_font(made, font)
        made.font.size = Pt(size)
        made.font.bold = bold
        made.paragraph_format.space_before = Pt(0)
        made.paragraph_format.space_after = Pt(0)
        if centred:
            made.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return made

    paragraph_style(TITLE_STYLE, style.DOCX_TITLE_FONT, style.TITLE_PT, bold=True, centred=True)
    styles[TITLE_STYLE].paragraph_format.space_after = Pt(12)
    paragraph_style(META_STYLE, style.DOCX_META_FONT, style.META_PT, centred=True)
    paragraph_style(TABLE_STYLE, style.DOCX_BODY_FONT, style.TABLE_PT)
    paragraph_style(HEADER_STYLE, style.DOCX_TITLE_FONT, style.TABLE_PT, bold=True, centred=True)


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(style.PAGE_WIDTH_MM), Mm(style.PAGE_HEIGHT_MM)
    section.left_margin = section.right_margin = Mm(style.MARGIN_SIDE_MM)
    section.top_margin, section.bottom_margin = Mm(style.MARGIN_TOP_MM), Mm(style.MARGIN_BOTTOM_MM)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles[META_STYLE]
    footer.add_run("第 ")
    _field(footer, "PAGE")
    footer.add_run(" 页 共 ")
    _field(footer, "NUMPAGES")
    footer.add_run(" 页")


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word computes when it lays out the pages."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _fill(cell: _Cell, text: str, style_id: str, *, centred: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    # Set through the XML: python-docx's `paragraph.style = …` looks the style up
    # among all styles on every call, which costs seconds over a 350-row table.
    properties = paragraph._p.get_or_add_pPr()
    properties.style = style_id
    if centred:
        properties.jc_val = WD_ALIGN_PARAGRAPH.CENTER
    if text:
        paragraph.add_run(text)  # "\n" becomes a line break


def _table(document, doc: ListDocument) -> None:
    columns = doc.columns
    sections = doc.sections
    headings = sum(1 for heading, _ in sections if heading)
    table = document.add_table(rows=1 + headings + len(doc.rows), cols=len(columns.headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(w) for w in columns.widths_mm]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    body, header = document.styles[TABLE_STYLE].style_id, document.styles[HEADER_STYLE].style_id
    rows = iter(table._tbl.tr_lst)
    # The header row repeats at the top of every page (w:tblHeader) and never splits.
    first = next(rows)
    properties = first.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        properties.append(OxmlElement(tag))
    _row(table, first, columns.headers, widths, header, centred=range(len(widths)))
    for heading, section_rows in sections:
        if heading:  # one cell across the table: 一、基本权责(133项)
            tr = next(rows)
            _row(table, tr, [heading] + [""] * (len(widths) - 1), widths, header, centred=())
            cells = [_Cell(tc, table) for tc in tr.tc_lst]
            cells[0].merge(cells[-1]).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
        for values in section_rows:
            _row(table, next(rows), values, widths, body, centred=columns.centred)


def _row(table, tr, values, widths, style_id: str, *, centred) -> None:
    for index, (tc, value) in enumerate(zip(tr.tc_lst, values, strict=True)):
        cell = _Cell(tc, table)
        cell.width = widths[index]
        _fill(cell, value, style_id, centred=index in centred)


def render(doc: ListDocument) -> bytes:
    document = Document()
    _styles(document)
    _page(document)
    document.core_properties.title = doc.title
    title = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    title.style = document.styles[TITLE_STYLE]
    title.add_run(doc.title)
    if doc.notice:
        notice = document.add_paragraph(style=META_STYLE).add_run(doc.notice)
        notice.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    meta = document.add_paragraph(style=META_STYLE)
    meta.add_run("    ".join(f"{label}:{value}" for label, value in doc.meta))
    meta.paragraph_format.space_after = Pt(6)
    _table(document, doc)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
