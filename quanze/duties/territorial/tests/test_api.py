from quanze.duties.territorial.models import Matter
from quanze.duties.territorial.tests.builders import published_list


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
