from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from quanze.core.errors import Forbidden, NotFound
from quanze.core.history import history_for
from quanze.core.models import Notice
from quanze.enforcement.squads import rules, selectors, services
from quanze.enforcement.squads.models import HeadConsent


@pytest.fixture
def squad(cast):
    return services.squad_create(
        by=cast.dept_clerk, township=cast.town_a, established_on=date(2025, 10, 1)
    )


@pytest.fixture
def members(cast, builders, squad):
    people = [
        builders.officer(cast, name, department=cast.urban, number=f"CG{n}")
        for n, name in enumerate(["张队", "李队", "王队"])
    ]
    for person in people:
        services.member_add(
            by=cast.dept_clerk, squad=squad, officer=person, joined_on=date(2025, 10, 1)
        )
    return people


def test_it_stations_a_squad_named_after_the_department_and_tells_the_township(cast, squad):
    assert squad.name == "县城管局派驻锦水街道中队"
    assert squad.county_id == cast.county.pk
    assert Notice.objects.filter(recipient=cast.town_a_clerk, kind="staffing").exists()
    assert history_for(squad).filter(action="create").exists()


def test_only_a_department_stations_a_squad_in_its_own_county(cast):
    with pytest.raises(Forbidden):
        services.squad_create(
            by=cast.town_a_clerk, township=cast.town_a, established_on=date(2025, 1, 1)
        )
    from quanze.testing import factories as f

    foreign = f.township(cast.other_county, "370126001000", "某镇")
    with pytest.raises(ValidationError, match="派驻乡镇"):
        services.squad_create(by=cast.dept_clerk, township=foreign, established_on=date(2025, 1, 1))


def test_a_member_is_the_departments_officer_in_one_squad_at_a_time(cast, builders, squad):
    township_officer = builders.officer(cast, "镇队员", township=cast.town_a)
    with pytest.raises(ValidationError, match="派出部门"):
        services.member_add(
            by=cast.dept_clerk, squad=squad, officer=township_officer, joined_on=date(2025, 10, 1)
        )
    person = builders.officer(cast, "赵队", department=cast.urban)
    services.member_add(
        by=cast.dept_clerk, squad=squad, officer=person, joined_on=date(2025, 10, 2)
    )
    other = services.squad_create(
        by=cast.dept_clerk, township=cast.town_b, established_on=date(2025, 10, 1)
    )
    with pytest.raises(ValidationError, match="已在"):
        services.member_add(
            by=cast.dept_clerk, squad=other, officer=person, joined_on=date(2025, 11, 1)
        )


def test_the_township_refuses_with_a_reason_then_agrees_and_the_head_is_appointed(
    cast, squad, members
):
    consent = services.consent_request(
        by=cast.dept_clerk, squad=squad, candidate=members[1], reason="拟任"
    )
    assert Notice.objects.filter(recipient=cast.town_a_clerk, kind="squad_consent").count() == 1
    with pytest.raises(ValidationError, match="一件待答复"):
        services.consent_request(by=cast.dept_clerk, squad=squad, candidate=members[0], reason="x")
    with pytest.raises(ValidationError, match="不同意时须写明理由"):
        services.consent_answer(by=cast.town_a_clerk, consent=consent, agree=False)
    with pytest.raises(Forbidden):
        services.consent_answer(by=cast.town_b_clerk, consent=consent, agree=True)
    services.consent_answer(by=cast.town_a_clerk, consent=consent, agree=False, answer="不熟悉")
    squad.refresh_from_db()
    assert squad.head is None
    assert Notice.objects.filter(recipient=cast.dept_clerk, kind="squad_consent").count() == 1
    again = services.consent_request(
        by=cast.dept_clerk, squad=squad, candidate=members[0], reason="骨干"
    )
    services.consent_answer(by=cast.town_a_clerk, consent=again, agree=True)
    squad.refresh_from_db()
    assert squad.head == members[0]
    assert [c.state for c in squad.consents.order_by("pk")] == [
        HeadConsent.State.REFUSED,
        HeadConsent.State.AGREED,
    ]
    assert history_for(squad).filter(action="head").get().after == {"head": "张队"}
    with pytest.raises(ValidationError, match="已答复"):
        services.consent_answer(by=cast.town_a_clerk, consent=again, agree=False, answer="x")


def test_the_township_records_attendance_and_appraises_and_the_department_hears(
    cast, squad, members
):
    row = services.attendance_record(
        by=cast.town_a_clerk, squad=squad, officer=members[0], month=date(2025, 11, 15),
        days_due=21, days_present=20,
    )  # fmt: skip
    assert row.month == date(2025, 11, 1)
    with pytest.raises(ValidationError, match="实出勤天数"):
        services.attendance_record(
            by=cast.town_a_clerk, squad=squad, officer=members[0], month=date(2025, 11, 1),
            days_due=20, days_present=21,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="该月不在本中队"):
        services.attendance_record(
            by=cast.town_a_clerk, squad=squad, officer=members[0], month=date(2025, 9, 1),
            days_due=20, days_present=20,
        )  # fmt: skip
    with pytest.raises(Forbidden):
        services.attendance_record(
            by=cast.dept_clerk, squad=squad, officer=members[0], month=date(2025, 11, 1),
            days_due=20, days_present=20,
        )  # fmt: skip
    appraisal = services.appraisal_record(
        by=cast.town_a_clerk, squad=squad, year=2025, score="91.5"
    )
    assert appraisal.grade == "优秀"
    assert Notice.objects.filter(recipient=cast.dept_clerk, title__contains="优秀").exists()
    with pytest.raises(ValidationError, match="得分"):
        services.appraisal_record(by=cast.town_a_clerk, squad=squad, year=2025, score="abc")


def test_equipment_belongs_to_a_squad_or_a_township_team(cast, squad):
    services.equipment_add(by=cast.dept_clerk, squad=squad, kind="vehicle", name="执法车")
    services.equipment_add(by=cast.town_a_clerk, kind="recorder", name="记录仪", quantity=3)
    with pytest.raises(Forbidden):
        services.equipment_add(by=cast.town_a_clerk, squad=squad, kind="vehicle", name="车")
    with pytest.raises(ValidationError, match="数量"):
        services.equipment_add(
            by=cast.dept_clerk, squad=squad, kind="vehicle", name="车", quantity=0
        )
    assert selectors.township_equipment(cast.town_a_clerk).get().quantity == 3


def test_who_sees_a_squad(cast, squad):
    for user in (cast.office, cast.reviewer, cast.dept_clerk, cast.town_a_clerk):
        assert selectors.access_squad(user, squad.pk) == squad
    for user in (cast.other_dept_clerk, cast.town_b_clerk, cast.outsider):
        with pytest.raises(NotFound):
            selectors.access_squad(user, squad.pk)


@given(st.decimals(min_value=0, max_value=100, places=1))
def test_the_grade_follows_the_score_bands(score):
    grade = rules.grade(score)
    expected = (
        "优秀" if score >= 90 else "良好" if score >= 80 else "合格" if score >= 60 else "不合格"
    )
    assert grade == expected


def test_an_auxiliary_member_cannot_be_proposed_as_squad_head(cast, squad, members):
    """编外辅助 staff may not act alone (officers' post type), so they cannot lead a squad."""
    from quanze.enforcement.officers.models import Officer

    Officer.objects.filter(pk=members[1].pk).update(post_type=Officer.PostType.AUXILIARY)
    members[1].refresh_from_db()
    with pytest.raises(ValidationError, match="编外辅助"):
        services.consent_request(by=cast.dept_clerk, squad=squad, candidate=members[1], reason="x")
    assert not HeadConsent.objects.exists()


def test_texts_with_control_characters_are_refused_by_the_new_services(cast, squad, members):
    from quanze.dispatch.suggestion import services as vocabulary
    from quanze.enforcement.staffing import services as staffing
    from quanze.enforcement.training import services as training

    with pytest.raises(ValidationError, match="事由"):
        staffing.quota_set(
            by=cast.office, township=cast.town_a, kind="administrative", approved=10, filled=5,
            reason="增编\x01",
        )  # fmt: skip
    with pytest.raises(ValidationError, match="答复"):
        training.request_answer(by=cast.reviewer, request=None, accept=True, answer="好\x1b")
    with pytest.raises(ValidationError, match="理由"):
        vocabulary.vocabulary_remove(by=cast.office, term=None, reason="删\x85")
