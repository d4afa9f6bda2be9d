import json

import pytest
from django.test import Client

from quanze.catalog.catalogs.models import Catalog
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


def test_the_public_reads_published_entries_from_snapshots(client, world):
    from quanze.catalog.powers import services as power_services

    power_services.power_update(by=world.cast.office, power=world.urban_power, name="改后的名称")
    entries = client.get(f"/api/catalog/versions/{world.published.pk}/entries").json()
    assert [(e["position"], e["code"], e["name"], e["set_kind"]) for e in entries] == [
        (1, "330217D01", "对违法建设行为的行政执法", "basic"),
        (2, "XK-0001", "建设用地审批", "optional"),
    ]
    assert client.get("/api/catalog/powers").status_code == 401
    catalogs = {c["name"] for c in client.get("/api/catalog/catalogs").json()}
    assert catalogs == {"平阴县赋权乡镇指导目录", "商河县指导目录"}


def test_the_diff_names_the_changed_fields(client, world):
    from quanze.catalog.catalogs import services

    services.version_set_entries(
        by=None, version=world.draft, entries=[(world.urban_power, "optional")]
    )
    client.force_login(world.cast.reviewer)
    body = client.get(f"/api/catalog/versions/{world.published.pk}/diff/{world.draft.pk}").json()
    assert [e["code"] for e in body["removed"]] == ["XK-0001"]
    assert body["changed"][0]["changes"] == [
        {"field": "set_kind", "old": "basic", "new": "optional"}
    ]
    assert (body["added"], body["unchanged"]) == ([], 0)


def test_the_office_creates_a_catalog_drafts_and_publishes(client, world):
    client.force_login(world.cast.office)
    created = _send(
        client,
        "post",
        "/api/catalog/catalogs",
        {"name": "玫瑰镇赋权清单", "kind": "township_list", "owner_id": world.cast.town_b.pk},
    )
    assert created.status_code == 201
    catalog_id = created.json()["id"]
    draft = client.post(f"/api/catalog/catalogs/{catalog_id}/draft").json()
    assert (draft["number"], draft["status"]) == (1, "draft")
    empty = _send(client, "post", f"/api/catalog/versions/{draft['id']}/publish", {})
    assert empty.status_code == 422
    assert empty.json()["errors"] == ["不能发布没有事项的版本"]
    published = _send(
        client,
        "post",
        f"/api/catalog/versions/{world.draft.pk}/publish",
        {"effective_date": "2025-09-01", "document_number": "平编发〔2025〕12号"},
    ).json()
    assert (published["status"], published["effective_date"]) == ("published", "2025-09-01")


def test_a_bad_catalog_kind_is_refused_in_chinese(client, world):
    client.force_login(world.cast.office)
    response = _send(
        client,
        "post",
        "/api/catalog/catalogs",
        {"name": "目录", "kind": "nonsense", "owner_id": world.cast.county.pk},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0].startswith("类别:")
    assert not Catalog.objects.filter(name="目录").exists()


def test_writes_need_the_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.cast.office)
    response = client.post(f"/api/catalog/catalogs/{world.urban_catalog.pk}/draft")
    assert response.status_code == 403
    client.get("/catalog/")  # sets the CSRF cookie, as a browser would
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"/api/catalog/catalogs/{world.urban_catalog.pk}/draft", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200


def test_the_schema_and_docs_are_served(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/catalog/powers/{power_id}" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_the_power_search_api_does_not_query_per_row(client, cast, django_assert_max_num_queries):
    from quanze.testing import factories as f

    f.PowerFactory.create_batch(60, owner=cast.county, department=cast.urban, field=f.field())
    client.force_login(cast.office)
    with django_assert_max_num_queries(6):
        body = client.get("/api/catalog/powers", {"q": "处罚", "page_size": 50}).json()
    assert (body["count"], len(body["items"])) == (60, 50)
    assert body["items"][0]["field"] == "城市管理"
