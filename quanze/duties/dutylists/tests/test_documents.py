"""A township duty list as an official .docx and PDF: grouped by class, fonts, downloads,
rendered in the background on publication."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from quanze.catalog.documents import docx, pdf
from quanze.duties.dutylists import documents
from quanze.duties.dutylists import services as dutylists
from quanze.duties.dutylists.services import Assessment
from quanze.duties.dutylists.tests.builders import assessments as _assessments
from quanze.duties.dutylists.tests.builders import list_with_items as _list_with_items
from quanze.duties.dutylists.tests.builders import six_rounds as _six_rounds
from quanze.testing import factories as f
from quanze.testing.pdfcheck import (  # noqa: F401
    assert_cjk_embedded,
    assert_title_inked,
    pdf_ready,
    pdf_text,
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # rendered documents are kept there


def _draft(cast):
    """锦水街道's list: one basic, one cooperating, one returned and one newly delegated duty."""
    duty_list, items = _list_with_items(cast)
    [new] = dutylists.raw_items_add(by=cast.office, duty_list=duty_list, texts=["查处占道经营"])
    power = f.PowerFactory(owner=cast.county, code="CG-001", name="对占道经营的处罚", department=cast.urban)  # fmt: skip
    assessments = _assessments(cast, items) + [
        Assessment(item=new, basis_sufficient=True, needed_locally=True, can_carry_out=True,
                   name="占道经营的行政处罚", duty_class="new", power=power, basis="《城市市容和环境卫生管理条例》")
    ]  # fmt: skip
    dutylists.raw_items_assess(by=cast.office, duty_list=duty_list, assessments=assessments)
    return dutylists.duty_draft_build(by=cast.office, duty_list=duty_list)


def _published(cast):
    draft = _draft(cast)
    _six_rounds(cast, draft)
    return dutylists.duty_version_publish(
        by=cast.office, version=draft, effective_date=date(2025, 9, 1), document_number="平编办〔2025〕3号"
    )  # fmt: skip


def test_it_groups_the_duties_by_class_with_their_counts(cast):
    doc = documents.duty_document(_published(cast))
    assert doc.title == "锦水街道履行职责事项清单"
    assert doc.headers == ("序号", "事项名称", "类别", "依据", "牵头部门/承接部门", "备注")
    assert ("文号", "平编办〔2025〕3号") in doc.meta and ("生效日期", "2025年9月1日") in doc.meta
    assert ("其中", "基本权责1项、配合权责1项、收回上级事项1项、新增赋权事项1项") in doc.meta
    assert [heading for heading, _ in doc.sections] == [
        "一、基本权责(1项)", "二、配合权责(1项)", "三、收回上级事项(1项)", "四、新增赋权事项(1项)"
    ]  # fmt: skip
    basic, cooperating, returned, new = doc.rows
    assert basic == ["1", "统筹推进基层党组织建设", "基本权责", "", "", ""]
    assert cooperating[4] == "平阴县城市管理局"  # the lead department
    assert returned[4] == "平阴县自然资源局"  # the receiving department
    assert returned[5] == "收回理由:依据不充分\n承接方式:由县自然资源局直接履行"
    assert new[3] == "《城市市容和环境卫生管理条例》"
    assert new[5] == "赋权事项:CG-001 对占道经营的处罚(原实施部门:平阴县城市管理局)"
    assert doc.notice == ""


def test_a_draft_says_so_and_leaves_out_empty_classes(cast):
    duty_list, items = _list_with_items(cast)
    assessments = _assessments(cast, items)[:1]
    dutylists.raw_items_assess(by=cast.office, duty_list=duty_list, assessments=assessments)
    duty_list.raw_items.exclude(pk=items[0].pk).delete()
    doc = documents.duty_document(dutylists.duty_draft_build(by=cast.office, duty_list=duty_list))
    assert doc.notice.startswith("草稿")
    assert doc.groups == (("一、基本权责(1项)", 1),)


def test_the_docx_has_a_heading_row_per_class(cast):
    data = docx.render(documents.duty_document(_published(cast)))
    table = Document(io.BytesIO(data)).tables[0]
    texts = [[c.text for c in row.cells] for row in table.rows]
    assert texts[0] == ["序号", "事项名称", "类别", "依据", "牵头部门/承接部门", "备注"]
    assert texts[1] == ["一、基本权责(1项)"] * 6  # one cell merged across the row
    assert texts[2][:3] == ["1", "统筹推进基层党组织建设", "基本权责"]
    assert texts[6][5] == "收回理由:依据不充分\n承接方式:由县自然资源局直接履行"
    assert len(texts) == 1 + 4 + 4


@pytest.mark.usefixtures("pdf_ready")
def test_the_pdf_embeds_a_chinese_font_and_draws_the_title(cast, tmp_path):
    path = tmp_path / "duties.pdf"
    path.write_bytes(pdf.render(documents.duty_document(_published(cast))))
    assert_cjk_embedded(path)
    assert_title_inked(path, tmp_path)
    text = "".join(pdf_text(path).split())
    assert "锦水街道履行职责事项清单" in text and "三、收回上级事项(1项)" in text
    assert "收回理由:依据不充分" in text and "第1页共1页" in text


@pytest.mark.usefixtures("pdf_ready")
def test_publishing_renders_both_documents_in_the_background(
    cast, client, monkeypatch, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        version = _published(cast)
    [queued] = DBTaskResult.objects.filter(
        task_path="quanze.duties.dutylists.tasks.render_duty_documents"
    )
    assert queued.args_kwargs["kwargs"] == {"version_ids": [version.pk]}
    assert queued.task.call(**queued.args_kwargs["kwargs"]) == 1  # as `quanze db_worker` does
    # The first download is the kept file: nothing is rendered, even signed out.
    monkeypatch.setattr(pdf, "render", lambda doc: pytest.fail("rendered again"))
    monkeypatch.setattr(docx, "render", lambda doc: pytest.fail("rendered again"))
    for fmt, kind in (("pdf", "application/pdf"), ("docx", "wordprocessingml")):
        response = client.get(reverse("duties:dutyversion_document", args=[version.pk, fmt]))
        assert response.status_code == 200 and kind in response["Content-Type"]
        assert response["Content-Disposition"].endswith(f"_%E7%AC%AC1%E7%89%88.{fmt}")


def test_a_draft_is_for_the_county_and_the_page_links_both_documents(cast, client):
    draft = _draft(cast)
    url = reverse("duties:dutyversion_document", args=[draft.pk, "docx"])
    assert client.get(url).status_code == 404
    client.force_login(cast.town_a_clerk)
    assert client.get(url).status_code == 200
    odd = reverse("duties:dutyversion_document", args=[draft.pk, "odt"])
    assert client.get(odd).status_code == 404
    page = client.get(reverse("duties:dutyversion_detail", args=[draft.pk])).content.decode()
    for fmt in ("docx", "pdf"):
        assert reverse("duties:dutyversion_document", args=[draft.pk, fmt]) in page
