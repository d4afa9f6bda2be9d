"""Scenario 012: the evaluation round on the 000 data; what is printed is the round's own
report and proposals."""

from io import StringIO

import pytest
from django.core.management import call_command

from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.rounds import scenario
from quanze.evaluation.rounds.models import Round

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = StringIO()
        call_command("scenario", "012", stdout=out)
        yield out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


def test_the_round_returns_transfers_and_adds_from_its_own_report(loaded, db):
    round_ = Round.objects.get(title=scenario.TITLE)
    figures = scenario.report(round_)
    items = figures["items"]
    assert len(items) == 52 and sum(i.held for i in items) == 1040
    assert f"评估 52 项事项,承接 1040 项次,行权 {sum(i.exercised for i in items)} 项次" in loaded
    never = [i for i in items if i.exercised == 0]
    assert len(figures["returned"]) == len(never) > 0
    [transfer] = figures["transfer"]
    assert transfer.matter.name == scenario.MATTER
    assert "满意率 30%(评价 10 次)" in transfer.facts and transfer.facts in loaded
    [added] = figures["added"]
    assert added.township is not None and "1个乡镇申请新增该事项" in added.facts
    kinds = {spec.kind for spec in figures["specs"]}
    assert kinds == {ChangeKind.RETURN, ChangeKind.TRANSFER, ChangeKind.ADD}
    assert f"已采纳、可交付动态调整的变更 {len(figures['specs'])} 项" in loaded


def test_loading_again_adds_nothing(loaded, db):
    out = StringIO()
    call_command("scenario", "012", stdout=out)
    assert Round.objects.filter(title=scenario.TITLE).count() == 1
    assert "评估建议:" in out.getvalue()
