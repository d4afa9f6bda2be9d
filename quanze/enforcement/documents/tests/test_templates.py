"""Replacing a kind's template: validated (unknown placeholders named, nothing saved),
only by the county office or justice bureau, recorded, and used for the county's cases."""

import base64
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord
from quanze.enforcement.cases import services as cases
from quanze.enforcement.documents import render, selectors, services
from quanze.enforcement.documents.defaults import default_template
from quanze.enforcement.documents.kinds import BY_CODE
from quanze.enforcement.documents.models import DocumentTemplate
from quanze.enforcement.documents.tests.test_render import docx_text


def edited(code: str, *lines: str, table_row: str = "") -> bytes:
    """The default template as an office would edit it in Word: lines added at the end."""
    document = Document(io.BytesIO(default_template(code)))
    for line in lines:
        paragraph = document.add_paragraph()
        # Word splits what the user typed over runs: the placeholder is still found
        half = len(line) // 2
        paragraph.add_run(line[:half])
        paragraph.add_run(line[half:])
    if table_row:
        document.add_table(rows=1, cols=2).rows[0].cells[0].text = table_row
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(by, code, content, name="模板.docx"):
    return services.template_upload(by=by, kind=code, file_name=name, content=content)


def test_an_unknown_placeholder_is_refused_by_name_and_nothing_is_saved(ew):
    records = ChangeRecord.objects.count()
    with pytest.raises(ValidationError) as refused:
        upload(ew.cast.office, "decision", edited("decision", "罚款大写:{罚款大写},{当事人}"))
    [message] = refused.value.message_dict["file"]
    assert message.startswith("模板文件:占位符 {罚款大写} 不是系统提供的占位符")
    assert not DocumentTemplate.objects.exists()
    assert ChangeRecord.objects.count() == records


def test_other_bad_templates_are_refused_with_the_reason(ew):
    office = ew.cast.office
    with pytest.raises(ValidationError) as not_word:
        upload(office, "decision", b"PK not a docx")
    assert not_word.value.message_dict["file"] == ["模板文件:不是有效的 Word(.docx)文件"]
    with pytest.raises(ValidationError) as wrong_name:
        upload(office, "decision", default_template("decision"), name="模板.doc")
    assert wrong_name.value.message_dict["file"] == ["模板文件:应为 Word(.docx)文件"]
    bare = Document()
    bare.add_paragraph("行政处罚决定书 {当事人}")
    out = io.BytesIO()
    bare.save(out)
    with pytest.raises(ValidationError) as missing:
        upload(office, "decision", out.getvalue())
    assert missing.value.message_dict["file"] == [
        "模板文件:缺少占位符 {执法主体}(「行政处罚决定书」须写明执法主体名称)",
        "模板文件:缺少占位符 {文号}(「行政处罚决定书」须写明文号)",
    ]
    with pytest.raises(ValidationError) as outside:
        upload(office, "evidence_list", edited("evidence_list", "见{证据表}"))
    assert "{证据表} 是事项表,只能放在模板表格的一行中" in outside.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as narrow:
        upload(office, "evidence_list", edited("evidence_list", table_row="{证据表}"))
    assert "模板表格这一行只有2列" in narrow.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as unknown_kind:
        upload(office, "letter", default_template("decision"))
    assert unknown_kind.value.message_dict["kind"] == ["文书种类:没有这种文书「letter」"]
    assert not DocumentTemplate.objects.exists()


def test_only_the_county_office_or_justice_bureau_replaces_templates(ew):
    for user in (ew.cast.town_a_clerk, ew.cast.dept_clerk):
        with pytest.raises(Forbidden):
            upload(user, "decision", default_template("decision"))
    assert (
        upload(ew.cast.reviewer, "decision", default_template("decision")).county == ew.cast.county
    )


def test_a_replacement_is_used_for_the_county_recorded_and_can_be_reset(ew):
    office = ew.cast.office
    content = edited("filing", "本县附注:{执法主体}办理,{委托说明}")
    row = upload(office, "filing", content, name="立案审批表(本县).docx")
    record = ChangeRecord.objects.get(object_id=row.pk, action="upload")
    assert record.before == {} and record.after["file_name"] == "立案审批表(本县).docx"
    assert record.actor == office and record.reason == "更换「立案审批表」模板"

    case_record = selectors.case_record(ew.case_a)
    kind = BY_CODE["filing"]
    filled = render.fill(selectors.template_bytes(ew.case_a.county_id, "filing"), case_record, kind)
    assert "本县附注:平阴县城市管理局办理,锦水街道受平阴县城市管理局委托" in docx_text(filled)
    # another county keeps the default
    assert selectors.template_bytes(ew.cast.outsider.county_id, "filing") == default_template(
        "filing"
    )

    again = upload(office, "filing", default_template("filing"))
    assert again.pk == row.pk and again.row_version == 2
    second = ChangeRecord.objects.filter(object_id=row.pk, action="upload").latest("at")
    assert second.before["file_name"] == "立案审批表(本县).docx"

    services.template_reset(by=office, kind="filing")
    assert not DocumentTemplate.objects.exists()
    assert ChangeRecord.objects.filter(object_id=row.pk, action="reset").exists()


def test_pages_and_api_download_documents_as_the_case_allows(ew, client):
    case = ew.case_a
    client.force_login(ew.cast.town_a_clerk)
    page = client.get(f"/enforcement/cases/{case.pk}/")
    assert 'id="document-filing"' in page.text and 'id="document-decision"' not in page.text
    docx = client.get(f"/enforcement/cases/{case.pk}/documents/filing.docx")
    assert docx.status_code == 200
    assert "平阴县城市管理局" in docx_text(docx.content)
    assert "attachment" in docx["Content-Disposition"]
    not_yet = client.get(f"/enforcement/cases/{case.pk}/documents/decision.docx")
    assert not_yet.status_code == 404
    listed = client.get(f"/api/enforcement/cases/{case.pk}/documents").json()
    assert [d["kind"] for d in listed][:3] == ["cover", "index", "source"]
    assert listed[0]["docx_url"] == f"/enforcement/cases/{case.pk}/documents/cover.docx"
    wrong = client.get(f"/api/enforcement/cases/{case.pk}/documents/filing?format=odt")
    assert wrong.status_code == 422
    for user, status in (
        (ew.cast.dept_clerk, 200),
        (ew.cast.reviewer, 200),
        (ew.cast.town_b_clerk, 404),
    ):
        client.force_login(user)
        assert (
            client.get(f"/api/enforcement/cases/{case.pk}/documents/filing").status_code == status
        )


def test_an_upload_through_the_page_and_the_api_names_the_unknown_placeholder(ew, client):
    client.force_login(ew.cast.office)
    bad = edited("notice", "{拟罚款大写}")
    page = client.post(
        "/enforcement/documents/templates/notice/upload/",
        {"file": SimpleUploadedFile("告知书.docx", bad)},
        follow=True,
    )
    assert "行政处罚事先告知书:模板文件:占位符 {拟罚款大写} 不是系统提供的占位符" in page.text
    api = client.put(
        "/api/enforcement/document-templates/notice",
        {"file_name": "告知书.docx", "content_base64": base64.b64encode(bad).decode()},
        content_type="application/json",
    )
    assert api.status_code == 422 and "{拟罚款大写}" in api.json()["errors"][0]
    assert not DocumentTemplate.objects.exists()
    # built once: a .docx saved twice differs by its zip entries' times (2-second steps)
    good_file = edited("notice", "{当事人}")
    good = client.put(
        "/api/enforcement/document-templates/notice",
        {"file_name": "告知书.docx", "content_base64": base64.b64encode(good_file).decode()},
        content_type="application/json",
    )
    assert good.status_code == 200 and good.json()["replaced"] is True
    overview = client.get("/enforcement/documents/templates/")
    assert "本县模板 告知书.docx" in overview.text
    assert client.get("/enforcement/documents/templates/notice.docx").content == good_file


def test_a_case_opened_later_still_reads_the_acting_body_from_the_case(ew):
    """Documents read Case.acting_name: a later change of the department's name does not
    rewrite a case's documents."""
    case = cases.case_open(
        by=ew.cast.town_a_clerk,
        power=ew.urban_power,
        opened_on=date(2025, 3, 5),
        source="inspection",
        title="占道",
        party_kind="organisation",
        party_name="某公司",
    )
    ew.cast.urban.name = "平阴县综合行政执法局"
    ew.cast.urban.save()
    record = selectors.case_record(case)
    text = docx_text(render.fill(default_template("source"), record, BY_CODE["source"]))
    assert text.startswith("平阴县城市管理局\n案件来源登记表")


def test_the_command_line_uses_the_same_services(ew, tmp_path):
    from django.core.management import CommandError, call_command

    bad = tmp_path / "决定书.docx"
    bad.write_bytes(edited("decision", "{罚款大写}"))
    with pytest.raises(CommandError, match=r"占位符 \{罚款大写\} 不是系统提供的占位符"):
        call_command("document_template", "decision", str(bad), user=ew.cast.office.username)
    with pytest.raises(CommandError, match="可以更换文书模板"):
        call_command("document_template", "decision", str(bad), user=ew.cast.town_a_clerk.username)
    assert not DocumentTemplate.objects.exists()
    call_command(
        "case_documents",
        user=ew.cast.town_a_clerk.username,
        case=ew.case_a.pk,
        kind="filing",
        out=str(tmp_path),
    )
    written = tmp_path / f"{ew.case_a.number}-立案审批表.docx"
    assert "平阴县城市管理局" in docx_text(written.read_bytes())
    with pytest.raises(CommandError, match="执法案件不存在或无权访问"):
        call_command(
            "case_documents",
            user=ew.cast.town_b_clerk.username,
            case=ew.case_a.pk,
            out=str(tmp_path),
        )


def test_a_zip_bomb_template_is_refused_and_nothing_is_saved(ew):
    import zipfile

    from quanze.core.docx_templates import MAX_UNPACKED_BYTES

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(default_template("decision"))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr("word/media/bomb.bin", b"\0" * (MAX_UNPACKED_BYTES + 1))
    with pytest.raises(ValidationError) as refused:
        upload(ew.cast.office, "decision", out.getvalue())
    [message] = refused.value.message_dict["file"]
    assert message.startswith("模板文件:解压后超过") and "压缩炸弹" in message
    assert not DocumentTemplate.objects.exists()
