"""The searchable matter picker (issue 14): a select that works without script, with a
search box the script shows; the suggestion pre-selected at intake and on the event page."""

import re

from django.utils import timezone

from quanze.dispatch.events.models import Event
from quanze.dispatch.intake.tests.builders import raise_event


def _selected(page: str) -> str:
    select = re.search(r'<select name="matter".*?</select>', page, re.S).group(0)
    return re.search(r'<option value="(\d+)"[^>]*selected', select).group(1)


def test_the_intake_suggests_and_preselects_a_matter_without_registering(client, cast, matters):
    client.force_login(cast.town_a_clerk)
    page = client.get("/dispatch/new/").content.decode()
    assert 'data-filter-for="id_matter"' in page and '<select name="matter"' in page
    assert "按诉求推荐事项" in page
    data = {
        "source": "township",
        "township": cast.town_a.pk,
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "description": "路边有流动摊贩摆摊占道",
        "address": "东关街",
        "suggest": "1",
    }
    page = client.post("/dispatch/new/", data).content.decode()
    assert not Event.objects.exists()
    assert "系统推荐事项" in page and "占道经营管理" in page
    assert _selected(page) == str(matters["stalls"].pk)
    assert 'value="东关街"' in page and "路边有流动摊贩摆摊占道" in page  # kept as typed
    # A matter the clerk chose already stays chosen.
    page = client.post("/dispatch/new/", data | {"matter": matters["garbage"].pk}).text
    assert _selected(page) == str(matters["garbage"].pk)
    del data["suggest"]
    client.post("/dispatch/new/", data | {"matter": matters["stalls"].pk})
    assert Event.objects.get().matter == matters["stalls"]


def test_the_event_page_preselects_the_first_suggestion(client, cast, matters):
    event = raise_event(cast, text="小区垃圾桶满溢没人清运")
    assert event.suggestions[0]["matter_id"] == matters["garbage"].pk
    client.force_login(cast.town_a_clerk)
    page = client.get(f"/dispatch/{event.pk}/").content.decode()
    assert _selected(page) == str(matters["garbage"].pk)
    assert 'data-filter-for="id_matter"' in page


def test_no_suggestion_without_a_description(client, cast, matters):
    client.force_login(cast.town_a_clerk)
    page = client.post("/dispatch/new/", {"suggest": "1", "description": " "}).text
    assert "没有可推荐的事项" in page and not Event.objects.exists()
