"""Every kind of document renders from a case: the acting body by the delegation mode, the
case number or the 文号 by rule, the officers with their certificate numbers, no
placeholder left; the PDFs show Chinese and the case file's index is in order."""

import io
import re

import pytest
from docx import Document

from quanze.core.docx_templates import placeholders
from quanze.core.models import ChangeRecord
from quanze.enforcement.documents import render, selectors
from quanze.enforcement.documents.context import PLACEHOLDERS, TABLES, document_number, values
from quanze.enforcement.documents.defaults import default_template
from quanze.enforcement.documents.kinds import BY_CODE, KINDS, available
from quanze.testing.pdfcheck import assert_cjk_embedded, pdf_ready, pdf_text  # noqa: F401

OFFICER_KINDS = {"inquiry", "inspection", "on_spot"}
KNOWN = set(PLACEHOLDERS) | set(TABLES)


def docx_text(content: bytes) -> str:
    def walk(container):
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for row in block.rows:
                    for cell in row.cells:
                        yield from walk(cell)
            else:
                yield block.text

    return "\n".join(walk(Document(io.BytesIO(content))))


def test_there_are_at_least_25_kinds_in_lifecycle_order_with_distinct_codes():
    assert len(KINDS) >= 25
    assert len(BY_CODE) == len(KINDS)
    names = [k.name for k in KINDS]
    for earlier, later in [
        ("立案审批表", "询问笔录"),
        ("询问笔录", "行政处罚事先告知书"),
        ("行政处罚事先告知书", "听证通知书"),
        ("法制审核意见书", "行政处罚决定书"),
        ("行政处罚决定书", "送达回证"),
        ("送达回证", "强制执行申请书"),
        ("强制执行申请书", "结案报告"),
    ]:
        assert names.index(earlier) < names.index(later)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.code)
def test_each_default_template_uses_only_known_placeholders(kind):
    used = placeholders(default_template(kind.code))
    assert used <= KNOWN, used - KNOWN
    assert "执法主体" in used
    assert ("文号" in used) == bool(kind.word)


def test_every_kind_renders_for_its_case_with_acting_body_number_and_officers(lifecycle):
    ew = lifecycle.ew
    seen = set()
    for case in lifecycle.all:
        record = selectors.case_record(case)
        assert set(values(record, KINDS[0])) == KNOWN
        for kind in available(record.progress):
            seen.add(kind.code)
            filled = render.fill(selectors.template_bytes(case.county_id, kind.code), record, kind)
            assert placeholders(filled) == set(), (case.number, kind.code)
            text = docx_text(filled)
            assert case.acting_name in text, (case.number, kind.code)
            assert case.number in text or document_number(case, kind) in text, kind.code
            if kind.code in OFFICER_KINDS:
                officers = ew.cast.town_a == case.township and (ew.wang, ew.li)
                officers = officers or lifecycle.granted_officers
                for officer in officers:
                    number = officer.certificates.get().number
                    assert f"{officer.name}(执法证号:{number})" in text, (case.number, kind.code)
    assert seen == {k.code for k in KINDS}


def test_the_acting_body_follows_the_delegation_mode(lifecycle):
    kind = BY_CODE["decision"]
    entrusted, granted = lifecycle.entrusted, lifecycle.granted
    assert entrusted.mode == "entrusted" and entrusted.acting_name == "平阴县城市管理局"
    assert granted.mode == "granted" and granted.acting_name == "玫瑰镇"

    def text(case):
        record = selectors.case_record(case)
        return docx_text(render.fill(default_template(kind.code), record, kind))

    one, other = text(entrusted), text(granted)
    assert one.startswith("平阴县城市管理局\n行政处罚决定书\n平阴县城市管理局罚决字〔2025〕")
    assert (
        "锦水街道受平阴县城市管理局委托,以平阴县城市管理局的名义实施(委托决定平政发〔2025〕8号)"
        in one
    )
    assert other.startswith("玫瑰镇\n行政处罚决定书\n玫瑰镇罚决字〔2025〕")
    assert "玫瑰镇依据赋权决定平政发〔2025〕12号以自己的名义实施" in other
    assert "平阴县城市管理局" not in other
    # the number by rule: the case's year and sequence after the acting body and the word
    assert (
        document_number(entrusted, kind) == f"平阴县城市管理局罚决字〔2025〕{entrusted.sequence}号"
    )


def test_documents_follow_the_state_of_the_case(lifecycle):
    codes = lambda case: [k.code for k in selectors.case_documents(case)]  # noqa: E731
    assert "decision" in codes(lifecycle.entrusted)
    assert "no_penalty" not in codes(lifecycle.entrusted)
    assert {"reminder", "surcharge", "enforcement_application"} <= set(codes(lifecycle.granted))
    # the application is recorded (ChangeRecord.action holds 16 characters)
    assert ChangeRecord.objects.filter(
        object_id=lifecycle.granted.pk, action="apply_enforce"
    ).exists()
    assert "closing" not in codes(lifecycle.granted)
    assert {"no_filing", "transfer"} <= set(codes(lifecycle.unfiled))
    assert "revoke_filing" not in codes(lifecycle.unfiled)
    assert "revoke_filing" in codes(lifecycle.revoked)
    assert "on_spot" in codes(lifecycle.on_spot) and "decision" not in codes(lifecycle.on_spot)


def test_the_surcharge_counts_to_the_enforcement_application(lifecycle):
    case = lifecycle.granted
    record = selectors.case_record(case)
    filled = values(record, BY_CODE["surcharge"])
    # payment due 2025-06-05, applied 2025-06-20: 15 days × 3 % of 500 = 225.00, under the cap
    assert filled["加处罚款"] == "225.00元" and filled["加处罚款计至"] == "2025年6月20日"


@pytest.mark.usefixtures("pdf_ready")
def test_a_document_pdf_shows_chinese(lifecycle, tmp_path):
    case = lifecycle.granted
    record = selectors.case_record(case)
    content, kind_type, name = selectors.document_content(record, BY_CODE["decision"], "pdf")
    assert kind_type == "application/pdf" and name.endswith("行政处罚决定书.pdf")
    path = tmp_path / "d.pdf"
    path.write_bytes(content)
    assert_cjk_embedded(path)
    text = pdf_text(path)
    assert "玫瑰镇罚决字〔2025〕" in text and "行政处罚决定书" in text


@pytest.mark.usefixtures("pdf_ready")
def test_the_case_file_is_one_pdf_with_its_index_in_order(lifecycle, tmp_path):
    case = lifecycle.entrusted
    record = selectors.case_record(case)
    kinds = render.case_file_kinds(record)
    path = tmp_path / "f.pdf"
    path.write_bytes(render.case_file_pdf(record, selectors.templates_for(case.county_id, kinds)))
    assert_cjk_embedded(path)
    pages = [re.sub(r"\s", "", page) for page in pdf_text(path).split("\f")[:-1]]
    assert [k.code for k in kinds[:3]] == ["cover", "index", "source"]
    assert [k.code for k in kinds[-2:]] == ["evidence_list", "remarks"]
    assert "行政处罚案卷" in pages[0] and case.acting_name in pages[0]
    assert pages[1].startswith(f"{case.acting_name}卷内目录")
    # the index (序号, 文书名称, 文号, 日期, 页号) lists every document after it, in order
    rows = record.index_rows
    assert [row[1] for row in rows] == [k.name for k in kinds[2:]]
    numbers = [int(row[4]) for row in rows]
    assert numbers == sorted(numbers) and numbers[0] > 2
    index = "".join(pages[1 : numbers[0] - 1])
    at = 0
    for number, title, _doc_number, _day, _page in rows:
        found = index.find(f"{number}{title}", at)
        assert found >= 0, title
        at = found
    # each document starts on the page the index gives
    for _number, title, _doc_number, _day, page in rows:
        assert pages[int(page) - 1].startswith(f"{case.acting_name}{title}"), (title, page)
    assert "第1页" in pages[0] and pages[-1].endswith(f"第{len(pages)}页")


def test_the_pdf_html_keeps_merged_cells_alignment_and_escapes_text():
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("<决定书>").bold = True
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "竖"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "横"
    table.cell(1, 1).text = "b"
    out = io.BytesIO()
    document.save(out)
    html = render.docx_html(out.getvalue())
    assert '<p style="text-align:center"><b>&lt;决定书&gt;</b></p>' in html
    assert (
        '<td rowspan="2"><p>竖</p></td><td colspan="2"><p>横</p></td></tr><tr><td><p>b</p>' in html
    )
    assert html.count("<tr>") == 3
