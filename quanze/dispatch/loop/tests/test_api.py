"""The loop's API: an event raised, its matter confirmed, dispatched, a stale version refused."""

import json
from datetime import timedelta

from django.utils import timezone


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
