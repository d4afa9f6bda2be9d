import json

import pytest
from django.test import Client

from quanze.catalog.catalogs.models import Catalog
from quanze.testing.world import build_world


@pytest.fixture
def world(cast):
    return build_world(cast)


def _send(client, method, url, payload):
    return getattr(client, method)(url, json.dumps(payload), content_type="application/json")


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
