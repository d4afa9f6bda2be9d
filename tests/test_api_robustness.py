"""Issue 9 item 6: inputs that answered 500 now answer 4xx with a Chinese message, and
change nothing; control characters (NUL too) are refused at the API boundary."""

import json

import pytest

from quanze.catalog.models import Power
from quanze.org.models import Division
from quanze.testing.world import build_world


@pytest.fixture
def world(cast):
    return build_world(cast)


def _send(client, method, url, payload):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def test_huge_offsets_and_ids_are_422_not_500(client, world):
    client.force_login(world.cast.office)
    huge = str(10**30)
    assert client.get("/api/notices", {"offset": huge}).status_code == 422
    assert client.get("/api/notices", {"offset": 2**62}).status_code == 422
    assert client.get("/api/catalog/powers", {"version": huge}).status_code == 422
    assert client.get("/api/catalog/powers", {"page": huge}).status_code == 422
    assert client.get(f"/api/catalog/powers/{huge}").status_code in (404, 422)
    assert client.get(f"/api/org/divisions/{huge}").status_code in (404, 422)


@pytest.mark.parametrize("field", ["name", "legal_basis", "notes", "power_type_id"])
def test_null_for_a_not_null_power_field_is_422_naming_it(client, world, field):
    client.force_login(world.cast.office)
    power = world.urban_power
    response = _send(
        client,
        "patch",
        f"/api/catalog/powers/{power.pk}",
        {"updated_at": power.updated_at.isoformat(), field: None},
    )
    assert response.status_code == 422
    label = Power._meta.get_field(field.removesuffix("_id")).verbose_name
    assert response.json()["errors"] == [f"{label}:不能为 null"]


def test_null_still_clears_an_optional_power_field(client, world):
    client.force_login(world.cast.office)
    power = world.urban_power
    response = _send(
        client,
        "patch",
        f"/api/catalog/powers/{power.pk}",
        {"updated_at": power.updated_at.isoformat(), "field_id": None},
    )
    assert response.status_code == 200
    assert response.json()["field"] is None


def test_an_unknown_division_level_is_422_in_chinese(client, world):
    client.force_login(world.cast.office)
    response = _send(
        client,
        "post",
        "/api/org/divisions",
        {
            "code": "370124200000",
            "name": "新镇",
            "level": "galaxy",
            "parent_id": world.cast.county.pk,
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0].startswith("层级:只能是province(省)")
    assert not Division.objects.filter(name="新镇").exists()


@pytest.mark.parametrize("text", ["违法\x00建设", "违法\x01建设", "a\ud800b", "\x1b[31m红"])
def test_control_characters_in_a_body_are_422_naming_the_field(client, world, text):
    client.force_login(world.cast.office)
    power = world.urban_power
    response = _send(
        client,
        "patch",
        f"/api/catalog/powers/{power.pk}",
        {"updated_at": power.updated_at.isoformat(), "notes": "备注", "name": text},
    )
    assert response.status_code == 422
    [message] = response.json()["errors"]
    assert message.startswith("请求体“name”:含有不可见的控制字符")
    power.refresh_from_db()
    assert power.name == "对违法建设行为的行政执法"


def test_control_characters_in_a_query_are_422_naming_the_parameter(client, world):
    client.force_login(world.cast.office)
    response = client.get("/api/catalog/powers", {"q": "违法\x00"})
    assert response.status_code == 422
    assert response.json()["errors"][0].startswith("参数“q”:含有不可见的控制字符 空字符(NUL)")


def test_tabs_and_line_breaks_stay_allowed_in_multi_line_text(client, world):
    client.force_login(world.cast.office)
    power = world.urban_power
    response = _send(
        client,
        "patch",
        f"/api/catalog/powers/{power.pk}",
        {"updated_at": power.updated_at.isoformat(), "notes": "第一行\r\n第二行\t续"},
    )
    assert response.status_code == 200
    power.refresh_from_db()
    assert power.notes == "第一行\r\n第二行\t续"


def test_the_schema_declares_the_error_statuses_and_constraints(client):
    schema = client.get("/api/openapi.json").json()
    patch = schema["paths"]["/api/catalog/powers/{power_id}"]["patch"]["responses"]
    assert set(patch) == {"200", "401", "403", "404", "409", "422"}
    public = schema["paths"]["/api/catalog/power-types"]["get"]["responses"]
    assert set(public) == {"200"}
    division = schema["components"]["schemas"]["DivisionIn"]["properties"]
    assert division["level"]["enum"] == ["province", "city", "county", "township", "village"]
    assert "pattern" in division["code"]
