"""Scenario 004 continued into training: 2,100 attendances from the training report, a
team of ten in each township, menu requests answered (runs the training module on the
demo county only; the rest of 004 has its own tests)."""

from io import StringIO

import pytest

from quanze.catalog.demo.loader import demo_load
from quanze.core.models import Notice
from quanze.enforcement.scenarios import s004_training
from quanze.enforcement.training.models import TrainingRequest
from quanze.enforcement.training.selectors import training_report
from quanze.org.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    from django.core.management import call_command

    with django_db_blocker.unblock():
        demo_load()
        out = StringIO()
        s004_training.load(stdout=out)
        s004_training.load(stdout=out)  # run again, it adds nothing
        yield out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


def test_the_report_counts_2100_attendances(loaded):
    bureau = User.objects.get(username="reviewer")
    report = training_report(bureau, year=s004_training.YEAR)
    # 14 county courses of 150 places; the two courses sent to townships have no roll yet
    assert report.attendances == 2100
    assert f"参训 {report.attendances} 人次" in loaded
    assert sum(1 for u in report.units if u.officers >= 10) >= 20  # a team in each township


def test_menu_requests_are_answered_and_the_townships_hear(loaded):
    states = sorted(TrainingRequest.objects.values_list("state", flat=True))
    assert states == ["accepted", "accepted", "declined"]
    clerks = User.objects.filter(role="township_clerk")
    assert Notice.objects.filter(recipient__in=clerks, kind="training_request").count() == 5
