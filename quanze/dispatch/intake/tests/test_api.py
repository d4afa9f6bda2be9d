"""Raising an event through the API: a bad place is refused; an intake reads little."""

import json

from django.utils import timezone

from quanze.dispatch.events.models import Event, EventLog


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
