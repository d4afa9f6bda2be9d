"""The statistics pages and API: figures and chart data shown, exports, filters, roles."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from quanze.enforcement.statistics import services

Q = "?start=2025-01-01&end=2025-12-31"


def test_the_exercise_page_shows_the_definition_rates_and_chart(client, ew):
    client.force_login(ew.cast.reviewer)
    page = client.get(f"/enforcement/statistics/{Q}")
    text = page.content.decode()
    assert page.status_code == 200
    assert "行权率 = 统计期内有行权记录的事项数" in text
    assert page.context["report"].total.held == 2
    assert page.context["chart"]["townships"] == [["锦水街道", 100.0, 1, 0], ["玫瑰镇", 0.0, 0, 1]]
    assert page.context["never"].paginator.count == 1
    narrowed = client.get(f"/enforcement/statistics/{Q}&township={ew.cast.town_b.pk}")
    assert [t.name for t in narrowed.context["report"].townships] == ["玫瑰镇"]
    bad = client.get("/enforcement/statistics/?start=2025-12-31&end=2025-01-01")
    assert "统计期至:不能早于统计期自" in bad.content.decode()


def test_exports(client, ew):
    client.force_login(ew.cast.office)
    book = load_workbook(io.BytesIO(client.get(f"/enforcement/statistics/export.xlsx{Q}").content))
    assert book.sheetnames == ["乡镇行权率", "县级汇总", "事项行权率", "从未行权事项", "口径说明"]
    never = list(book["从未行权事项"].iter_rows(min_row=2, values_only=True))
    assert never == [("玫瑰镇", ew.urban_private.code, ew.urban_private.name)]
    text = client.get(f"/enforcement/statistics/export.csv{Q}").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "乡镇(街道)" and rows[1][:3] == ["锦水街道", "平阴县", "1"]
    annual = client.get("/enforcement/statistics/annual/export.xlsx?year=2025")
    assert "按处罚种类" in load_workbook(io.BytesIO(annual.content)).sheetnames


def test_a_township_sees_its_own_and_records_an_exercise(client, ew):
    client.force_login(ew.cast.town_b_clerk)
    page = client.get(f"/enforcement/statistics/{Q}")
    assert [t.name for t in page.context["report"].townships] == ["玫瑰镇"]
    answer = client.post(
        "/enforcement/statistics/exercises/",
        {"power": ew.urban_private.pk, "on": "2025-05-01", "kind": "inspection", "count": 2},
    )
    assert answer.status_code == 302
    page = client.get(f"/enforcement/statistics/{Q}")
    assert page.context["report"].total.exercised == 1


def test_the_api_reports_and_refuses_the_public(client, ew):
    assert client.get(f"/api/enforcement/statistics/exercise{Q}").status_code == 401
    client.force_login(ew.cast.reviewer)
    body = client.get(f"/api/enforcement/statistics/exercise{Q}").json()
    assert body["total"]["held"] == 2 and body["total"]["rate"] == 0.5
    assert {i["code"] for i in body["items"]} == {ew.urban_power.code, ew.urban_private.code}
    annual = client.get("/api/enforcement/statistics/annual?year=2025").json()
    assert annual["cases_opened"] == 1 and len(annual["penalties"]) == 9


def test_an_exercise_in_the_future_is_refused(ew):
    import pytest
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.exercise_record(
            by=ew.cast.town_b_clerk, power=ew.urban_private, on=date(2999, 1, 1), kind="other"
        )
    assert "日期:不能晚于今天" in str(error.value)
