"""Scenario 000 after the review: approved by entrustment, published to all 20 townships
with an 80% fine return, agreements generated; figures read back from the system."""

from io import StringIO

import pytest
from django.core.management import call_command

from quanze.catalog.models import CatalogVersion
from quanze.delegation.decisions.models import Decision
from quanze.delegation.decisions.report import decision_outcome
from quanze.delegation.eventlog.selectors import events_for
from quanze.delegation.review.models import Batch
from quanze.delegation.scenarios.s000_approval import DOCUMENT_NUMBER

# Every test here in the same (db) group, so the module fixture loads once.
pytestmark = [pytest.mark.django_db, pytest.mark.cost(90)]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = StringIO()
        call_command("scenario", "000", stdout=out)
        yield out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def decision(loaded, db):
    return Decision.objects.get(document_number=DOCUMENT_NUMBER)


def test_the_52_city_management_penalties_are_approved_by_entrustment_with_80_percent(decision):
    outcome = decision_outcome(decision)
    assert outcome["items"] == 52
    assert outcome["by_field_type"] == {("城市管理", "行政处罚"): 52}
    assert (outcome["mode"], outcome["share"]) == ("委托", "80%")
    assert decision.batch.status == Batch.Status.APPROVED


def test_every_one_of_the_20_township_lists_is_published_with_the_decision(decision):
    outcome = decision_outcome(decision)
    assert outcome["townships"] == 20
    assert outcome["lists_published"] == 20
    assert outcome["lists_holding_every_item"] == 20
    versions = CatalogVersion.objects.filter(document_number=DOCUMENT_NUMBER)
    assert {v.effective_date.isoformat() for v in versions} == {"2025-10-01"}


def test_each_township_gets_its_agreement(decision):
    assert decision_outcome(decision)["agreements"] == 20


def test_the_batch_and_decision_transitions_are_logged(decision):
    batch_states = [e.to_state for e in events_for(decision.batch)]
    assert batch_states[-2:] == ["submitted", "approved"]
    assert [e.to_state for e in events_for(decision)] == ["recorded", "published"]


def test_the_command_prints_the_figures(loaded):
    assert "以委托方式下放 20 个镇(街道),罚没款返还 80%" in loaded
    assert "已发布乡镇清单 20 个(含全部决定事项 20 个),委托协议 20 份" in loaded
