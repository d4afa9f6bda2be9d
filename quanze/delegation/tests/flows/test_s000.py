"""Scenario 000 end to end: the figures of source 000 come out of the system's reports."""

from io import StringIO

import pytest

from quanze.delegation.consultation import selectors as reports
from quanze.delegation.consultation.models import ConsultationRound
from quanze.delegation.eventlog.models import Event
from quanze.delegation.projects.models import ItemClass
from quanze.delegation.review.models import Batch
from quanze.delegation.scenarios import s000

pytestmark = pytest.mark.cost(135)


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            state = s000.load_until_review()
            figures = s000.report(state.project)
            out = StringIO()
            s000.print_report(figures, out)
            yield state, figures, out.getvalue()
            transaction.set_rollback(True)


def test_it_assesses_185_items_into_the_four_classes(scenario):
    _, figures, _ = scenario
    classes = figures["classes"]
    assert classes["total"] == 185
    assert all(classes[c] > 0 for c in ItemClass.values)
    assert classes["batch1"] == 52 and classes["overridden"] >= 1
    assert sum(classes[c] for c in ItemClass.values) == 185


def test_it_consults_20_townships_in_four_frozen_rounds(scenario):
    state, figures, _ = scenario
    consulted = figures["consultation"]
    assert consulted["rounds"] == 4 and consulted["closed"] == 4
    assert consulted["townships_in_every_round"] == 20
    assert consulted["meetings"] == 21 and consulted["reminders"] == 2
    rounds = state.project.rounds.order_by("number")
    assert all(r.status == ConsultationRound.Status.CLOSED for r in rounds)
    # every township answered every item of every round
    for round_ in rounds:
        assert all(p.outstanding == 0 for p in reports.recipient_progress(round_))
    # agreement grows as the rounds narrow down to the first batch
    shares = consulted["willing_share"]
    assert shares[4] == 1.0 and shares[1] < shares[4]


def test_it_shows_what_changed_between_rounds(scenario):
    state, _, _ = scenario
    second = state.project.rounds.get(number=2)
    changes = reports.round_changes(second)
    kinds = {row["kind"] for row in changes}
    assert {"changed", "withdrawn"} <= kinds


def test_the_first_batch_is_52_city_management_penalties_by_entrustment_reviewed(scenario):
    state, figures, text = scenario
    batch = figures["batch"]
    assert batch["total"] == 52
    assert batch["by_field_type"] == {("城市管理", "行政处罚"): 52}
    assert batch["verdicts"]["pass"] == 52 and batch["unreviewed"] == 0
    assert state.batch.status == Batch.Status.REVIEWED
    assert state.batch.mode == "entrustment"
    assert "第一批 52 项" in text and "委托" in text


def test_every_transition_left_an_event(scenario):
    state, _, _ = scenario
    events = Event.objects.filter(project=state.project)
    assert events.filter(to_state="closed").count() == 4
    assert events.filter(to_state="reviewed").count() == 1
    assert events.filter(to_state="pass").count() == 52


def test_a_rerun_returns_the_same_project(scenario):
    state, _, _ = scenario
    again = s000.load_until_review()
    assert again.project.pk == state.project.pk


def test_the_scenario_command_prints_the_reported_figures(scenario):
    from django.core.management import call_command

    out = StringIO()
    call_command("scenario", "000", stdout=out)
    text = out.getvalue()
    assert "评估事项 185 项" in text and "征求意见 4 轮,每轮均征求 20 个镇(街道)" in text
    assert "第一批 52 项(城市管理·行政处罚 52 项),方式:委托" in text


def test_the_busy_pages_do_not_query_per_row(scenario, client, django_assert_max_num_queries):
    state, _, _ = scenario
    # a rerun of the demo loader resets the demo passwords: log in as the user now stored
    client.force_login(type(state.office).objects.get(pk=state.office.pk))
    first = state.project.rounds.get(
        number=1
    )  # 185 items, 20 townships and the departments concerned
    pages = [
        f"/delegation/projects/{state.project.pk}/",
        f"/delegation/projects/{state.project.pk}/items/",
        f"/delegation/projects/{state.project.pk}/matrix/",
        f"/delegation/rounds/{first.pk}/",
        f"/delegation/rounds/{first.pk + 1}/changes/",
        f"/delegation/batches/{state.batch.pk}/",
    ]
    for url in pages:
        with django_assert_max_num_queries(25):
            assert client.get(url).status_code == 200, url
