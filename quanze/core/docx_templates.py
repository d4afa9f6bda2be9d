"""Filling an office-editable .docx template: `{占位符}` placeholders and table rows.

A template is any Word document with placeholders in braces, such as {乡镇} or
{文号}, in paragraphs, table cells, headers and footers. Word often splits what
the user typed as one placeholder over several runs ("{乡" "镇}"), for instance
after a spelling check or a format change; each placeholder is therefore found
on the paragraph's joined run text, and its replacement goes into the run where
it starts, so the text around it keeps its own formatting.

A placeholder whose value is a list of rows (`list[list[str]]`) must sit in a
table row; that row is the pattern: it is copied once per data row, its cells
filled with the row's values in column order, and then removed.
"""

import copy
import io
import re
import zipfile

from docx import Document
from docx.oxml.ns import qn
from docx.table import _Row  # noqa: PLC2701 (python-docx has no public row-from-XML constructor)

from quanze.core.textsafety import xml_safe

PATTERN = re.compile(r"\{([^{}\s]{1,30})\}")

Context = dict[str, str | list[list[str]]]


class TemplateError(ValueError):
    """The template cannot be filled; the message says why, in Chinese."""


# A template unpacks to a few hundred KB; python-docx unpacks every part into memory,
# so a zip bomb is refused by what really comes out before it does.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PARTS = 1000


def check_package(data: bytes) -> None:
    """Refuse an uploaded .docx that is not a zip, has too many parts or unpacks to more
    than MAX_UNPACKED_BYTES (counted while unpacking, so a lying header is caught)."""
    invalid = TemplateError("模板文件:不是有效的 Word(.docx)文件")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise invalid from None
    if len(infos) > MAX_PARTS:
        raise TemplateError(f"模板文件:内含 {len(infos)} 个部件,超过上限 {MAX_PARTS},已拒绝")
    bomb = TemplateError(
        f"模板文件:解压后超过 {MAX_UNPACKED_BYTES // (1024 * 1024)} MB,疑似压缩炸弹,已拒绝"
    )
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        raise bomb
    total = 0
    try:
        for info in infos:
            with archive.open(info) as stream:
                while chunk := stream.read(1 << 20):
                    total += len(chunk)
                    if total > MAX_UNPACKED_BYTES:
                        raise bomb
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise invalid from None
    except NotImplementedError:  # an unknown compression method
        raise invalid from None


def open_package(template_bytes: bytes):
    """The document of an uploaded .docx, once `check_package` has let it through."""
    check_package(template_bytes)
    try:
        return Document(io.BytesIO(template_bytes))
    except Exception:
        raise TemplateError("模板文件:不是有效的 Word(.docx)文件") from None


def _open(template_bytes: bytes):
    return open_package(template_bytes)


def _containers(document):
    """The document body, then every header and footer (each has paragraphs and tables)."""
    yield document
    for section in document.sections:
        parts = (
            section.header,
            section.footer,
            section.first_page_header,
            section.first_page_footer,
            section.even_page_header,
            section.even_page_footer,
        )
        for part in parts:
            if not part.is_linked_to_previous:
                yield part


def _paragraphs(container):
    yield from container.paragraphs
    for table in container.tables:
        yield from _table_paragraphs(table)


def _table_paragraphs(table):
    for row in table.rows:
        for cell in row.cells:
            yield from cell.paragraphs
            for inner in cell.tables:
                yield from _table_paragraphs(inner)


def _tables(container):
    for table in container.tables:
        yield table
        for row in table.rows:
            for cell in row.cells:
                yield from _tables(cell)


def _run_text(paragraph) -> str:
    return "".join(run.text for run in paragraph.runs)


def _fill_paragraph(paragraph, values: dict[str, str]) -> None:
    """Replace known placeholders across run boundaries; the rest of each run stays put."""
    runs = paragraph.runs
    texts = [run.text for run in runs]
    joined = "".join(texts)
    matches = [m for m in PATTERN.finditer(joined) if m.group(1) in values]
    if not matches:
        return
    bounds, position = [], 0
    for text in texts:
        bounds.append((position, position + len(text)))
        position += len(text)

    def locate(offset: int, *, end: bool) -> tuple[int, int]:
        """The run holding character `offset` (or ending at it, for an end offset)."""
        for index, (low, high) in enumerate(bounds):
            if (low < offset <= high) if end else (low <= offset < high):
                return index, offset - low
        raise AssertionError(offset)

    for match in reversed(matches):  # right to left, so earlier offsets stay valid
        first, first_at = locate(match.start(), end=False)
        last, last_at = locate(match.end(), end=True)
        value = values[match.group(1)]
        if first == last:
            texts[first] = texts[first][:first_at] + value + texts[first][last_at:]
        else:
            texts[first] = texts[first][:first_at] + value
            for index in range(first + 1, last):
                texts[index] = ""
            texts[last] = texts[last][last_at:]
    for run, text in zip(runs, texts, strict=True):
        if run.text != text:
            run.text = text


def _set_cell(cell, text: str, run_format) -> None:
    """The cell's first run holds the text; other runs and paragraphs go."""
    paragraphs = cell.paragraphs
    for extra in paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    paragraph = paragraphs[0]
    runs = paragraph.runs
    if runs:
        runs[0].text = text
        for run in runs[1:]:
            run._r.getparent().remove(run._r)
        return
    run = paragraph.add_run(text)
    if run_format is not None:
        run._r.insert(0, copy.deepcopy(run_format))


def _distinct_cells(row) -> list:
    """The row's cells left to right; a merged cell (listed once per grid column) once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _expand_rows(table, name: str, rows: list[list[str]]) -> None:
    marker = f"{{{name}}}"
    for row in list(table.rows):
        cells = _distinct_cells(row)
        if not any(marker in _run_text(p) for c in cells for p in c.paragraphs):
            continue
        width = len(cells)
        too_long = next((i for i, r in enumerate(rows, start=1) if len(r) > width), None)
        if too_long is not None:
            raise TemplateError(
                f"占位符 {marker}:第{too_long}行有{len(rows[too_long - 1])}个值,"
                f"模板表格这一行只有{width}列"
            )
        run_format = next(
            (
                run._r.rPr
                for cell in cells
                for p in cell.paragraphs
                for run in p.runs
                if run._r.rPr is not None
            ),
            None,
        )
        anchor = row._tr
        for values in rows:
            new = copy.deepcopy(row._tr)
            anchor.addnext(new)
            anchor = new
            for index, cell in enumerate(_distinct_cells(_Row(new, table))):
                _set_cell(cell, values[index] if index < len(values) else "", run_format)
        row._tr.getparent().remove(row._tr)


def placeholders(template_bytes: bytes) -> set[str]:
    """Every placeholder name the template uses, wherever Word split it."""
    document = _open(template_bytes)
    return {
        name
        for container in _containers(document)
        for paragraph in _paragraphs(container)
        for name in PATTERN.findall(_run_text(paragraph))
    }


def _merge_split_runs(paragraph) -> None:
    """Join each placeholder split over runs into the run where it starts, so the
    table-row search and the fill below both see it whole."""
    _fill_paragraph(
        paragraph, {name: f"{{{name}}}" for name in PATTERN.findall(_run_text(paragraph))}
    )


def render_docx(template_bytes: bytes, context: Context) -> bytes:
    """The template with every placeholder named in `context` filled (see the module doc).

    Placeholders not in `context` are left as they are, so a caller can check for them
    with `placeholders()` on the result.
    """
    document = _open(template_bytes)
    # Stored text may hold characters XML cannot carry: dropped, never an error.
    texts = {k: xml_safe(v) for k, v in context.items() if isinstance(v, str)}
    tables = {
        k: [[xml_safe(str(cell)) for cell in row] for row in v]
        for k, v in context.items()
        if not isinstance(v, str)
    }
    containers = list(_containers(document))
    for container in containers:
        for paragraph in _paragraphs(container):
            _merge_split_runs(paragraph)
    for name, rows in tables.items():
        marker = f"{{{name}}}"
        for container in containers:
            for paragraph in container.paragraphs:
                if marker in paragraph.text:
                    raise TemplateError(f"占位符 {marker} 是事项表,只能放在模板表格的一行中")
            for table in list(_tables(container)):
                _expand_rows(table, name, [[str(v) for v in r] for r in rows])
    for container in containers:
        for paragraph in _paragraphs(container):
            _fill_paragraph(paragraph, texts)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def east_asian_font(run_or_style, name: str) -> None:
    """Set the font for Chinese text too: python-docx sets only the Latin `w:ascii`/`w:hAnsi`."""
    run_or_style.font.name = name
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
