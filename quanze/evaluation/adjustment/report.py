"""The proposal to the province (上报建议) of a change the county cannot make itself, as a
.docx built with python-docx (East Asian font set, text through xml_safe)."""

from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from quanze.core.textsafety import xml_safe

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _font(document) -> None:
    style = document.styles["Normal"]
    style.font.name = "宋体"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")


def upward_docx(change) -> HttpResponse:
    project = change.project
    document = Document()
    _font(document)
    document.add_heading(xml_safe(f"关于调整「{change.power}」的建议"), level=1)
    document.add_paragraph(xml_safe("省人民政府:"))
    document.add_paragraph(
        xml_safe(
            f"{project.county}在赋权事项评估中发现,「{change.power}」"
            f"(事项编码 {change.power.code if change.power else ''})本级无权调整,特提出如下建议。"
        )
    )
    document.add_paragraph(xml_safe(f"一、建议:{change.reason}"))
    document.add_paragraph(xml_safe(f"二、事实依据:{change.facts or '见评估报告'}"))
    document.add_paragraph(xml_safe(f"三、来源:{change.source or project.origin}"))
    document.add_paragraph(xml_safe(f"{project.county}机构编制委员会办公室"))
    document.add_paragraph(f"{timezone.localdate():%Y年%-m月%-d日}")
    buffer = BytesIO()
    document.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="upward-{change.pk}.docx"'
    return response
