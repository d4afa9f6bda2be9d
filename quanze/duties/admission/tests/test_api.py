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
