"""Scenario 001 end to end: the figures of source 001 come out of the system's own report."""

from io import StringIO

import pytest
from django.core.management import call_command

from quanze.delegation.claims.models import Claim, ClaimWindow
from quanze.delegation.claims.stats import claim_report
from quanze.delegation.scenarios.s001 import WINDOW_TITLE

# Every test here in the same (db) group, so the module fixture loads once.
pytestmark = [pytest.mark.django_db, pytest.mark.cost(90)]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = StringIO()
        call_command("scenario", "001", stdout=out)
        yield out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def report(loaded, db):
    return claim_report(window=ClaimWindow.objects.get(title=WINDOW_TITLE))


def test_the_report_shows_471_items_288_on_average_and_355_at_most(report):
    assert report.catalog_items == 471
    assert report.reported == 20
    assert report.average == 288
    assert report.highest.claimed == 355
    assert report.highest.name == "孝直镇"  # the economically developed pilot town leads


def test_townships_take_21_approval_items_on_average(report):
    assert report.approvals_average == 21


def test_every_township_claims_the_whole_basic_set_with_reasons_for_optional_answers(report, db):
    assert all(t.basic == report.basic_items for t in report.townships)
    optional = Claim.objects.filter(window_id=report.window_id, entry__set_kind="optional")
    assert not optional.filter(claimed__isnull=True).exists()
    assert not optional.filter(reason="").exists()
    assert set(
        Claim.objects.filter(window_id=report.window_id).values_list("status", flat=True)
    ) == {"accepted"}


def test_the_field_and_type_tables_add_up_to_the_total(report):
    assert sum(g.claimed for g in report.by_field) == report.total == 288 * 20
    assert sum(g.claimed for g in report.by_type) == report.total


def test_the_command_prints_the_report_and_a_second_run_changes_nothing(loaded, db):
    assert "平均认领 288 项,最高 孝直镇 355 项" in loaded
    out = StringIO()
    call_command("scenario", "001", stdout=out)
    assert ClaimWindow.objects.filter(title=WINDOW_TITLE).count() == 1
    assert "平均认领 288 项" in out.getvalue()
