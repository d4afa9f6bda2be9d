from django.urls import reverse

from quanze.duties import dutylists
from quanze.duties.models import AdmissionRequest, ResponsibilityVersion
from quanze.duties.tests.builders import published_list


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


def test_a_department_files_and_the_office_admits_through_the_pages(cast, client):
    published_list(cast)
    client.force_login(cast.dept_clerk)
    client.post(reverse("duties:admission_create"), {
        "matter_name": "门前三包督查", "township_duty": "督促商户落实门前三包", "reason": "商户多",
        "basis": "《城市市容和环境卫生管理条例》", "all_townships": "on", "staff": "无", "funding": "每年1万元",
        "equipment": "无",
    })  # fmt: skip
    request = AdmissionRequest.objects.get()
    client.post(reverse("duties:admission_submit", args=[request.pk]))
    client.force_login(cast.office)
    client.post(
        reverse("duties:admission_decide", args=[request.pk]),
        {
            "action": "admit",
            "legality_opinion": "合法",
            "effective_date": "2025-06-01",
            "row_version": 2,
        },
    )
    request.refresh_from_db()
    assert (
        request.state == "admitted"
        and request.admitted_version.items.filter(matter__name="门前三包督查").exists()
    )


def test_the_township_adds_and_judges_raw_items_and_the_report_counts_them(cast, client):
    duty_list = dutylists.duty_list_for(by=None, township=cast.town_a)
    client.force_login(cast.town_a_clerk)
    client.post(
        reverse("duties:rawitems_add", args=[duty_list.pk]), {"texts": "做党建工作\n协助城管巡查"}
    )
    item = duty_list.raw_items.get(position=1)
    response = client.post(
        reverse("duties:rawitem_assess", args=[item.pk]),
        {
            "basis_sufficient": "1",
            "needed_locally": "1",
            "can_carry_out": "0",
            "name": "党建",
            "duty_class": "basic",
            "row_version": 1,
        },
    )
    assert "列为基本权责须依据充分、基层需要且能有效实施" in response.content.decode()
    client.post(
        reverse("duties:rawitem_assess", args=[item.pk]),
        {
            "basis_sufficient": "1",
            "needed_locally": "1",
            "can_carry_out": "1",
            "name": "党建",
            "duty_class": "basic",
            "row_version": 1,
        },
    )
    item.refresh_from_db()
    assert item.duty_class == "basic"
    assert client.get(reverse("duties:dutylist_detail", args=[duty_list.pk])).status_code == 200
    assert client.get(reverse("duties:dutylist_report")).status_code == 200
