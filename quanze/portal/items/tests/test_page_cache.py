"""The item page's server cache: an unchanged page is one query; a change through any
service that alters what the page shows is on the next request (never a stale page)."""

from datetime import date

import pytest
from django.utils import timezone

from quanze.core.history import change_record, record_change
from quanze.core.models import ChangeRecord
from quanze.enforcement.benchmarks.tests.test_notices import publish as publish_benchmark
from quanze.enforcement.disclosure import services as disclosure
from quanze.enforcement.statistics.models import Exercise
from quanze.enforcement.statistics.services import exercise_record
from quanze.enforcement.tests import world as enforcement_world
from quanze.enforcement.tests.world import fined
from quanze.org import services as org
from quanze.portal import caching

pytestmark = pytest.mark.django_db


def _url(w):
    return f"/portal/items/{w.urban_power.pk}/"


def test_an_unchanged_page_is_served_from_the_cache_in_one_query(
    client, world, django_assert_max_num_queries
):
    first = client.get(_url(world))
    with django_assert_max_num_queries(1):  # the public generation
        again = client.get(_url(world))
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"] and "public" in again["Cache-Control"]
    with django_assert_max_num_queries(1):
        assert client.get(_url(world), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_a_published_penalty_decision_shows_on_the_next_request(client, world):
    ew = enforcement_world.extend(world)
    before = client.get(_url(ew)).content.decode()
    case = ew.case_a
    case = fined(ew, case)
    client.get(_url(ew))  # cached again after the case's steps
    notice = disclosure.notice_publish(by=ew.cast.town_a_clerk, case=case)
    assert notice.title not in before
    assert notice.title in client.get(_url(ew)).content.decode()


def test_a_published_benchmark_shows_on_the_next_request(client, world, tmp_path):
    ew = enforcement_world.extend(world)
    assert "平阴县城市管理行政处罚裁量基准" not in client.get(_url(ew)).content.decode()
    publish_benchmark(ew, tmp_path, date(2025, 4, 1))
    assert "平阴县城市管理行政处罚裁量基准" in client.get(_url(ew)).content.decode()


def test_a_recorded_exercise_changes_the_published_figures_at_once(client, world):
    ew = enforcement_world.extend(world)  # town_a's list holds the power
    cast = ew.cast
    org.division_update(by=cast.office, division=cast.county, publish_exercise_figures=True)
    before = client.get(_url(ew)).content.decode()
    assert "行权数据" in before and "100%" not in before
    exercise_record(
        by=cast.town_a_clerk, power=ew.urban_power, on=timezone.localdate(),
        kind=Exercise.Kind.values[0], count=3,
    )  # fmt: skip
    assert "100%" in client.get(_url(ew)).content.decode()


def test_the_generation_sees_a_record_committed_below_the_newest(world):
    """On PostgreSQL a transaction may commit a change record whose id is below one
    already visible (ids are handed out at insert, not at commit): the generation moves
    all the same."""
    power = world.urban_power
    records = [record_change(power, action="update", actor=None) for _ in range(3)]
    middle = records[1].pk
    ChangeRecord.objects.filter(pk=middle).delete()  # not yet committed, as seen by a reader
    seen = caching.public_generation()
    late = change_record(power, action="update", actor=None)
    late.pk = middle
    late.save()  # the late commit
    assert max(r.pk for r in records) == ChangeRecord.objects.latest("id").pk
    assert caching.public_generation() != seen
    record_change(power, action="update", actor=None)
    assert caching.public_generation() != seen
