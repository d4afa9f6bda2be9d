"""The pages: queues, raising an event with an attachment, acting, stale pages, the API."""

import json
from datetime import timedelta

from django.utils import timezone

from quanze.dispatch.models import Attachment, Event, EventLog
from quanze.dispatch.tests.conftest import raise_event


def test_a_township_raises_an_event_with_a_photo_and_sees_suggestions(
    client, cast, matters, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.town_a_clerk)
    response = client.post(
        "/dispatch/new/",
        {
            "source": "grid",
            "township": cast.town_a.pk,
            "grid": "东关社区第3网格",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "description": "垃圾桶满溢没人清运,苍蝇很多",
            "files": [SimpleUploadedFile("现场.jpg", b"jpeg-bytes")],
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == f"/dispatch/{event.pk}/"
    attachment = Attachment.objects.get(event=event)
    assert (tmp_path / attachment.file.name).read_bytes() == b"jpeg-bytes"
    page = client.get(f"/dispatch/{event.pk}/").content.decode()
    assert "系统推荐事项" in page and "生活垃圾收集清运" in page and "确认事项" in page


def test_a_grid_report_needs_its_grid(client, cast, matters):
    client.force_login(cast.town_a_clerk)
    response = client.post(
        "/dispatch/new/",
        {
            "source": "grid",
            "township": cast.town_a.pk,
            "description": "路灯不亮",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 200 and "网格员上报须填写网格" in response.content.decode()
    assert not Event.objects.exists()


def test_the_event_page_shows_why_and_the_department_accepts(client, cast, dispatched):
    client.force_login(cast.dept_clerk)
    page = client.get(f"/dispatch/{dispatched.pk}/").content.decode()
    assert "派发依据" in page and "平阴县城市管理局" in page and "action-accept" in page
    response = client.post(
        f"/dispatch/{dispatched.pk}/act/accept/",
        {"row_version": dispatched.row_version},
        follow=True,
    )
    assert "已接收" in response.content.decode()
    # The same stale page submitted again: told, nothing changes.
    response = client.post(
        f"/dispatch/{dispatched.pk}/act/accept/",
        {"row_version": dispatched.row_version},
        follow=True,
    )
    assert "事件已被他人处理" in response.content.decode()
    assert Event.objects.get(pk=dispatched.pk).log.filter(action="accept").count() == 1


def test_a_send_back_without_citation_is_refused_on_the_page(client, cast, dispatched):
    client.force_login(cast.dept_clerk)
    response = client.post(
        f"/dispatch/{dispatched.pk}/act/send_back/",
        {"row_version": dispatched.row_version, "reason": "不归我们"},
        follow=True,
    )
    assert "退回失败:退回依据:必须引用清单" in response.content.decode()
    assert Event.objects.get(pk=dispatched.pk).state == Event.State.DISPATCHED


def test_queues_show_a_department_only_its_events(client, cast, matters, dispatched):
    raise_event(cast, by=cast.town_b_clerk, township=cast.town_b, text="另一镇的事件")
    client.force_login(cast.dept_clerk)
    page = client.get("/dispatch/?queue=new").content.decode()
    assert dispatched.number in page and "另一镇的事件" not in page
    client.force_login(cast.other_dept_clerk)
    assert dispatched.number not in client.get("/dispatch/?queue=all").content.decode()


def test_the_measures_page_draws_charts(client, cast, dispatched):
    client.force_login(cast.town_b_clerk)
    page = client.get("/dispatch/measures/").content.decode()
    assert (
        "vendor/echarts/echarts.min.js" in page
        and "chart-data" in page
        and "平阴县城市管理局" in page
    )


def test_the_api_takes_an_event_through_its_actions(client, cast, matters):
    client.force_login(cast.town_a_clerk)
    response = client.post(
        "/api/dispatch/events",
        json.dumps(
            {
                "township_id": cast.town_a.pk,
                "description": "路边摆摊卖菜堵路",
                "occurred_at": (timezone.now() - timedelta(hours=1)).isoformat(),
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    event = response.json()
    assert event["state"] == "called" and len(event["suggestions"]) == 3
    url = f"/api/dispatch/events/{event['id']}/actions"
    response = client.post(
        f"{url}/confirm_matter",
        json.dumps({"matter": matters["stalls"].pk}),
        content_type="application/json",
    )
    assert response.json()["matter_id"] == matters["stalls"].pk
    response = client.post(
        f"{url}/dispatch", json.dumps({"row_version": 1}), content_type="application/json"
    )
    assert response.status_code == 409 and "已被他人处理" in response.json()["detail"]
    response = client.post(f"{url}/dispatch", json.dumps({}), content_type="application/json")
    body = response.json()
    assert body["state"] == "dispatched" and body["routing"]["matter"] == "占道经营管理"
    assert [row["action"] for row in body["timeline"]] == ["create", "confirm_matter", "dispatch"]
    response = client.post(
        f"{url}/feedback",
        json.dumps({"rating": 9, "satisfied": "1"}),
        content_type="application/json",
    )
    assert response.status_code == 422 and any("满意度评分" in e for e in response.json()["errors"])


def test_the_api_refuses_a_place_that_does_not_exist(client, cast):
    client.force_login(cast.office)
    response = client.post(
        "/api/dispatch/events",
        json.dumps(
            {
                "township_id": 999999,
                "description": "路灯不亮",
                "occurred_at": timezone.now().isoformat(),
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "乡镇(街道):乡镇(街道)不存在或不在本单位范围内" in response.json()["errors"]


def test_an_api_intake_reads_session_user_and_township_only(client, cast, matters):
    """The intake's per-request reads: no county or parent lookups after the caches are warm
    (the HTTP benchmark's 200 requests per second rest on it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.office)

    def post():
        body = {
            "township_id": cast.town_a.pk,
            "description": "路边摆摊卖菜堵路",
            "occurred_at": timezone.now().isoformat(),
        }
        return client.post(
            "/api/dispatch/events", json.dumps(body), content_type="application/json"
        )

    assert post().status_code == 201  # warms the list and suggestion caches
    with CaptureQueriesContext(connection) as queries:
        response = post()
    assert response.status_code == 201 and len(response.json()["suggestions"]) == 3
    verbs = [q["sql"].split()[0] for q in queries.captured_queries]
    assert verbs.count("SELECT") == 3 and verbs.count("INSERT") == 2, verbs
    event = Event.objects.get(pk=response.json()["id"])
    assert EventLog.objects.get(event=event).unit == str(cast.county)
