import json

from quanze.core.history import history_for
from quanze.org.models import Department, Division


def _send(client, method, url, payload):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def test_a_township_clerk_reads_the_divisions_of_its_county_only(client, cast):
    client.force_login(cast.town_a_clerk)
    names = {d["name"] for d in client.get("/api/org/divisions").json()}
    assert {"平阴县", "锦水街道", "玫瑰镇"} <= names
    assert "商河县" not in names
    assert client.get(f"/api/org/divisions/{cast.other_county.pk}").status_code == 404


def test_the_office_creates_a_township_and_it_is_recorded(client, cast):
    client.force_login(cast.office)
    response = _send(
        client,
        "post",
        "/api/org/divisions",
        {
            "code": "370124102",
            "name": "安城镇",
            "level": "township",
            "parent_id": cast.county.pk,
            "kind": "town",
        },
    )
    assert response.status_code == 201
    assert response.json()["code"] == "370124102000"
    town = Division.objects.get(code="370124102000")
    assert history_for(town).get().actor == cast.office


def test_a_bad_division_code_gets_422_in_chinese(client, cast):
    client.force_login(cast.office)
    response = _send(
        client,
        "post",
        "/api/org/divisions",
        {"code": "37012410", "name": "错镇", "level": "township", "parent_id": cast.county.pk},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == ["区划代码:应为12位数字"]
    assert not Division.objects.filter(name="错镇").exists()


def test_the_office_updates_a_department_and_a_clerk_may_not(client, cast):
    client.force_login(cast.dept_clerk)
    url = f"/api/org/departments/{cast.urban.pk}"
    assert _send(client, "patch", url, {"short_name": "城管"}).status_code == 403
    client.force_login(cast.office)
    response = _send(client, "patch", url, {"short_name": "城管", "reason": "统一简称"})
    assert response.status_code == 200 and response.json()["short_name"] == "城管"
    assert history_for(cast.urban).get().reason == "统一简称"


def test_a_duplicate_department_name_is_refused(client, cast):
    client.force_login(cast.office)
    response = _send(
        client,
        "post",
        "/api/org/departments",
        {"division_id": cast.county.pk, "name": "平阴县城市管理局"},
    )
    assert response.status_code == 422
    assert Department.objects.filter(name="平阴县城市管理局").count() == 1


def test_a_full_width_division_code_is_stored_half_width(client, cast):
    client.force_login(cast.office)
    response = _send(
        client,
        "post",
        "/api/org/divisions",
        {
            "code": "３７０１２４１０３",  # full-width digits: made ASCII as on import
            "name": "孝直镇",
            "level": "township",
            "parent_id": cast.county.pk,
            "kind": "town",
        },
    )
    assert response.status_code == 201, response.json()
    assert response.json()["code"] == "370124103000"
    assert Division.objects.filter(code="370124103000", name="孝直镇").exists()
