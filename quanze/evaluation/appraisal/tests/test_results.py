"""Results: facts from the records (set-based), the weighting, ranking, and anonymity."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quanze.core.errors import Forbidden, NotFound
from quanze.dispatch.events.models import Assignment
from quanze.enforcement.squads import services as squads
from quanze.evaluation.appraisal import rules, selectors, services, xlsx
from quanze.evaluation.appraisal.tests.builders import (
    assignment,
    fill,
    make_round,
    open_round,
    sheet_of,
)
from quanze.testing import factories as f

pytestmark = pytest.mark.django_db
T2D = "t2d"


def by_unit(rows, unit_id):
    return next(r for r in rows if r.unit_id == unit_id)


def row_of(result, name):
    return next(c for c in result.criteria if c.criterion.name == name)


def test_fact_criteria_come_from_the_records_with_their_figures(cast):
    for on_time in (True, True, True, False):
        assignment(cast, cast.urban, on_time=on_time, role=Assignment.Role.SUMMONED)
    assignment(cast, cast.urban, on_time=True, sent_back=True)
    round = open_round(cast)
    urban = by_unit(selectors.results(round, T2D), cast.urban.pk)
    whistles = row_of(urban, "吹哨报到按时率")
    assert whistles.score == 75 and whistles.source == "按时报到 3 / 吹哨 4"
    assert "接收时限" in whistles.definition
    send_backs = row_of(urban, "事件未退回率")
    assert send_backs.score == 80 and send_backs.source == "退回 1 / 派发 5"
    # nothing recorded for the land bureau: no figure, the criterion drops out
    land = by_unit(selectors.results(round, T2D), cast.land.pk)
    assert row_of(land, "吹哨报到按时率").score is None and land.fact_part is None


def test_records_outside_the_period_or_county_do_not_count(cast):
    from datetime import datetime

    from django.utils import timezone

    assignment(cast, cast.urban, on_time=False, at=timezone.make_aware(datetime(2024, 12, 31)))
    round = open_round(cast)
    urban = by_unit(selectors.results(round, T2D), cast.urban.pk)
    assert row_of(urban, "事件未退回率").score is None


def test_the_squads_appraisal_and_head_consent_count_for_the_department(cast):
    from datetime import date, datetime

    from django.utils import timezone

    from quanze.enforcement.squads.models import HeadConsent
    from quanze.enforcement.tests.world import officer

    squad = squads.squad_create(
        by=cast.dept_clerk, township=cast.town_a, established_on=date(2025, 1, 1)
    )
    squads.appraisal_record(by=cast.town_a_clerk, squad=squad, year=2025, score=Decimal(90))
    head = officer(cast, "队长甲", department=cast.urban, number="37012400099")
    squads.member_add(by=cast.dept_clerk, squad=squad, officer=head, joined_on=date(2025, 1, 2))
    consent = squads.consent_request(by=cast.dept_clerk, squad=squad, candidate=head, reason="任命")
    squads.consent_answer(by=cast.town_a_clerk, consent=consent, agree=True, answer="同意")
    in_period = timezone.make_aware(datetime(2025, 5, 1))
    HeadConsent.objects.filter(pk=consent.pk).update(requested_at=in_period)
    round = open_round(cast)
    urban = by_unit(selectors.results(round, T2D), cast.urban.pk)
    assert row_of(urban, "派驻中队乡镇考评得分").score == 90
    consent_row = row_of(urban, "派驻机构负责人任免征得同意率")
    assert consent_row.score == 100 and consent_row.source == "乡镇同意 1 / 提请任免 1"


def test_a_departments_total_weighs_the_townships_as_the_round_says(cast):
    for on_time in (True, False):
        assignment(cast, cast.urban, on_time=on_time)
    round = open_round(cast, township_weight=Decimal(70))
    fill(round, cast.town_a_clerk, sheet_of(round, township=cast.town_a, department=cast.urban), 90)
    fill(round, cast.town_b_clerk, sheet_of(round, township=cast.town_b, department=cast.urban), 70)
    urban = by_unit(selectors.results(round, T2D), cast.urban.pk)
    assert urban.form_part == 80
    # facts: accepted on time 50 % (weight 0 here: not a default criterion), send-backs 100 %
    assert urban.fact_part == 100
    assert urban.total == Decimal(80) * Decimal("0.7") + Decimal(100) * Decimal("0.3")
    land = by_unit(selectors.results(round, T2D), cast.land.pk)
    assert land.total is None and land.rank is None and urban.rank == 1
    shares = [c.share for c in urban.criteria]
    assert abs(sum(shares) - 100) < Decimal("0.0001")


def test_units_see_results_only_once_closed_and_only_their_own_breakdown(cast):
    round = open_round(cast)
    with pytest.raises(Forbidden):
        selectors.round_results(cast.dept_clerk, round)
    assert selectors.round_results(cast.office, round)["department"]
    round = services.round_close(by=cast.office, round=round)
    assert selectors.round_results(cast.town_b_clerk, round)["township"]
    selectors.unit_result(cast.dept_clerk, round, "department", cast.urban.pk)
    with pytest.raises(NotFound):
        selectors.unit_result(cast.dept_clerk, round, "department", cast.land.pk)
    with pytest.raises(NotFound):
        selectors.unit_result(cast.town_a_clerk, round, "department", cast.urban.pk)
    with pytest.raises(NotFound):
        selectors.access_round(cast.outsider, round.pk)


def test_a_department_never_sees_the_sheets_about_it(cast):
    round = open_round(cast)
    about_urban = sheet_of(round, township=cast.town_a, department=cast.urban)
    with pytest.raises(NotFound):
        selectors.access_sheet(cast.dept_clerk, about_urban.pk)
    assert all(r["scorer"] == cast.urban.name for r in selectors.sheet_rows(cast.dept_clerk))


def scored_round(cast, low_from, *, anonymous=True):
    """town `low_from` gives 40 (below the threshold 60), the other town 85."""
    round = open_round(cast, anonymous=anonymous)
    for town, clerk in ((cast.town_a, cast.town_a_clerk), (cast.town_b, cast.town_b_clerk)):
        sheet = sheet_of(round, township=town, department=cast.urban)
        low = town == low_from
        fill(round, clerk, sheet, 40 if low else 85, "派驻人员调度不畅" if low else "配合良好")
    return services.round_close(by=cast.office, round=round)


def test_an_anonymous_round_hides_who_scored_the_department_below_the_threshold(cast):
    round = scored_round(cast, cast.town_a)
    seen = selectors.unit_result(cast.dept_clerk, round, "department", cast.urban.pk)["scores"]
    assert {s["score"] for s in seen} == {Decimal(40), Decimal(85)}
    assert all(s["scorer"] is None for s in seen)  # not even the town that gave 85
    # the office that runs the round sees who
    office = selectors.unit_result(cast.office, round, "department", cast.urban.pk)["scores"]
    assert {s["scorer"] for s in office} == {"锦水街道", "玫瑰镇"}


def test_the_department_cannot_tell_which_township_gave_the_low_score(cast):
    """Swapping which township gave the low score changes nothing the department reads:
    the page's rows, the API's and the export."""
    views = []
    for low_from in (cast.town_a, cast.town_b):
        round = scored_round(cast, low_from)
        detail = selectors.unit_result(cast.dept_clerk, round, "department", cast.urban.pk)
        exported = xlsx.export(cast.dept_clerk, round)
        views.append((detail["scores"], detail["result"].total, rows_of(exported)))
        round.sheets.all().delete()
        round.delete()
    assert views[0] == views[1]
    assert not any(
        "锦水街道" in str(row) or "玫瑰镇" in str(row) for row in views[0][2]["评分明细"]
    )


def rows_of(content: bytes) -> dict:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    return {sheet.title: [list(r) for r in sheet.iter_rows(values_only=True)] for sheet in book}


def test_without_anonymity_or_a_low_score_scorers_are_named(cast):
    round = scored_round(cast, cast.town_a, anonymous=False)
    seen = selectors.unit_result(cast.dept_clerk, round, "department", cast.urban.pk)["scores"]
    assert {s["scorer"] for s in seen} == {"锦水街道", "玫瑰镇"}


def test_townships_see_which_department_scored_them(cast):
    round = open_round(cast)
    sheet = sheet_of(round, township=cast.town_a, department=cast.urban, direction="d2t")
    fill(round, cast.dept_clerk, sheet, 30)
    round = services.round_close(by=cast.office, round=round)
    seen = selectors.unit_result(cast.town_a_clerk, round, "township", cast.town_a.pk)["scores"]
    assert {s["scorer"] for s in seen} == {cast.urban.name}


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.integers(0, 100), min_size=3, max_size=3), st.permutations(range(3)))
def test_anonymous_views_are_the_same_whoever_gave_which_score(cast, values, order):
    """Property: permuting the sheets among three townships leaves the department's view
    unchanged whenever a score is below the threshold."""
    from django.db import transaction

    seen = []
    for arrangement in (list(range(3)), list(order)):
        with transaction.atomic():
            towns = [cast.town_a, cast.town_b, f.township(cast.county, "370124102000", "安城镇")]
            clerks = [
                f.UserFactory(role="township_clerk", county=cast.county, township=t) for t in towns
            ]
            round = open_round(cast)
            for town_index, value in zip(arrangement, values, strict=True):
                sheet = sheet_of(round, township=towns[town_index], department=cast.urban)
                fill(round, clerks[town_index], sheet, value)
            round = services.round_close(by=cast.office, round=round)
            seen.append(
                selectors.unit_result(cast.dept_clerk, round, "department", cast.urban.pk)["scores"]
            )
            transaction.set_rollback(True)
    if rules.hides_scorers(values, anonymous=True, threshold=Decimal(60)):
        assert seen[0] == seen[1]
        assert all(s["scorer"] is None for s in seen[0])
    else:
        assert all(s["scorer"] for s in seen[0])


def test_a_townships_own_team_is_scored_on_handling_what_it_leads_in_time(cast):
    from datetime import datetime, timedelta

    from django.utils import timezone

    from quanze.org.services import township_team

    team = township_team(cast.town_a)
    for late in (False, False, True):
        a = assignment(cast, team, on_time=True)
        done = a.handle_due + (timedelta(hours=1) if late else -timedelta(hours=1))
        Assignment.objects.filter(pk=a.pk).update(handled_at=done)
    assignment(cast, team, on_time=True)  # never handled, long past its limit: late
    assignment(cast, team, on_time=True, sent_back=True)  # misfiled, sent back: not counted
    late_in_year = timezone.make_aware(datetime(2025, 12, 30, 9))
    assignment(cast, team, on_time=True, at=late_in_year)  # still inside its limit at the end
    assignment(cast, cast.urban, on_time=True)  # a department's: not the township's
    round = make_round(cast)
    services.criterion_add(
        by=cast.office,
        round=round,
        direction="d2t",
        name="属地承办按时办结率",
        weight=10,
        fact="township_team_on_time",
    )
    round = services.round_open(by=cast.office, round=round)
    town_a = by_unit(selectors.results(round, "d2t"), cast.town_a.pk)
    row = row_of(town_a, "属地承办按时办结率")
    assert row.score == 50 and row.source == "按时办结 2 / 承办 4"
    town_b = by_unit(selectors.results(round, "d2t"), cast.town_b.pk)
    assert row_of(town_b, "属地承办按时办结率").score is None
