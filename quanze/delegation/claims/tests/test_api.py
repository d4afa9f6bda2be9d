"""The approval, claim and timeline API: same services, same answers as the pages."""

import json

import pytest

from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.claims.models import Claim
from quanze.delegation.tests import builders as b


@pytest.fixture
def window(cast):
    version = b.guiding_version(cast, n=4, basic=2)
    return claim_windows.window_open(
        by=cast.office, county=cast.county, catalog_version=version, title="认领",
        deadline=b.deadline(), townships=[cast.town_a, cast.town_b],
    )  # fmt: skip


def _url(window, town, tail=""):
    return f"/api/delegation/claim-windows/{window.pk}/townships/{town.pk}{tail}"


def _put(client, window, town, items):
    return client.put(
        _url(window, town), json.dumps({"items": items}), content_type="application/json"
    )


def test_a_township_claims_and_submits_through_the_api(client, cast, window):
    client.force_login(cast.town_a_clerk)
    rows = client.get(_url(window, cast.town_a)).json()
    assert [r["set_kind"] for r in rows] == ["basic", "basic", "optional", "optional"]
    answers = [
        {
            "id": rows[2]["id"],
            "claimed": True,
            "reason": "需要",
            "row_version": rows[2]["row_version"],
        },
        {
            "id": rows[3]["id"],
            "claimed": False,
            "reason": "不需要",
            "row_version": rows[3]["row_version"],
        },
    ]
    assert _put(client, window, cast.town_a, answers).status_code == 200
    submitted = client.post(_url(window, cast.town_a, "/submit"))
    assert {r["status"] for r in submitted.json()} == {"submitted"}
    client.force_login(cast.office)
    stats = client.get(f"/api/delegation/claim-windows/{window.pk}/stats").json()
    assert (stats["average"], stats["highest"]) == (3.0, {"township": "锦水街道", "claimed": 3})


def test_a_stale_row_version_answers_409_and_changes_nothing(client, cast, window):
    client.force_login(cast.town_a_clerk)
    rows = client.get(_url(window, cast.town_a)).json()
    first = [
        {
            "id": rows[2]["id"],
            "claimed": True,
            "reason": "甲",
            "row_version": rows[2]["row_version"],
        }
    ]
    assert _put(client, window, cast.town_a, first).status_code == 200
    second = [
        {
            "id": rows[2]["id"],
            "claimed": False,
            "reason": "乙",
            "row_version": rows[2]["row_version"],
        }
    ]
    response = _put(client, window, cast.town_a, second)
    assert response.status_code == 409
    assert "已被他人修改" in response.json()["detail"]
    assert Claim.objects.get(pk=rows[2]["id"]).reason == "甲"


def test_submitting_an_incomplete_claim_answers_422_in_chinese(client, cast, window):
    client.force_login(cast.town_a_clerk)
    response = client.post(_url(window, cast.town_a, "/submit"))
    assert response.status_code == 422
    assert any("尚未选择认领或不认领" in e for e in response.json()["errors"])
