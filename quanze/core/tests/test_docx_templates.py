"""Filling .docx templates: placeholders split by Word, table rows, headers, bad templates."""

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from quanze.core.docx_templates import TemplateError, placeholders, render_docx


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _template() -> bytes:
    """What Word leaves after an edit: `{乡镇}` split over three runs, one of them bold."""
    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("受委托方:")
    paragraph.add_run("{乡").bold = True
    paragraph.add_run("镇")
    paragraph.add_run("}(以下简称乙方),文号{文号}。")
    document.sections[0].header.paragraphs[0].text = "{县}人民政府"
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["序号", "事项名称", "原实施部门"], strict=True):
        cell.text = text
    marker = table.rows[1].cells[0].paragraphs[0]
    marker.add_run("{事项")
    run = marker.add_run("清单}")
    run.font.name = "仿宋"
    run.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    document.add_paragraph("共{事项数}项")
    return _save(document)


def _body(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs]


def test_it_fills_a_placeholder_that_word_split_over_runs():
    filled = render_docx(_template(), {"乡镇": "锦水街道", "文号": "平政发〔2025〕8号"})
    paragraph = Document(io.BytesIO(filled)).paragraphs[0]
    assert paragraph.text == "受委托方:锦水街道(以下简称乙方),文号平政发〔2025〕8号。"
    # The value takes the format of the run where the placeholder began; the text
    # around it keeps its own.
    assert [(r.text, bool(r.bold)) for r in paragraph.runs if r.text] == [
        ("受委托方:", False),
        ("锦水街道", True),
        ("(以下简称乙方),文号平政发〔2025〕8号。", False),
    ]


def test_it_lists_placeholders_wherever_word_split_them():
    assert placeholders(_template()) == {"乡镇", "文号", "县", "事项清单", "事项数"}


def test_it_expands_a_table_placeholder_into_rows_in_the_template_format():
    rows = [["1", "对违法建设行为的处罚", "县城管局"], ["2", "对占道经营的处罚", "县城管局"]]
    filled = render_docx(_template(), {"事项清单": rows, "事项数": "2"})
    document = Document(io.BytesIO(filled))
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["序号", "事项名称", "原实施部门"],
        *rows,
    ]
    # Cells that were empty in the pattern row take the placeholder's run format.
    run = table.rows[2].cells[1].paragraphs[0].runs[0]
    assert run.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    assert "共2项" in _body(filled)


def test_it_removes_the_pattern_row_when_there_are_no_rows():
    filled = render_docx(_template(), {"事项清单": []})
    assert len(Document(io.BytesIO(filled)).tables[0].rows) == 1


def test_it_fills_headers_and_leaves_unknown_placeholders_alone():
    filled = render_docx(_template(), {"县": "平阴县"})
    document = Document(io.BytesIO(filled))
    assert document.sections[0].header.paragraphs[0].text == "平阴县人民政府"
    assert placeholders(filled) == {"乡镇", "文号", "事项清单", "事项数"}


def test_it_refuses_a_row_longer_than_the_template_row():
    with pytest.raises(TemplateError, match=r"第1行有4个值,模板表格这一行只有3列"):
        render_docx(_template(), {"事项清单": [["1", "a", "b", "c"]]})


def test_it_refuses_a_table_placeholder_outside_a_table():
    document = Document()
    document.add_paragraph("{事项清单}")
    with pytest.raises(TemplateError, match="只能放在模板表格的一行中"):
        render_docx(_save(document), {"事项清单": [["1"]]})


def test_it_refuses_a_file_that_is_not_a_docx():
    with pytest.raises(TemplateError, match="不是有效的 Word"):
        render_docx(b"PK not really", {})


def _with_member(data: bytes, name: str, content: bytes) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr(
            zipfile.ZipInfo(name), content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9
        )
    return out.getvalue()


def _docx(text="{乡镇}") -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked():
    from quanze.core.docx_templates import MAX_UNPACKED_BYTES

    bomb = _with_member(_docx(), "word/media/bomb.bin", b"\0" * (MAX_UNPACKED_BYTES + 1))
    assert len(bomb) < MAX_UNPACKED_BYTES // 100  # a small upload
    with pytest.raises(TemplateError, match="疑似压缩炸弹"):
        placeholders(bomb)


def test_a_member_whose_header_understates_its_size_is_refused():
    import zipfile

    from quanze.core.docx_templates import MAX_UNPACKED_BYTES

    data = bytearray(_with_member(_docx(), "word/x.bin", b"\0" * (MAX_UNPACKED_BYTES + 1)))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("word/x.bin")
    small = (1024).to_bytes(4, "little")
    # The local header and the central directory both claim 1 KB unpacked.
    data[info.header_offset + 22 : info.header_offset + 26] = small
    central = bytes(data).rfind(b"PK\x01\x02", 0, len(data))
    while central != -1:
        name_length = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + name_length] == b"word/x.bin":
            data[central + 24 : central + 28] = small
            break
        central = bytes(data).rfind(b"PK\x01\x02", 0, central)
    with pytest.raises(TemplateError, match="疑似压缩炸弹|不是有效的"):
        placeholders(bytes(data))


def test_a_file_that_is_not_a_zip_is_refused_in_chinese():
    with pytest.raises(TemplateError, match="不是有效的 Word"):
        placeholders(b"PK\x03\x04 not a docx")
