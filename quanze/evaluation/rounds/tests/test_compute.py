"""Computing a round on a hand-checked small world: the indicators, the proposals and
their facts, the query count, the notices and the history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from quanze.core.history import history_for
from quanze.core.models import ChangeRecord, Notice
from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.rounds import indicators, selectors, services
from quanze.evaluation.rounds.models import Indicator, Proposal, Round
from quanze.evaluation.rounds.tests import builders
from quanze.testing import factories as f


@pytest.fixture
def rich(ew):
    """town_a holds urban_power (case_a: exercised) and town_b urban_private (never
    exercised). urban_power's matter got 3 satisfied and 7 unsatisfied events in town_a."""
    builders.matters(ew)
    builders.events(ew, ew.building, ew.cast.town_a, satisfied=3, unsatisfied=7)
    builders.events(ew, ew.stalls, ew.cast.town_b, satisfied=2, unsatisfied=0)
    return ew


def test_indicators_from_recorded_facts(rich):
    round_ = builders.round_(rich, status="collecting")
    m = indicators.measure(round_)
    a = m.pairs[(rich.cast.town_a.pk, rich.urban_power.pk)]
    b = m.pairs[(rich.cast.town_b.pk, rich.urban_private.pk)]
    assert set(m.pairs) == {
        (rich.cast.town_a.pk, rich.urban_power.pk),
        (rich.cast.town_b.pk, rich.urban_private.pk),
    }
    assert (a.exercised, a.cases, a.dispatched, a.rated, a.satisfied) == (True, 1, 10, 10, 3)
    assert a.in_time == 10 and a.close_hours == 10.0
    # 王强 and 李明 hold valid 城市管理 certificates; 赵亮's expired in 2024
    assert a.certified == 2
    assert (b.exercised, b.cases, b.dispatched, b.satisfied, b.certified) == (False, 0, 2, 2, 0)


def test_measuring_takes_a_fixed_number_of_queries(rich, django_assert_max_num_queries):
    round_ = builders.round_(rich, status="collecting")
    with django_assert_max_num_queries(16):
        indicators.measure(round_)


def test_compute_reaches_return_and_transfer_with_readable_facts(rich):
    round_ = builders.round_(rich, status="computed")
    assert round_.status == Round.Status.COMPUTED
    assert Indicator.objects.filter(round=round_).count() == 2
    by_kind = {p.kind: p for p in round_.proposals.all()}
    returned = by_kind[ChangeKind.RETURN]
    assert returned.power == rich.urban_private and returned.township is None
    assert returned.facts.startswith("行权率 0%(12个月,1个乡镇承接、0个行权)")
    transfer = by_kind[ChangeKind.TRANSFER]
    assert transfer.power == rich.urban_power
    assert transfer.matter == rich.building and transfer.unit == rich.cast.urban
    assert "满意率 30%(评价 10 次)" in transfer.facts
    assert set(by_kind) == {ChangeKind.RETURN, ChangeKind.TRANSFER}
    office = Notice.objects.get(recipient=rich.cast.office, kind="evaluation_computed")
    assert "2 个乡镇×事项" in office.body
    assert ChangeRecord.objects.filter(object_id=round_.pk, action="compute").exists()


def test_self_assessment_return_and_add_requests(rich):
    cast = rich.cast
    round_ = builders.round_(rich, status="collecting")
    services.assessment_save(
        by=cast.town_a_clerk,
        round_=round_,
        power=rich.land_power,
        staff=2,
        equipment=3,
        difficulty=2,
        need=5,
        ask_add=True,
        note="耕地保护需要",
    )
    services.assessment_save(
        by=cast.town_a_clerk,
        round_=round_,
        power=rich.urban_power,
        staff=5,
        equipment=5,
        difficulty=1,
        need=4,
    )
    round_ = services.round_compute(by=cast.office, round_=round_)
    added = round_.proposals.get(kind=ChangeKind.ADD)
    assert (added.power, added.township) == (rich.land_power, cast.town_a)
    assert added.facts == "1个乡镇申请新增该事项(锦水街道)"
    a = Indicator.objects.get(round=round_, township=cast.town_a)
    assert a.capacity == 100.0
    assert a.score is not None


def test_decisions_give_change_specs_and_close_the_round(rich):
    cast = rich.cast
    round_ = builders.round_(rich, status="computed")
    transfer = round_.proposals.get(kind=ChangeKind.TRANSFER)
    returned = round_.proposals.get(kind=ChangeKind.RETURN)
    with pytest.raises(ValidationError) as error:
        services.proposal_decide(by=cast.office, proposal=transfer, accept=True, reason=" ")
    assert "审定意见" in str(error.value)
    services.proposal_decide(by=cast.office, proposal=transfer, accept=True, reason="同意调整")
    with pytest.raises(ValidationError, match="未审定"):
        services.round_close(by=cast.office, round_=round_)
    services.proposal_decide(by=cast.office, proposal=returned, accept=False, reason="再观察一年")
    specs = selectors.accepted_change_specs(round_)
    assert len(specs) == 1
    spec = specs[0]
    assert spec.kind is ChangeKind.TRANSFER
    assert (spec.power_id, spec.matter_id, spec.unit_id) == (
        rich.urban_power.pk,
        rich.building.pk,
        cast.urban.pk,
    )
    assert spec.source == f"evaluation.proposal:{transfer.pk}" and "满意率" in spec.facts
    told = Notice.objects.filter(kind="evaluation_decided", recipient=cast.dept_clerk)
    assert told.count() == 2
    assert ChangeRecord.objects.filter(object_id=returned.pk, action="reject").get().reason == (
        "再观察一年"
    )
    services.round_close(by=cast.office, round_=round_)
    assert Round.objects.get(pk=round_.pk).status == "closed"
    with pytest.raises(ValidationError, match="不能测算"):
        services.round_compute(by=cast.office, round_=Round.objects.get(pk=round_.pk))


def test_proposal_status_left_untouched_when_a_decision_fails(rich):
    round_ = builders.round_(rich, status="computed")
    proposal = round_.proposals.first()
    with pytest.raises(ValidationError):
        services.proposal_decide(by=rich.cast.office, proposal=proposal, accept=True, reason="")
    assert Proposal.objects.get(pk=proposal.pk).status == "proposed"


def test_while_collecting_only_weights_and_thresholds_change(rich):
    cast = rich.cast
    round_ = builders.round_(rich, status="collecting")
    same = {"title": round_.title, "start": round_.start, "end": round_.end}
    services.round_update(
        by=cast.office, round_=round_, **same, weights={"exercise": 50}, thresholds={}
    )
    assert Round.objects.get(pk=round_.pk).weights["exercise"] == 50
    record = history_for(round_).get(action="update")
    assert (
        record.before == {"weights": round_.weights} and record.after["weights"]["exercise"] == 50
    )
    with pytest.raises(ValidationError, match="只能修改指标权重"):
        services.round_update(by=cast.office, round_=round_, **{**same, "title": "改名"})
    with pytest.raises(Exception, match="只有本县编办"):
        services.round_update(by=cast.outsider, round_=round_, **same)


def test_no_transfer_to_the_department_already_primary_the_item_s_result_says_why(ew):
    builders.matters(ew, primary=ew.cast.urban)
    builders.events(ew, ew.building, ew.cast.town_a, satisfied=3, unsatisfied=7)
    round_ = builders.round_(ew, status="computed")
    assert not round_.proposals.filter(kind=ChangeKind.TRANSFER).exists()
    kept = round_.proposals.get(power=ew.urban_power)
    assert kept.kind == ChangeKind.KEEP
    assert kept.facts.endswith("未提出调整主责单位:该事项的实施部门已是“违法建设治理”的主责部门")


def test_no_add_of_an_item_outside_the_published_catalog_the_round_page_says_why(ew, client):
    cast = ew.cast
    unlisted = f.PowerFactory(owner=cast.county, code="WL000001", name="未列入目录的事项")
    round_ = builders.round_(ew, status="collecting")
    services.assessment_save(
        by=cast.town_a_clerk, round_=round_, power=unlisted, staff=2, equipment=3,
        difficulty=2, need=5, ask_add=True, note="基层需要",
    )  # fmt: skip
    round_ = services.round_compute(by=cast.office, round_=round_)
    assert not round_.proposals.filter(kind=ChangeKind.ADD).exists()
    line = (
        "未提出新增赋权:WL000001「未列入目录的事项」(锦水街道申请)不在已发布的现行目录中,"
        "须先列入目录才能赋权"
    )
    assert Round.objects.get(pk=round_.pk).skipped == [line]
    record = ChangeRecord.objects.get(object_id=round_.pk, action="compute")
    assert "未提出 1 条" in record.reason
    client.force_login(cast.office)
    assert line in client.get(f"/evaluation/rounds/{round_.pk}/").content.decode()
    client.force_login(cast.town_b_clerk)
    assert "未提出的建议" not in client.get(f"/evaluation/rounds/{round_.pk}/").content.decode()


def test_no_return_of_an_item_the_township_s_list_has_dropped_since(rich):
    """town_b held urban_private all of 2025 and never exercised it, but its list was
    replaced in 2026 by one without it: returning it now is refused when the adjustment
    opens (无从收回), so the round does not propose it and says why."""
    from quanze.catalog.catalogs import services as catalog

    draft = catalog.version_draft(by=None, catalog=rich.town_b_list.catalog)
    catalog.version_set_entries(by=None, version=draft, entries=[(rich.urban_power, "")])
    catalog.version_publish(
        by=None, version=draft, effective_date=date(2026, 2, 1), document_number="平编发〔2026〕1号"
    )
    round_ = builders.round_(rich, status="computed")
    assert Indicator.objects.filter(round=round_, power=rich.urban_private).count() == 1
    assert not round_.proposals.filter(kind=ChangeKind.RETURN).exists()
    kept = round_.proposals.get(power=rich.urban_private)
    assert (kept.kind, kept.reason) == (ChangeKind.KEEP, "现行清单中已无该事项,无需收回")
    assert kept.facts.endswith("但评估范围内乡镇的现行清单中已无该事项,未提出收回")


def test_no_return_of_an_item_no_published_catalog_lists_any_more(rich):
    """The urban department's 权责清单 was republished without urban_private: opening
    refuses returning an item in no published catalog (须先列入目录), so the round keeps
    it and says why (evaluation rules: `ItemFacts.in_catalog`)."""
    from quanze.catalog.catalogs import services as catalog

    draft = catalog.version_draft(by=None, catalog=rich.urban_catalog)
    catalog.version_set_entries(by=None, version=draft, entries=[(rich.urban_power, "")])
    catalog.version_publish(
        by=None, version=draft, effective_date=date(2026, 2, 1), document_number="平编发〔2026〕2号"
    )
    round_ = builders.round_(rich, status="computed")
    assert not round_.proposals.filter(kind=ChangeKind.RETURN).exists()
    kept = round_.proposals.get(power=rich.urban_private)
    assert (kept.kind, kept.reason) == (ChangeKind.KEEP, "目录中已无该事项,暂不能收回,保留")
    assert "但该事项已不在已发布的目录中,须先列入目录才能收回,未提出收回" in kept.facts
