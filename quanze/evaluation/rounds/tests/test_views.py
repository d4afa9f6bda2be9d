"""The pages and the API on a computed round: the report with definitions and weights,
the .xlsx, the forms (Chinese errors naming the field, nothing changed), a township's own
rows only, and the command line."""

from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from quanze.evaluation.rounds.models import Indicator, Round, SelfAssessment
from quanze.evaluation.rounds.tests import builders


@pytest.fixture
def computed(ew):
    builders.matters(ew)
    builders.events(ew, ew.building, ew.cast.town_a, satisfied=3, unsatisfied=7)
    ew.round = builders.round_(ew, status="computed")
    return ew


def test_report_shows_definitions_weights_and_rows(client, computed):
    client.force_login(computed.cast.office)
    page = client.get(f"/evaluation/rounds/{computed.round.pk}/report/?sort=score").content.decode()
    assert "行权率 = 统计期内有行权记录的事项数" in page
    assert "满意率" in page and "行权率 30" in page  # the exercise weight
    assert computed.urban_power.code in page and computed.urban_private.code in page
    assert "调整主责单位" in page and "收回县级" in page


def test_report_xlsx_has_items_proposals_and_definitions(client, computed):
    client.force_login(computed.cast.reviewer)
    response = client.get(f"/evaluation/rounds/{computed.round.pk}/report.xlsx")
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["事项指标", "评估建议", "指标定义与权重"]
    items = list(book["事项指标"].iter_rows(min_row=3, values_only=True))
    codes = {row[0]: row for row in items}
    assert codes[computed.urban_power.code][5] == 100.0  # exercise rate
    assert codes[computed.urban_private.code][5] == 0.0
    weights = {
        row[0]: row[1] for row in book["指标定义与权重"].iter_rows(min_row=3, values_only=True)
    }
    assert weights["行权率"] == 30


def test_a_township_reads_only_its_own_rows(client, computed):
    client.force_login(computed.cast.town_b_clerk)
    rows = client.get(f"/api/evaluation/rounds/{computed.round.pk}/items").json()
    assert [r["code"] for r in rows] == [computed.urban_private.code]


def test_bad_assessment_names_the_field_and_changes_nothing(client, computed):
    round_ = Round.objects.create(
        county=computed.cast.county,
        title="征集",
        start=builders.YEAR[0],
        end=builders.YEAR[1],
        status=Round.Status.COLLECTING,
    )
    client.force_login(computed.cast.town_a_clerk)
    response = client.post(
        f"/api/evaluation/rounds/{round_.pk}/assessments",
        {
            "power_id": computed.urban_power.pk,
            "staff": 1,
            "equipment": 9,
            "difficulty": 3,
            "need": 3,
        },
        content_type="application/json",
    )
    assert response.status_code == 422 and response.json()["errors"] == ["装备条件:应为1至5的整数"]
    response = client.post(
        f"/evaluation/rounds/{round_.pk}/assessment/",
        {
            "power": computed.urban_power.pk,
            "staff": 1,
            "equipment": 3,
            "difficulty": 3,
            "need": 3,
            "ask_add": "on",
            "note": "x",
        },
    )
    assert "本乡镇已承接" in response.content.decode()
    assert not SelfAssessment.objects.exists()


def test_round_form_errors_name_the_field(client, computed):
    client.force_login(computed.cast.office)
    response = client.post(
        "/api/evaluation/rounds",
        {
            "title": "x",
            "start": "2025-01-01",
            "end": "2025-12-31",
            "weights": {
                "exercise": 0,
                "satisfaction": 0,
                "response": 0,
                "resolution": 0,
                "certified": 0,
                "capacity": 0,
                "opinion": 0,
                "public": 0,
            },
        },
        content_type="application/json",
    )
    assert response.json()["errors"] == ["指标权重:至少一项指标的权重应大于0"]
    response = client.post(
        "/api/evaluation/rounds",
        {"title": "x", "start": "2025-12-31", "end": "2025-01-01"},
        content_type="application/json",
    )
    assert response.json()["errors"] == ["评估期至:不能早于评估期自"]
    assert Round.objects.count() == 1


def test_round_page_works_at_phone_width(client, computed):
    client.force_login(computed.cast.office)
    page = client.get(f"/evaluation/rounds/{computed.round.pk}/").content.decode()
    assert 'class="scroll"' in page and "审定意见" in page


def test_command_line_runs_the_same_services(computed):
    out = StringIO()
    call_command(
        "evaluation_round",
        "create",
        computed.cast.county.code,
        "命令行评估",
        "2025-01-01",
        "2025-12-31",
        stdout=out,
    )
    pk = int(out.getvalue().split("\t")[0])
    call_command("evaluation_round", "open", str(pk), stdout=StringIO())
    out = StringIO()
    call_command("evaluation_round", "compute", str(pk), stdout=out)
    assert "已测算" in out.getvalue() and "收回县级" in out.getvalue()
    assert Indicator.objects.filter(round_id=pk).count() == 2
    with pytest.raises(CommandError, match="状态"):
        call_command("evaluation_round", "open", str(pk), stdout=StringIO())
