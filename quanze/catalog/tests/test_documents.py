"""Official documents of a catalog version: content, .docx, PDF (fonts, glyphs), downloads."""

import io
import subprocess
from datetime import date

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from docx import Document
from docx.oxml.ns import qn

from quanze.catalog import documents, services
from quanze.catalog.demo.province import township_list_name
from quanze.catalog.documents import COLUMNS, HEADERS, ListDocument, docx, list_document, pdf
from quanze.catalog.models import Catalog
from quanze.delegation.decisions import services as decisions
from quanze.delegation.models import Batch, Mode
from quanze.delegation.tests import builders as b
from quanze.testing import factories as f
from quanze.testing.pdfcheck import assert_cjk_embedded, assert_title_inked, pdf_ready  # noqa: F401
from quanze.testing.world import build_world

BASIS = "【法律】《中华人民共和国城乡规划法》(2019年修正)第六十四条\n第二款 责令停止建设……"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # rendered documents are kept there


@pytest.fixture
def world(cast):
    return build_world(cast)


def _township_list(cast, n=3, *, publish=True, owner=None):
    """锦水街道's (or `owner`'s) list of n penalties of 县城管局; the first says 委托 in an extra column."""
    powers = [
        f.PowerFactory(
            owner=cast.county,
            code=f"JS-{i:03d}",
            name=f"对违法建设行为的处罚{i}",
            sub_name="逾期不改正的" if i == 1 else "",
            department=cast.urban,
            power_type=f.power_type("行政处罚"),
            legal_basis=BASIS,
            extra={"方式": "委托"} if i == 1 else {},
        )
        for i in range(1, n + 1)
    ]
    owner = owner or cast.town_a
    catalog = services.catalog_create(
        by=None, name=f"{owner.name}权责清单", kind=Catalog.Kind.TOWNSHIP_LIST, owner=owner
    )
    draft = services.version_draft(by=None, catalog=catalog)
    services.version_set_entries(by=None, version=draft, entries=[(p, "") for p in powers])
    if not publish:
        return draft
    return services.version_publish(
        by=None, version=draft, effective_date=date(2025, 7, 1), document_number="平政发〔2025〕8号"
    )


def test_it_lays_out_a_township_list_as_an_official_list(cast):
    doc = list_document(_township_list(cast))
    assert doc.title == "锦水街道权责清单"
    assert doc.meta == [
        ("文号", "平政发〔2025〕8号"),
        ("生效日期", "2025年7月1日"),
        ("版本", "第1版"),
        ("事项数", "3项"),
    ]
    assert doc.notice == ""
    assert doc.rows[0] == [
        "1",
        "对违法建设行为的处罚1(逾期不改正的)",
        "行政处罚",
        BASIS,
        "平阴县城市管理局",
        "锦水街道",
        "委托",
    ]
    assert [row[6] for row in doc.rows] == ["委托", "", ""]  # blank where nothing says


def test_it_names_every_township_as_receiver_of_a_guiding_catalog_and_marks_drafts(world):
    published = list_document(world.published)
    assert {row[5] for row in published.rows} == {"各乡镇(街道)"}
    assert [row[4] for row in published.rows] == ["平阴县城市管理局", "平阴县自然资源局"]
    draft = list_document(world.urban_draft)
    assert draft.notice.startswith("草稿") and draft.rows[0][5] == "平阴县城市管理局"


def test_it_takes_the_mode_from_the_published_decision(cast, django_capture_on_commit_callbacks):
    version = _township_list(cast, owner=cast.town_b)
    project = b.project(cast, b.guiding_version(cast, n=2, licences=0))
    batch = b.batch(cast, project, status=Batch.Status.SUBMITTED, verdicts=("pass",),
                    mode=Mode.GRANT)  # fmt: skip
    decision = decisions.decision_record(
        by=cast.office,
        batch=batch,
        meeting_date=date(2025, 5, 6),
        document_number="平政发〔2025〕9号",
        townships=[cast.town_a],
        mode=Mode.GRANT,
        effective_date=date(2025, 6, 1),
        fine_return_share="80",
    )
    with django_capture_on_commit_callbacks(execute=True):
        decisions.decision_publish(by=cast.office, decision=decision)
    power = batch.items.get().item.power
    listed = Catalog.objects.get(name=township_list_name("锦水街道")).versions.get()
    # The documents of the lists it published are rendered in the background.
    [queued] = DBTaskResult.objects.filter(
        task_path="quanze.catalog.tasks.render_version_documents"
    )
    assert queued.args_kwargs["kwargs"] == {"version_ids": [listed.pk]}
    rows = {row[1]: row for row in list_document(listed).rows}
    assert rows[power.name][5:] == ["锦水街道", "赋权"]
    # A list in force before the decision took effect does not borrow its mode.
    listed.effective_date = date(2025, 5, 31)
    assert list_document(listed).rows[0][6] == ""
    # Another township's list does not either.
    assert list_document(version).rows[1][6] == ""


def _east_asia(element) -> str | None:
    fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def test_the_docx_holds_the_list_with_east_asian_fonts_on_a4_landscape(cast):
    data = docx.render(list_document(_township_list(cast)))
    document = Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "锦水街道权责清单"
    assert "文号:平政发〔2025〕8号" in paragraphs[1] and "生效日期:2025年7月1日" in paragraphs[1]
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == HEADERS
    assert table.rows[1].cells[1].text == "对违法建设行为的处罚1(逾期不改正的)"
    assert table.rows[1].cells[3].text == BASIS  # the line break survives
    assert len(table.rows) == 4
    # Chinese text gets a Chinese font from every style the document uses.
    for name in ("Normal", "清单标题", "清单表格", "清单表头"):
        assert _east_asia(document.styles[name].element), name
    assert _east_asia(document.styles["清单表头"].element) == "黑体"
    assert table.rows[1].cells[1].paragraphs[0].style.name == "清单表格"
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    footer = section.footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer


def _pdf(tmp_path, version):
    path = tmp_path / "list.pdf"
    path.write_bytes(pdf.render(list_document(version)))
    return path


@pytest.mark.usefixtures("pdf_ready")
def test_the_pdf_embeds_a_chinese_font(cast, tmp_path):
    path = _pdf(tmp_path, _township_list(cast))
    assert_cjk_embedded(path)


@pytest.mark.usefixtures("pdf_ready")
def test_the_pdf_repeats_the_header_and_numbers_its_pages(cast, tmp_path):
    path = _pdf(tmp_path, _township_list(cast, n=40))
    text = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True)
    pages = text.stdout.split("\f")[:-1]
    assert len(pages) > 1
    assert "锦水街道权责清单" in pages[0] and "平政发〔2025〕8号" in pages[0]
    for number, page in enumerate(pages, start=1):
        assert "事项名称" in page and "原实施主体" in page, number
        assert f"第{number}页共{len(pages)}页" in "".join(page.split())
    assert "对违法建设行为的处罚40" in pages[-1]


@pytest.mark.usefixtures("pdf_ready")
def test_the_pdf_draws_ink_for_the_title(cast, tmp_path):
    """Page 1 as an image: ink in the title band (see quanze.testing.pdfcheck)."""
    assert_title_inked(_pdf(tmp_path, _township_list(cast)), tmp_path)


@pytest.mark.usefixtures("pdf_ready")
def test_the_public_downloads_a_published_version(client, world):
    for fmt, kind in (("docx", "wordprocessingml"), ("pdf", "application/pdf")):
        response = client.get(reverse("catalog:version_document", args=[world.published.pk, fmt]))
        assert response.status_code == 200
        assert kind in response["Content-Type"]
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment; filename*=UTF-8''")
        assert disposition.endswith(f"_%E7%AC%AC1%E7%89%88.{fmt}")  # …_第1版.docx


@pytest.mark.usefixtures("pdf_ready")
def test_it_hides_drafts_and_refuses_unknown_formats(client, world):
    url = reverse("catalog:version_document", args=[world.draft.pk, "pdf"])
    assert client.get(url).status_code == 404
    client.force_login(world.cast.office)
    assert client.get(url).status_code == 200
    odd = reverse("catalog:version_document", args=[world.draft.pk, "odt"])
    assert client.get(odd).status_code == 404


def test_the_version_page_links_both_documents(client, world):
    response = client.get(reverse("catalog:version_detail", args=[world.published.pk]))
    for fmt in ("docx", "pdf"):
        assert reverse("catalog:version_document", args=[world.published.pk, fmt]).encode() in (
            response.content
        )


@pytest.mark.usefixtures("pdf_ready")
def test_it_renders_a_published_document_once_and_a_draft_every_time(world, monkeypatch):
    calls = []
    real = pdf.render
    monkeypatch.setattr(pdf, "render", lambda doc: calls.append(doc.title) or real(doc))
    first = documents.render(world.published, "pdf")[1]
    assert documents.render(world.published, "pdf")[1] == first
    assert len(calls) == 1
    documents.render(world.draft, "pdf")
    documents.render(world.draft, "pdf")
    assert len(calls) == 3
    # What the document shows changes: a new file (here the notice of a superseded version).
    world.published.status = "superseded"
    assert documents.render(world.published, "pdf")[1] != first
    assert len(calls) == 4


@pytest.mark.usefixtures("pdf_ready")
def test_a_row_longer_than_a_page_runs_on_to_the_next(tmp_path):
    basis = "\n".join(f"第{i}项条文" for i in range(1, 121)) + "\n最后一行"
    doc = ListDocument(
        title="测试清单",
        document_number="",
        effective_date=None,
        version_number=1,
        notice="",
        rows=[
            ["1", "甲", "行政处罚", basis, "县城管局", "玫瑰镇", ""],
            ["2", "乙", "", "", "", "", ""],
        ],
        columns=COLUMNS,
    )
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf.render(doc))
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    assert text.count("\f") > 2  # pages
    assert "第120项条文" in text and "最后一行" in text and "乙" in text


@pytest.mark.usefixtures("pdf_ready")
def test_publishing_renders_the_documents_in_the_background(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = _township_list(cast)
    [queued] = DBTaskResult.objects.filter(
        task_path="quanze.catalog.tasks.render_version_documents"
    )
    assert queued.args_kwargs["kwargs"] == {"version_ids": [version.pk]}
    assert queued.priority < 0  # after imports waiting in the same queue
    # What `quanze db_worker` does with the queued row.
    assert queued.task.call(**queued.args_kwargs["kwargs"]) == 1
    monkeypatch.setattr(pdf, "render", lambda doc: pytest.fail("rendered again"))
    monkeypatch.setattr(docx, "render", lambda doc: pytest.fail("rendered again"))
    assert documents.render(version, "pdf")[1].startswith(b"%PDF")
    assert documents.render(version, "docx")[1].startswith(b"PK")
