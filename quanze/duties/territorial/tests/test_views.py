import io
from urllib.parse import quote

from django.urls import reverse
from openpyxl import load_workbook

from quanze.duties.territorial.models import ResponsibilityVersion
from quanze.duties.territorial.tests.builders import published_list


def test_the_public_reads_the_list_and_asks_who_is_responsible(cast, client):
    version = published_list(cast)
    assert client.get(reverse("duties:index")).status_code == 200
    page = client.get(reverse("duties:version_detail", args=[version.pk]))
    assert "违法建设查处" in page.content.decode()
    answer = client.get(
        reverse("duties:lookup"),
        {"county": cast.county.pk, "q": "违建", "township": cast.town_a.pk, "on": "2025-02-01"},
    )
    text = answer.content.decode()
    assert "平阴县城市管理局" in text and "日常巡查发现并及时报告" in text
    export = client.get(reverse("duties:version_export", args=[version.pk]))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    # The file is named as the list is, in Chinese, not list-<id>.xlsx.
    name = f"{version.responsibility_list.name}第{version.number}版.xlsx"
    assert quote(name) in export["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref.startswith("A2:")


def test_the_office_drafts_edits_and_publishes_through_the_pages(cast, client):
    version = published_list(cast)
    client.force_login(cast.office)
    client.post(reverse("duties:version_draft", args=[version.responsibility_list_id]))
    draft = ResponsibilityVersion.objects.get(status="draft")
    response = client.post(reverse("duties:item_add", args=[draft.pk]), {
        "matter_name": "占道经营管理", "field_name": "城市管理", "primary_department": cast.urban.pk,
        "township_scope": "all", "accept_hours": 4, "handle_days": 3,
        "steps": "属地乡镇(街道):劝导并报告(2小时)\n县城管局:依法处理(24小时)",
    })  # fmt: skip
    assert response.status_code == 302
    assert draft.items.get(matter__name="占道经营管理").steps.count() == 2
    bad = client.post(
        reverse("duties:item_add", args=[draft.pk]),
        {
            "matter_name": "x",
            "primary_department": cast.urban.pk,
            "township_scope": "all",
            "accept_hours": 1,
            "handle_days": 1,
            "steps": "随便写写",
        },
    )
    assert "应写作「单位:工作内容(N小时)」" in bad.content.decode()
    meeting = client.post(
        reverse("duties:meeting_create", args=[draft.pk]),
        {"held_on": "2025-05-01", "confirmations": "县城管局:全部\n玫瑰镇:非法占用耕地"},
    )
    assert meeting.status_code == 302
    client.post(
        reverse("duties:version_publish", args=[draft.pk]),
        {"effective_date": "2025-06-01", "document_number": "平编办〔2025〕9号"},
    )
    draft.refresh_from_db()
    assert draft.status == "published"
    diff = client.get(
        reverse("duties:version_diff", args=[version.responsibility_list_id]),
        {"old": version.pk, "new": draft.pk},
    )
    assert "占道经营管理" in diff.content.decode()
    history = client.get(f"/history/respversion/{draft.pk}/")
    assert history.status_code == 200 and "publish" in history.content.decode()
