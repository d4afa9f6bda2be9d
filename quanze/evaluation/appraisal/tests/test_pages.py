"""The pages, the API and the CLI call the same services: a round run end to end."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quanze.core.models import ChangeRecord
from quanze.evaluation.appraisal.models import AppraisalRound, Score
from quanze.evaluation.appraisal.tests.builders import fill, open_round, sheet_of

pytestmark = pytest.mark.django_db


def form_criteria(round, direction="t2d"):
    return list(round.criteria.filter(direction=direction, fact=""))


def test_the_office_creates_and_opens_a_round_from_the_pages(client, cast):
    client.force_login(cast.office)
    response = client.post(
        "/evaluation/appraisal/new/",
        {
            "name": "2025年度双向互评",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "township_weight": "65",
            "anonymous": "on",
            "threshold": "60",
        },
    )
    round = AppraisalRound.objects.get()
    assert response.status_code == 302 and round.township_weight == 65
    page = client.get(f"/evaluation/appraisal/{round.pk}/").content.decode()
    assert "吹哨报到按时率" in page and "接收时限内接收的比例" in page
    client.post(f"/evaluation/appraisal/{round.pk}/open/")
    assert AppraisalRound.objects.get().status == "open"


def test_a_bad_weight_on_the_page_names_the_field(client, cast):
    client.force_login(cast.office)
    response = client.post(
        "/evaluation/appraisal/new/",
        {"name": "x", "period_start": "2025-01-01", "period_end": "2025-12-31",
         "township_weight": "30", "threshold": "60"},
    )  # fmt: skip
    assert "乡镇评价权重:应在50%到100%之间" in response.content.decode()
    assert not AppraisalRound.objects.exists()


def test_a_township_fills_its_sheet_and_a_bad_score_names_the_criterion(client, cast):
    round = open_round(cast)
    sheet = sheet_of(round, township=cast.town_a, department=cast.urban)
    criteria = form_criteria(round)
    client.force_login(cast.town_a_clerk)
    data = {f"score_{c.pk}": "90" for c in criteria} | {f"score_{criteria[0].pk}": "abc"}
    page = client.post(f"/evaluation/appraisal/sheets/{sheet.pk}/", data).content.decode()
    assert f"「{criteria[0].name}」得分:“abc”不是数字" in page
    assert not Score.objects.exists()
    data[f"score_{criteria[0].pk}"] = "95"
    response = client.post(f"/evaluation/appraisal/sheets/{sheet.pk}/", data)
    assert response.status_code == 302 and Score.objects.filter(sheet=sheet).count() == 4
    listing = client.get("/evaluation/appraisal/sheets/?q=城管&sort=-state").content.decode()
    assert "已提交" in listing and "平阴县城市管理局" in listing


def test_the_workbench_lists_the_sheets_to_fill(client, cast):
    open_round(cast, due_on="2026-01-20")
    client.force_login(cast.town_a_clerk)
    page = client.get("/").content.decode()
    assert "双向互评表待填写" in page and "2026-01-20" in page


def test_results_page_chart_and_export(client, cast):
    round = open_round(cast)
    fill(round, cast.town_a_clerk, sheet_of(round, township=cast.town_a, department=cast.urban), 88)
    client.force_login(cast.office)
    client.post(f"/evaluation/appraisal/{round.pk}/close/")
    client.force_login(cast.dept_clerk)
    page = client.get(f"/evaluation/appraisal/{round.pk}/results/").content.decode()
    assert 'id="chart-data"' in page and "平阴县城市管理局" in page and "echarts.min.js" in page
    detail = client.get(
        f"/evaluation/appraisal/{round.pk}/results/department/{cast.urban.pk}/"
    ).content.decode()
    assert "88.0" in detail and "锦水街道" in detail  # no low score: the scorer is named
    response = client.get(f"/evaluation/appraisal/{round.pk}/export/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["部门得分(乡镇评部门)", "乡镇得分(部门评乡镇)", "评分明细"]


def test_the_api_refuses_a_bad_score_in_chinese_and_saves_nothing(client, cast):
    round = open_round(cast)
    sheet = sheet_of(round, township=cast.town_a, department=cast.urban)
    client.force_login(cast.town_a_clerk)
    scores = [{"criterion_id": c.pk, "score": "80"} for c in form_criteria(round)]
    scores[1]["score"] = "120"
    url = f"/api/evaluation/appraisal/sheets/{sheet.pk}"
    response = client.post(url, json.dumps({"scores": scores}), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"] == [f"「{form_criteria(round)[1].name}」得分:应在0到100之间"]
    assert not Score.objects.exists()
    scores[1]["score"] = "79.5"
    response = client.post(url, json.dumps({"scores": scores}), content_type="application/json")
    assert response.status_code == 200 and response.json()["state"] == "已提交"


def test_the_cli_runs_the_same_services_and_refuses_other_units(cast):
    round = open_round(cast)
    out = io.StringIO()
    call_command("appraisal", "close", str(round.pk), "--user", "office", stdout=out)
    assert "已结束评分" in out.getvalue()
    assert ChangeRecord.objects.filter(after__status="已结束").exists()
    out = io.StringIO()
    call_command("appraisal", "results", str(round.pk), "--user", "urban", stdout=out)
    assert "部门得分" in out.getvalue() and "平阴县自然资源局" in out.getvalue()
    with pytest.raises(CommandError, match="双向互评不存在或无权访问"):
        call_command("appraisal", "results", str(round.pk), "--user", "outsider")
    with pytest.raises(CommandError, match="只有本县"):
        call_command("appraisal", "open", str(round.pk), "--user", "urban")
