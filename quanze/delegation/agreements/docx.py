"""Entrustment agreements (委托协议) as .docx: the default template and filling one in.

A template is any .docx the office uploads with placeholders in braces, such as
{乡镇}. `{事项清单}` must stand alone in its paragraph: that paragraph becomes
the table of delegated items. Word often splits a placeholder over several
runs; each paragraph is filled on its joined text, keeping the first run's style.
"""

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from quanze.core.docx_templates import TemplateError as CoreTemplateError
from quanze.core.docx_templates import open_package
from quanze.core.textsafety import xml_safe

FONT = "宋体"
TITLE_FONT = "黑体"
ITEM_LIST = "事项清单"
PLACEHOLDERS = {
    "乡镇": "承接的乡镇(街道)名称",
    "县": "委托方所在县(市、区)",
    "文号": "常务会决定文号",
    "会议日期": "常务会召开日期",
    "生效日期": "委托生效日期",
    "方式": "赋权方式(委托、交办、赋权)",
    "罚没款返还比例": "罚没款返还乡镇的比例,如 80%",
    "事项数": "委托事项数",
    ITEM_LIST: "委托事项表(单独成段)",
}
PATTERN = re.compile(r"\{([^{}\s]{1,12})\}")
ITEM_HEADERS = ["序号", "事项编码", "事项名称", "职权类型", "原实施部门"]


class TemplateError(ValueError):
    pass


def _east_asian(run_or_style, name: str) -> None:
    """python-docx sets only the Latin font; Chinese text needs w:eastAsia too."""
    run_or_style.font.name = name
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def default_template() -> bytes:
    document = Document()
    normal = document.styles["Normal"]
    _east_asian(normal, FONT)
    normal.font.size = Pt(12)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("行政执法事项委托协议书")
    _east_asian(run, TITLE_FONT)
    run.font.size = Pt(18)
    run.bold = True
    lines = [
        "委托方:{县}人民政府有关部门(以下简称甲方)",
        "受委托方:{乡镇}(以下简称乙方)",
        "根据《中华人民共和国行政处罚法》第二十四条及{县}人民政府常务会议{会议日期}审议通过的"
        "{文号}决定,甲方将下列{事项数}项行政执法事项以{方式}方式交由乙方实施,双方订立本协议。",
        "一、委托事项",
        "{事项清单}",
        "二、乙方以甲方名义在委托范围内实施上述事项,不得再委托其他组织或者个人。",
        "三、甲方负责对乙方实施委托事项进行业务指导、培训和监督,并对乙方的行为后果承担法律责任。",
        "四、乙方依法收缴的罚没款全额上缴国库,由财政按{罚没款返还比例}的比例返还乙方。",
        "五、本协议自{生效日期}起生效。",
        "甲方(盖章):                    乙方(盖章):",
        "签订日期:{生效日期}",
    ]
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _open(data: bytes):
    try:
        return open_package(data)  # zip bombs refused before python-docx unpacks
    except CoreTemplateError as error:
        raise TemplateError(str(error)) from None


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def check_template(data: bytes) -> set[str]:
    """The placeholders a template uses; unknown ones are refused by name."""
    document = _open(data)
    used = {name for p in _paragraphs(document) for name in PATTERN.findall(p.text)}
    unknown = sorted(used - set(PLACEHOLDERS))
    if unknown:
        known = "、".join(f"{{{name}}}" for name in PLACEHOLDERS)
        raise TemplateError(
            f"模板文件:不认识的占位符 {'、'.join(f'{{{n}}}' for n in unknown)};可用的占位符:{known}"
        )
    if "乡镇" not in used:
        raise TemplateError("模板文件:缺少占位符 {乡镇},生成的协议无法区分乡镇")
    return used


def _fill_paragraph(paragraph, values: dict[str, str]) -> None:
    text = paragraph.text
    if not PATTERN.search(text):
        return
    filled = PATTERN.sub(lambda m: values.get(m.group(1), m.group(0)), text)
    runs = paragraph.runs
    runs[0].text = filled
    for run in runs[1:]:
        run.text = ""


def _item_table(document, paragraph, items: list[tuple]) -> None:
    table = document.add_table(rows=1, cols=len(ITEM_HEADERS))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, ITEM_HEADERS, strict=True):
        cell.text = header
    for number, item in enumerate(items, start=1):
        cells = table.add_row().cells
        for cell, value in zip(cells, (str(number), *item), strict=True):
            cell.text = str(value)
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    _east_asian(run, FONT)
                    run.font.size = Pt(10.5)
    paragraph._p.addnext(table._tbl)
    paragraph._p.getparent().remove(paragraph._p)


def fill(template: bytes, values: dict[str, str], items: list[tuple]) -> bytes:
    """The agreement: placeholders replaced, `{事项清单}` replaced by the items' table.

    `items` rows are (code, name, type, department).
    """
    document = _open(template)
    # Stored text may hold characters XML cannot carry: dropped, never an error.
    values = {k: xml_safe(str(v)) for k, v in values.items()}
    items = [tuple(xml_safe(str(v)) for v in item) for item in items]
    marker = f"{{{ITEM_LIST}}}"
    for paragraph in list(document.paragraphs):
        if paragraph.text.strip() == marker:
            _item_table(document, paragraph, items)
    for paragraph in _paragraphs(document):
        _fill_paragraph(paragraph, values)
    for paragraph in _paragraphs(document):
        for run in paragraph.runs:
            fonts = run.element.rPr.find(qn("w:rFonts")) if run.element.rPr is not None else None
            if fonts is None or not fonts.get(qn("w:eastAsia")):
                _east_asian(run, run.font.name or FONT)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_of(data: bytes) -> str:
    """All paragraph and table text, for tests and previews."""
    return "\n".join(p.text for p in _paragraphs(_open(data)))
