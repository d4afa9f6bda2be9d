"""Agreement documents: the default template, filling it, refusing bad templates."""

import io
import zipfile

import pytest
from docx import Document

from quanze.delegation.agreements import docx

VALUES = {
    "乡镇": "玫瑰镇",
    "县": "平阴县",
    "文号": "平政发〔2025〕8号",
    "会议日期": "2025年5月6日",
    "生效日期": "2025年6月1日",
    "方式": "委托",
    "罚没款返还比例": "80%",
    "事项数": "2",
}
ITEMS = [
    ("CG-CF-0001", "对乱贴的处罚", "行政处罚", "县城管局"),
    ("CG-CF-0002", "对乱倒的处罚", "行政处罚", "县城管局"),
]


def test_it_fills_every_placeholder_and_lists_the_items_in_a_table():
    filled = docx.fill(docx.default_template(), VALUES, ITEMS)
    text = docx.text_of(filled)
    assert "{" not in text
    assert "受委托方:玫瑰镇" in text
    assert "按80%的比例返还乙方" in text
    table = Document(io.BytesIO(filled)).tables[0]
    assert [c.text for c in table.rows[0].cells] == docx.ITEM_HEADERS
    assert [c.text for c in table.rows[2].cells] == ["2", *ITEMS[1]]


def test_every_run_names_a_chinese_east_asian_font():
    filled = docx.fill(docx.default_template(), VALUES, ITEMS)
    xml = zipfile.ZipFile(io.BytesIO(filled)).read("word/document.xml").decode()
    assert 'w:eastAsia="宋体"' in xml
    assert 'w:eastAsia="黑体"' in xml
    styles = zipfile.ZipFile(io.BytesIO(filled)).read("word/styles.xml").decode()
    assert 'w:eastAsia="宋体"' in styles


def test_it_fills_a_placeholder_word_split_over_runs():
    document = Document()
    paragraph = document.add_paragraph()
    for part in ("乙方:{乡", "镇}", "。"):
        paragraph.add_run(part)
    out = io.BytesIO()
    document.save(out)
    assert docx.text_of(docx.fill(out.getvalue(), VALUES, [])) == "乙方:玫瑰镇。"


def test_it_refuses_a_file_that_is_not_docx():
    with pytest.raises(docx.TemplateError, match="不是有效的 Word"):
        docx.check_template(b"PK not really")


def test_it_refuses_unknown_placeholders_by_name():
    document = Document()
    document.add_paragraph("{乡镇} 与 {甲方代表}")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(docx.TemplateError, match=r"\{甲方代表\}"):
        docx.check_template(out.getvalue())


def test_it_requires_the_township_placeholder():
    document = Document()
    document.add_paragraph("{文号}")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(docx.TemplateError, match=r"缺少占位符 \{乡镇\}"):
        docx.check_template(out.getvalue())


def test_it_refuses_a_zip_bomb_before_unpacking_it():
    from quanze.core.docx_templates import MAX_UNPACKED_BYTES

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("word/document.xml", b"\0" * (MAX_UNPACKED_BYTES + 1))
    with pytest.raises(docx.TemplateError, match="压缩炸弹"):
        docx.check_template(out.getvalue())
