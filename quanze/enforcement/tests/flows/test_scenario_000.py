"""Scenario 000 continued into enforcement: a year of cases under the 52 entrusted powers
in the 20 townships, and the figures printed are the statistics selectors' own."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from quanze.delegation.decisions.models import Decision
from quanze.delegation.scenarios.s000_approval import DOCUMENT_NUMBER
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.models import Case, CaseStep
from quanze.enforcement.scenarios import s000
from quanze.enforcement.statistics.export import percent
from quanze.org.models import Division

pytestmark = [pytest.mark.django_db, pytest.mark.cost(100)]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = StringIO()
        call_command("scenario", "000", stdout=out)
        yield out.getvalue()
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def figures(loaded, db):
    decision = Decision.objects.get(document_number=DOCUMENT_NUMBER)
    return s000.report(Division.objects.get(name="平阴县"), decision)


def test_the_printed_exercise_rate_is_the_reports_and_adds_up(loaded, figures):
    report, total = figures["report"], figures["report"].total
    assert len(report.townships) == 20
    assert total.held == sum(r.held for r in report.townships)
    assert total.exercised + total.never == total.held
    assert figures["never_pairs"] == total.never
    assert (
        f"全县行权率 {percent(total.rate)}:20 个镇(街道)承接 {total.held} 项次"
        f"(含各镇原有清单事项),行权 {total.exercised} 项次,未行权 {total.never} 项次;"
        f"未行权的“乡镇×事项”清单 {total.never} 对"
    ) in loaded
    assert f"平阴县登记 {figures['cases']} 件" in loaded
    assert figures["cases"] == Case.objects.filter(opened_on__gte=s000.START).count() > 100


def test_the_52_items_spread_many_used_some_never(loaded, figures):
    items = figures["items"]
    assert len(items) == 52
    assert all(i.held == 20 for i in items)
    never = [i for i in items if not i.exercised]
    used = [i for i in items if i.exercised]
    assert len(never) >= s000.NEVER_USED and len(used) >= 30
    exercised = sum(i.exercised for i in items)
    assert (
        f"委托事项({DOCUMENT_NUMBER})52 项:承接 1040 项次,行权 {exercised} 项次,"
        f"行权率 {percent(exercised / 1040)};有乡镇行权 {len(used)} 项,无一乡镇行权 {len(never)} 项"
    ) in loaded
    for item in never:
        assert f"从未行权:{item.name}({item.code}),承接乡镇 20 个" in loaded
        # only cases ended as 不予立案 (not an exercise) may name it
        assert not Case.objects.filter(power_id=item.power_id, filed_on__isnull=False).exists()


def test_fines_per_township_and_the_80_percent_return_of_the_decision(loaded, figures):
    decision, total = figures["decision"], figures["report"].total
    assert decision.fine_return_share == 80
    assert total.fines_paid > 0
    assert total.returned == (total.fines_paid * decision.fine_return_share / 100).quantize(
        total.returned
    )
    for row in figures["report"].townships:
        assert f"{row.name}:承接 {row.held} 项,行权 {row.exercised} 项" in loaded
        assert f"返还 {row.returned:,.2f} 元(80.0%)" in loaded
    assert f"返还比例 {percent(total.return_share)}(决定的返还比例 80%)" in loaded
    assert percent(total.return_share) == "80.0%"


def test_every_case_went_through_the_rules(loaded, db):
    cases = Case.objects.filter(opened_on__gte=s000.START)
    assert cases.filter(state=m.CLOSED).count() == cases.count()
    assert cases.filter(procedure=m.SIMPLE).exists() and cases.filter(outcome="").exists()
    assert set(cases.values_list("mode", flat=True)) == {Case.Mode.ENTRUSTED}
    assert not cases.exclude(acting_name="平阴县城市管理局").exists()
    assert cases.filter(reviewer__isnull=False).exists()
    steps = CaseStep.objects.filter(case__in=cases, action__in=m.INVESTIGATIVE)
    assert steps.exists()
    for step in steps.prefetch_related("officers"):
        assert len(step.officers.all()) == 2
        assert len(step.data["certificates"]) == 2
    assert all(c.closed_on <= date.today() for c in cases)


def test_a_second_run_adds_no_case(loaded, db):
    before = Case.objects.count()
    call_command("scenario", "000", stdout=StringIO())
    assert Case.objects.count() == before


def test_the_20_stationed_squads_come_from_the_systems_own_reads(loaded, db):
    from quanze.enforcement.scenarios import s000_squads

    county = Division.objects.get(name="平阴县")
    figures = s000_squads.report(county)
    rows = figures["squads"]
    assert len(rows) == 20 and len({r.township_id for r in rows}) == 20
    assert all(r.head_id and r.member_count == s000_squads.MEMBERS for r in rows)
    assert (figures["agreed"], figures["refused"]) == (20, 1)
    assert sum(figures["grades"].values()) == 20
    staffing = figures["staffing"]
    assert sum(t.vehicles for t in staffing.townships) == 20
    assert all(t.stationed >= s000_squads.MEMBERS for t in staffing.townships)
    assert "县城管局派驻中队:20 个,派驻 20 个镇(街道)" in loaded
    assert f"派驻队员 {sum(r.member_count for r in rows)} 人;全县执法车辆 20 辆" in loaded
    assert "中队长任免征求镇(街道)意见:同意 20 件,不同意 1 件;已任命中队长 20 名" in loaded
