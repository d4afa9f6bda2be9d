"""Scenario 012: the evaluation round on the 000 data, the adjustment of its accepted
proposals and a law amendment's impact; what is printed is the system's own reports (the
round's, the adjustment's and the law change's selectors). One scenario run per file."""

from io import StringIO

import pytest
from django.core.management import call_command

from quanze.catalog.models import CatalogVersion
from quanze.evaluation.adjustment.models import AdjustmentProject
from quanze.evaluation.adjustment.selectors import projects_from
from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.lawchange.models import LawChange
from quanze.evaluation.rounds import scenario
from quanze.evaluation.rounds.models import Round

pytestmark = [pytest.mark.django_db, pytest.mark.cost(105)]


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


def test_the_adjustment_publishes_new_versions_and_prints_its_own_diff(loaded, db):
    round_ = Round.objects.get(title=scenario.TITLE)
    [project] = projects_from(f"evaluation.round:{round_.pk}")
    assert project.status == AdjustmentProject.Status.DONE
    assert project.changes.count() == len(scenario.report(round_)["specs"])
    figures = scenario.adjustment_report(project)
    after = figures["after"]
    returned = len(scenario.report(round_)["returned"])
    assert after["移出清单(收回县级)"] >= returned > 0 and after["主体责任"] == 1
    line = ";".join(f"{k} {n} 条" for k, n in sorted(after.items()))
    assert f"清单变化:{line};涉及清单 {len(figures['lists'])} 个" in loaded
    assert f"合法性审核批次 {len(figures['batches'])} 个" in loaded
    # the township lists were published anew by the meeting's decision
    published = CatalogVersion.objects.filter(
        status=CatalogVersion.Status.PUBLISHED, document_number=scenario.DOCUMENT
    )
    assert published.count() >= 1
    assert all(o for o in figures["outcomes"]) and sum(figures["outcomes"].values()) == (
        project.changes.count()
    )


def test_the_law_amendment_lists_its_impact_from_the_selectors(loaded, db):
    change = LawChange.objects.get(document_number=scenario.LAW_DOCUMENT)
    figures = scenario.law_report(change)
    assert figures["powers"] and figures["rows"] and len(figures["units"]) > 0
    assert change.rows_found >= len(figures["rows"])
    kinds = "、".join(f"{label} {n}" for _k, label, n in figures["kinds"])
    assert f"本县受影响条目 {len(figures['rows'])} 个:{kinds}" in loaded
    assert f"全省应通知单位 {len(figures['units'])} 个" in loaded
    assert figures["powers"][0] in loaded


def test_loading_again_adds_nothing(loaded, db):
    out = StringIO()
    call_command("scenario", "012", stdout=out)
    assert Round.objects.filter(title=scenario.TITLE).count() == 1
    assert AdjustmentProject.objects.count() == 1
    assert LawChange.objects.filter(document_number=scenario.LAW_DOCUMENT).count() == 1
    assert "评估建议:" in out.getvalue() and "清单变化:" in out.getvalue()
