"""Pages, API and CLI of the law-change register: what each role sees and does."""

import io
import json
from datetime import date

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from quanze.evaluation.lawchange import services
from quanze.evaluation.lawchange.models import LawChange, LegalAct
from quanze.evaluation.lawchange.tests.builders import act_text, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(cast):
    w = build(cast)
    w.change = services.change_record_save(
        by=cast.reviewer, act=w.act, kind="amend", articles=["42", "27"],
        effective_from=date(2027, 1, 1),
    )  # fmt: skip
    return w


def impact(client, user, change, query=""):
    client.force_login(user)
    response = client.get(f"/evaluation/law-changes/{change.pk}/{query}")
    assert response.status_code == 200
    return response


def rows_of(response):
    return [(r["kind"], r["division"]) for r in response.context["listing"].page.object_list]


def test_each_role_sees_its_own_rows(client, w, cast):
    office = rows_of(impact(client, cast.office, w.change, "?size=200&sort=kind_label"))
    assert ("township_list", "玫瑰镇") in office and ("guiding", "平阴县") in office
    assert all(division != "商河县" for _k, division in office)
    assert sorted(rows_of(impact(client, cast.town_a_clerk, w.change))) == [
        ("duty_list", "锦水街道"), ("township_list", "锦水街道"),
    ]  # fmt: skip
    assert rows_of(impact(client, cast.town_b_clerk, w.change)) == [("township_list", "玫瑰镇")]
    assert rows_of(impact(client, cast.other_dept_clerk, w.change)) == []
    urban = rows_of(impact(client, cast.dept_clerk, w.change, "?size=200"))
    assert len(urban) == len(office)  # every row of the county holds a power of 城管局
    assert {d for _k, d in rows_of(impact(client, cast.outsider, w.change))} == {"商河县"}


def test_the_impact_page_filters_sorts_and_pages(client, w, cast):
    response = impact(client, cast.office, w.change, "?kind=township_list&sort=-division")
    assert rows_of(response) == [("township_list", "锦水街道"), ("township_list", "玫瑰镇")]
    response = impact(client, cast.office, w.change, "?q=玫瑰")
    assert rows_of(response) == [("township_list", "玫瑰镇")]
    text = response.content.decode()
    assert "乡镇权责清单 2" in text and "应作的调整" in text  # the office sees the specs
    assert "应作的调整" not in impact(client, cast.reviewer, w.change).content.decode()


def test_export_is_the_filtered_rows_as_xlsx(client, w, cast):
    client.force_login(cast.town_a_clerk)
    response = client.get(f"/evaluation/law-changes/{w.change.pk}/export.xlsx?kind=duty_list")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][:3] == ["类别", "清单(目录)", "版本"]
    assert values[2][0] == "乡镇履职事项清单" and values[2][6] == "锦水街道"
    assert len(values) == 3


def test_the_bureau_registers_an_act_from_a_docx(client, cast):
    document = docx.Document()
    for line in act_text(12).splitlines():
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    upload = SimpleUploadedFile("条例.docx", data.getvalue())
    client.force_login(cast.reviewer)
    response = client.post("/evaluation/laws/new/", {
        "title": "《城市道路管理条例》", "rank": "行政法规", "effective_date": "2019-03-24",
        "file": upload,
    })  # fmt: skip
    act = LegalAct.objects.get()
    assert response.status_code == 302 and act.title == "城市道路管理条例"
    assert act.versions.get().articles.count() == 12


def test_a_bad_text_names_the_line_and_changes_nothing(client, w, cast):
    client.force_login(cast.reviewer)
    response = client.post(f"/evaluation/laws/{w.act.pk}/articles/",
                           {"text": "第一条 甲\n第二条 乙\n第二条 丙"})  # fmt: skip
    assert "第3行:条号重复,应为第三条,实为第二条" in response.content.decode()
    assert w.act.versions.get(status="in_force").articles.count() == 45


def test_the_change_form_refuses_unknown_articles(client, w, cast):
    client.force_login(cast.reviewer)
    url = f"/evaluation/laws/{w.act.pk}/changes/new/"
    response = client.post(
        url, {"kind": "amend", "articles": "第九十九条", "effective_from": "2028-01-01"}
    )
    assert "现行版本中没有第九十九条" in response.content.decode()
    response = client.post(
        url, {"kind": "amend", "articles": "甲乙", "effective_from": "2028-01-01"}
    )
    assert "“甲乙”不是条号" in response.content.decode()
    assert LawChange.objects.count() == 1


def test_api_impact_and_specs(client, w, cast):
    client.force_login(cast.town_b_clerk)
    body = client.get(f"/api/evaluation/law-changes/{w.change.pk}/impact").json()
    assert body["count"] == 1 and body["counts"] == {"township_list": 1}
    assert body["items"][0]["articles"] == "第27条"
    client.force_login(cast.office)
    specs = client.get(f"/api/evaluation/law-changes/{w.change.pk}/specs").json()
    assert sorted(s["power_id"] for s in specs) == sorted([w.p42.pk, w.p27.pk])
    assert {s["kind"] for s in specs} == {"amend_basis"}
    client.force_login(cast.outsider)
    specs = client.get(f"/api/evaluation/law-changes/{w.change.pk}/specs").json()
    assert [s["power_id"] for s in specs] == [w.foreign.pk]


def test_api_records_a_change_and_names_bad_fields(client, w, cast):
    client.force_login(cast.reviewer)
    url = f"/api/evaluation/laws/{w.act.pk}/changes"
    bad = client.post(url, json.dumps({"kind": "amend", "articles": "200",
                                       "effective_from": "2028-01-01"}), content_type="application/json")  # fmt: skip
    assert bad.status_code == 422
    assert bad.json()["errors"] == ["涉及条文:现行版本中没有第二百条"]
    good = client.post(url, json.dumps({"kind": "repeal", "effective_from": "2028-01-01"}),
                       content_type="application/json")  # fmt: skip
    assert good.status_code == 201 and good.json()["rows_found"] == 11


def test_cli_imports_records_and_reports(tmp_path, cast, capsys):
    source = tmp_path / "law.txt"
    source.write_text(act_text(45), encoding="gb18030")
    call_command("legal_act", "import", str(source), "--title", "城市道路管理条例",
                 "--rank", "行政法规", "--effective-date", "2019-03-24", "--user", "reviewer")  # fmt: skip
    act = LegalAct.objects.get()
    assert "已导入 45 条" in capsys.readouterr().out
    with pytest.raises(CommandError, match="只有司法局"):
        call_command("legal_act", "change", str(act.pk), "--articles", "3", "--from",
                     "2027-01-01", "--user", "office")  # fmt: skip
    call_command("legal_act", "change", str(act.pk), "--articles", "3", "--from", "2027-01-01",
                 "--user", "reviewer")  # fmt: skip
    out = tmp_path / "impact.xlsx"
    call_command("legal_act", "impact", str(act.pk), "--articles", "3", "--user", "office",
                 "--xlsx", str(out))  # fmt: skip
    assert "合计\t0" in capsys.readouterr().out and out.stat().st_size > 0
    with pytest.raises(CommandError, match="第2行"):
        bad = tmp_path / "bad.txt"
        bad.write_text("第一条 甲\n第三条 乙", encoding="utf-8")
        call_command("legal_act", "import", str(bad), "--act", str(act.pk), "--user", "reviewer")
