import base64
import io

from openpyxl import Workbook, load_workbook

from quanze.enforcement.staffing import services
from quanze.enforcement.staffing.models import StaffingQuota
from quanze.testing import factories as f


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_export_writes_formula_like_names_as_text(cast, client):
    f.township(cast.county, "370124105000", "=1+1镇")
    services.quota_set(
        by=cast.office, township=cast.town_a, kind="administrative", approved=5, filled=4
    )
    client.force_login(cast.office)
    response = client.get("/enforcement/staffing/export.xlsx?on=2025-06-30")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["乡镇执法力量"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'=1+1镇" in names and "锦水街道" in names
    town_a = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "锦水街道")
    assert (town_a[10], town_a[11], town_a[12]) == (5, 4, 1)


def test_the_api_import_refuses_a_bad_file_naming_row_and_column(cast, client):
    client.force_login(cast.office)
    content = _xlsx(
        [["单位", "编制类型", "核定编制数", "实有人数"], ["锦水街道", "行政编制", 3, 5]]
    )
    response = client.post(
        "/api/enforcement/staffing/import",
        {"file_name": "编制.xlsx", "content_base64": base64.b64encode(content).decode()},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == ["第2行“实有人数”列:实有人数5多于核定编制数3"]
    assert not StaffingQuota.objects.exists()


def test_the_report_page_filters_the_overloaded_and_pages(ew, client):
    client.force_login(ew.cast.office)
    response = client.get("/enforcement/staffing/?on=2025-06-30&minimum=2&only=overloaded")
    assert response.status_code == 200
    rows = list(response.context["page"])
    assert [r.name for r in rows] == ["玫瑰镇"]  # 锦水街道: 2 certified; 玫瑰镇: none


def test_the_decision_page_links_the_posts_that_follow_its_items(ew, client):
    client.force_login(ew.cast.office)
    page = client.get(f"/delegation/decisions/{ew.decision.pk}/").content.decode()
    assert "<h2>编随事走</h2>" in page
    assert f"/enforcement/staffing/decisions/{ew.decision.pk}/" in page
    follow = client.get(f"/enforcement/staffing/decisions/{ew.decision.pk}/")
    assert [d.name for d in follow.context["departments"]] == ["平阴县城市管理局"]
