from quanze.duties.models import Matter
from quanze.duties.tests.builders import published_list


def test_anyone_asks_who_is_responsible_through_the_api(cast, client):
    published_list(cast)
    matter = Matter.objects.get(name="违法建设查处")
    answer = client.get(
        "/api/duties/responsibility",
        {"matter": matter.pk, "township": cast.town_a.pk, "on": "2025-02-01"},
    )
    assert answer.status_code == 200
    body = answer.json()
    assert body["primary_department"] == "平阴县城市管理局"
    assert [s["unit"] for s in body["steps"]] == ["锦水街道", "平阴县城市管理局"]
    early = client.get(
        "/api/duties/responsibility",
        {"matter": matter.pk, "township": cast.town_a.pk, "on": "2024-02-01"},
    )
    assert early.status_code == 404
    listed = client.get(
        f"/api/duties/counties/{cast.county.pk}/matters", {"on": "2025-02-01"}
    ).json()
    assert len(listed) == 3
    assert client.get(
        "/api/duties/on-list",
        {"township": cast.town_a.pk, "matter": "非法占用耕地", "on": "2025-02-01"},
    ).json() == {"on_list": False}


def test_a_department_files_and_the_office_refuses_through_the_api(cast, client):
    client.force_login(cast.dept_clerk)
    payload = {
        "matter_name": "代部门收集材料",
        "township_duty": "收集",
        "reason": "人手不足",
        "basis": "无",
        "staff": "无",
        "funding": "无",
        "equipment": "无",
    }
    created = client.post("/api/duties/admissions", payload, content_type="application/json")
    assert created.status_code == 201
    pk = created.json()["id"]
    assert client.post(f"/api/duties/admissions/{pk}/submit").json()["state"] == "submitted"
    assert (
        client.post(
            f"/api/duties/admissions/{pk}/decide",
            {"action": "refuse", "reason": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )
    client.force_login(cast.office)
    no_reason = client.post(
        f"/api/duties/admissions/{pk}/decide", {"action": "refuse"}, content_type="application/json"
    )
    assert no_reason.status_code == 422 and "不予准入理由:不能为空" in no_reason.json()["errors"]
    done = client.post(
        f"/api/duties/admissions/{pk}/decide",
        {"action": "refuse", "reason": "属部门职责"},
        content_type="application/json",
    )
    assert done.json()["state"] == "refused"
