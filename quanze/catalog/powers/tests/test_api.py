"""The power register's API: search, detail, edit."""

import json

import pytest

from quanze.catalog.powers.models import Power
from quanze.testing.world import build_world


@pytest.fixture
def world(cast):
    return build_world(cast)


def _send(client, method, url, payload):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


def test_it_searches_powers_with_two_character_words_and_pages(client, world):
    client.force_login(world.cast.office)
    body = client.get("/api/catalog/powers", {"q": "审批", "page_size": 1}).json()
    assert (body["count"], body["page_size"], len(body["items"])) == (2, 1, 1)
    assert body["items"][0]["code"] == "XK-0001"
    second = client.get("/api/catalog/powers", {"q": "审批", "page_size": 1, "page": 2}).json()
    assert second["items"][0]["code"] == "XK-0002"
    by_set = client.get(
        "/api/catalog/powers", {"version": world.published.pk, "set_kind": "basic"}
    ).json()
    assert [p["code"] for p in by_set["items"]] == ["330217D01"]


def test_the_power_detail_carries_its_parsed_citations(client, world):
    client.force_login(world.cast.dept_clerk)
    body = client.get(f"/api/catalog/powers/{world.urban_power.pk}").json()
    assert body["department"] == "平阴县城市管理局"
    citation = body["citations"][0]
    assert (citation["rank"], citation["act_title"], citation["revision_year"]) == (
        "法律",
        "中华人民共和国城乡规划法",
        2019,
    )
    assert (citation["article"], citation["clause"]) == ("64", "1")


def test_a_stale_update_gets_409_and_changes_nothing(client, world):
    client.force_login(world.cast.office)
    url = f"/api/catalog/powers/{world.urban_power.pk}"
    seen = client.get(url).json()["updated_at"]
    first = _send(client, "patch", url, {"updated_at": seen, "notes": "第一次"})
    assert first.status_code == 200 and first.json()["notes"] == "第一次"
    second = _send(client, "patch", url, {"updated_at": seen, "notes": "第二次"})
    assert second.status_code == 409
    assert second.json()["detail"] == "该事项已被他人修改,请刷新后重试"
    assert Power.objects.get(pk=world.urban_power.pk).notes == "第一次"


def test_an_invalid_update_gets_422_in_chinese(client, world):
    client.force_login(world.cast.office)
    url = f"/api/catalog/powers/{world.urban_power.pk}"
    seen = client.get(url).json()["updated_at"]
    response = _send(client, "patch", url, {"updated_at": seen, "name": "  "})
    assert response.status_code == 422
    assert response.json()["errors"] == ["事项名称:不能为空"]
    unknown = _send(client, "patch", url, {"updated_at": seen, "power_type_id": 99999})
    assert unknown.status_code == 422
    assert "职权类型:编号99999不存在" in unknown.json()["errors"]


def test_a_department_clerk_cannot_move_a_power_to_another_department(client, world):
    client.force_login(world.cast.dept_clerk)
    url = f"/api/catalog/powers/{world.urban_power.pk}"
    seen = client.get(url).json()["updated_at"]
    response = _send(
        client, "patch", url, {"updated_at": seen, "department_id": world.cast.land.pk}
    )
    assert response.status_code == 403
    assert Power.objects.get(pk=world.urban_power.pk).department == world.cast.urban


def test_the_power_search_api_does_not_query_per_row(client, cast, django_assert_max_num_queries):
    from quanze.testing import factories as f

    f.PowerFactory.create_batch(60, owner=cast.county, department=cast.urban, field=f.field())
    client.force_login(cast.office)
    with django_assert_max_num_queries(6):
        body = client.get("/api/catalog/powers", {"q": "处罚", "page_size": 50}).json()
    assert (body["count"], len(body["items"])) == (60, 50)
    assert body["items"][0]["field"] == "城市管理"


def test_a_patch_of_formula_like_text_is_stored_and_warned_about(client, world):
    client.force_login(world.cast.office)
    url = f"/api/catalog/powers/{world.urban_power.pk}"
    seen = client.get(url).json()["updated_at"]
    text = '=HYPERLINK("http://x.example","点我")'
    response = _send(client, "patch", url, {"updated_at": seen, "notes": text})
    assert response.status_code == 200
    assert response.json()["notes"] == text  # stored as typed; exports neutralise it
    (warning,) = response.json()["warnings"]
    assert warning.startswith("备注:内容以“=”开头") and "加“'”" in warning
    assert client.get(url).json()["warnings"] == []
    plain = _send(client, "patch", url, {"updated_at": response.json()["updated_at"], "notes": "-"})
    assert plain.json()["warnings"] == []
