"""The demo county's case work: what `quanze load_demo` shows a person walking the demo."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from quanze.core.models import ChangeRecord
from quanze.enforcement.cases.models import Case, CaseStep, Evidence
from quanze.enforcement.cases.selectors import case_queue
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.enforcement.officers.selectors import certificate_check
from quanze.org.models import User


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_it_gives_the_demo_county_certified_officers(demo):
    assert "执法演示数据已载入" in demo
    team = Officer.objects.filter(township__name="锦水街道")
    assert team.count() >= 2
    today = timezone.localdate()
    for officer in team:
        for field in {c.field for c in Case.objects.filter(township=officer.township)}:
            certificate_check(officer, on=today, field=field)  # raises if not covered
    assert Officer.objects.exclude(legal_qualification="").exists()


def test_it_gives_cases_in_several_states_through_the_services(demo):
    states = set(Case.objects.values_list("state", flat=True))
    assert {"registered", "investigating", "notified", "closed", "executed"} <= states
    closed = Case.objects.get(state="closed", outcome="penalty")
    assert closed.reviewed and closed.paid_amount == closed.fine_amount
    for step in CaseStep.objects.filter(action__in=["investigate", "decide_on_spot"]):
        assert step.officers.count() >= 2
        assert len(step.data["certificates"]) >= 2
    assert Evidence.objects.filter(custody__isnull=False).exists()
    for case in Case.objects.all():  # every case has its history from the service
        assert ChangeRecord.objects.filter(object_id=case.pk, action="create").exists()


def test_the_township_clerk_sees_its_cases_on_the_queue(demo):
    clerk = User.objects.get(username="town1")
    assert case_queue(clerk, queue="open").count() >= 3
    assert case_queue(clerk, queue="overdue").exists()
    other = User.objects.get(username="town2")
    assert set(case_queue(other, queue="all").values_list("township", flat=True)) == {
        other.township_id
    }


def test_it_loads_only_once(demo):
    counts = (Officer.objects.count(), Certificate.objects.count(), Case.objects.count())
    records = ChangeRecord.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "执法演示数据已存在" in out.getvalue()
    assert (Officer.objects.count(), Certificate.objects.count(), Case.objects.count()) == counts
    assert ChangeRecord.objects.count() == records
