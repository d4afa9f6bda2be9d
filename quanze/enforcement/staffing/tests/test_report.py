from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quanze.enforcement.squads import services as squads
from quanze.enforcement.staffing import services
from quanze.enforcement.staffing.follow import decision_posts
from quanze.enforcement.staffing.models import PostKind
from quanze.enforcement.staffing.report import staffing_report

ON = date(2025, 6, 1)


def test_certified_officers_per_township_against_items_and_the_township_share(ew, builders):
    cast = ew.cast
    # town_a's team: 王强 and 李明 certified, 赵亮 expired; 陈静 is a department officer.
    squad = squads.squad_create(by=cast.dept_clerk, township=cast.town_a, established_on=ON)
    stationed = builders.officer(cast, "派驻甲", department=cast.urban, number="CG-9")
    squads.member_add(by=cast.dept_clerk, squad=squad, officer=stationed, joined_on=ON)
    builders.officer(cast, "部门乙", department=cast.urban)
    report = staffing_report(cast.county, on=ON, minimum=3)
    town_a = next(t for t in report.townships if t.id == cast.town_a.pk)
    assert (town_a.team, town_a.team_certified) == (3, 2)
    assert (town_a.stationed, town_a.stationed_certified) == (1, 1)
    assert town_a.certified == 3 and not town_a.overloaded
    assert town_a.items == 1 and town_a.per_officer == 1 / 3
    assert town_a.cases == 1  # case_a, opened 2025-03-03
    earlier = staffing_report(cast.county, on=ON, year=2024)
    assert next(t for t in earlier.townships if t.id == cast.town_a.pk).cases == 0
    town_b = next(t for t in report.townships if t.id == cast.town_b.pk)
    assert town_b.items == 1 and town_b.certified == 0 and town_b.overloaded
    urban = next(d for d in report.departments if d.id == cast.urban.pk)
    assert (urban.officers, urban.stationed) == (3, 1)
    # 3 town_a team + 1 stationed of 6 officers (3 team, 3 urban)
    assert (report.in_townships, report.officers) == (4, 6)
    assert report.township_share == 4 / 6 and report.target_met


def test_the_report_is_a_fixed_number_of_queries(ew, builders):
    cast = ew.cast
    staffing_report(cast.county, on=ON)
    for n in range(5):
        builders.officer(cast, f"加人{n}", township=cast.town_b, number=f"TB{n}")
    with CaptureQueriesContext(connection) as first:
        staffing_report(cast.county, on=ON)
    for n in range(5):
        builders.officer(cast, f"再加{n}", department=cast.land, number=f"LD{n}")
    with CaptureQueriesContext(connection) as second:
        staffing_report(cast.county, on=ON)
    assert len(first) == len(second) <= 10


def test_posts_follow_the_decisions_items(ew):
    cast = ew.cast
    services.quota_set(
        by=cast.office, department=cast.urban, kind=PostKind.INSTITUTIONAL, approved=20, filled=18
    )
    services.sinking_create(
        by=cast.office, department=cast.urban, township=cast.town_a,
        kind=PostKind.INSTITUTIONAL, count=3, on=ON,
    )  # fmt: skip
    departments, report = decision_posts(ew.decision, on=ON)
    urban = departments[0]
    # the decision delegates 1 of the department's 2 powers: half its 20 posts follow
    assert (urban.delegated, urban.total, urban.approved) == (1, 2, 20)
    assert (urban.follow, urban.sunk, urban.short) == (10, 3, 7)
    assert [t.id for t in report.townships] == [cast.town_a.pk]
    assert report.townships[0].sunk_in == 3
