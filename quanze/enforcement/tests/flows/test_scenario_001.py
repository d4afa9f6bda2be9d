"""Scenario 001 continued into enforcement: 186 sat the qualification exam and 179
passed, read from the exam's own report; the results came in through the importer and
every pass became a certificate that passes the case check.

Runs the enforcement module on the demo county only (the delegation part of 001, the
471-item claim, has its own test)."""

from datetime import date
from io import StringIO

import pytest

from quanze.catalog.demo.loader import demo_load
from quanze.core.models import ChangeRecord
from quanze.enforcement.exams.models import Candidate, Sitting
from quanze.enforcement.exams.selectors import pass_rates
from quanze.enforcement.officers.selectors import certificate_check
from quanze.enforcement.scenarios import s001

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    from django.core.management import call_command

    with django_db_blocker.unblock():
        demo_load()
        out = StringIO()
        s001.load(stdout=out)
        s001.load(stdout=out)  # run again, it adds nothing
        yield out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


def test_the_report_shows_186_sat_and_179_passed(loaded):
    sitting = Sitting.objects.get(title=s001.TITLE)
    rates = pass_rates(sitting)
    assert (rates.registered, rates.sat, rates.passed, rates.certified) == (186, 186, 179, 179)
    assert len(rates.units) == 20
    assert "报考 186 人,取得执法资格 179 人,通过率 96.2%" in loaded
    assert Sitting.objects.count() == 1


def test_the_results_came_through_the_importer_and_were_recorded(loaded):
    assert ChangeRecord.objects.filter(action="result").count() == 186
    assert Sitting.objects.get().state == Sitting.State.SCORED


def test_townships_with_a_clerk_registered_their_own_staff(loaded):
    by_clerk = Candidate.objects.filter(registered_by__role="township_clerk")
    assert by_clerk.exists()
    assert all(c.officer.township_id == c.registered_by.township_id for c in by_clerk)


def test_every_pass_holds_a_certificate_that_passes_the_case_check(loaded):
    passed = Candidate.objects.filter(passed=True).select_related("officer")
    for candidate in passed[:20]:
        certificate = certificate_check(candidate.officer, on=date(2026, 1, 5), field=None)
        assert certificate == candidate.certificate
    assert not Candidate.objects.filter(passed=False, certificate__isnull=False).exists()
