"""Opening a case: only under a power held on the case's date, in the right name."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord
from quanze.delegation.models import Mode
from quanze.enforcement.cases import services
from quanze.enforcement.cases.models import Case


def _open(by, power, on, **more):
    data = dict(source="inspection", title="占道经营", party_kind="individual", party_name="李四")
    return services.case_open(by=by, power=power, opened_on=on, **data | more)


def test_an_entrusted_power_acts_in_the_entrusting_departments_name(ew):
    case = ew.case_a
    assert case.mode == Case.Mode.ENTRUSTED
    assert case.acting_name == "平阴县城市管理局"
    assert case.acting_department == ew.cast.urban
    assert case.number == "平阴县城市管理局〔2025〕1号"
    assert (
        case.basis["list"] == "锦水街道赋权事项清单"
        and case.basis["decision"] == "平政发〔2025〕8号"
    )
    assert case.state == "registered"
    assert case.steps.get().action == "open"
    assert ChangeRecord.objects.filter(object_id=case.pk, action="create").exists()


def test_a_power_not_on_the_list_is_refused_naming_the_list_and_date(ew):
    with pytest.raises(ValidationError) as refused:
        _open(ew.cast.town_a_clerk, ew.land_power, date(2025, 3, 3))
    text = refused.value.message_dict["power"][0]
    assert "「锦水街道赋权事项清单」第1版" in text and "2025年03月03日" in text
    assert Case.objects.count() == 1


def test_before_the_list_took_effect_the_township_holds_nothing(ew):
    with pytest.raises(ValidationError) as refused:
        _open(ew.cast.town_a_clerk, ew.urban_power, date(2024, 12, 31))
    assert "2024年12月31日没有已发布施行的乡镇权责清单" in refused.value.message_dict["power"][0]


def test_point_in_time_a_later_list_without_the_power_does_not_change_an_earlier_date(ew, builders):
    # A new list version from 2025-06-01 drops the power: cases before that date stay valid.
    builders.publish_list(
        ew.cast.town_a, "锦水街道赋权事项清单(二)", [ew.land_private], on=date(2025, 6, 1)
    )
    assert (
        _open(ew.cast.town_a_clerk, ew.urban_power, date(2025, 5, 31)).mode == Case.Mode.ENTRUSTED
    )


def test_a_listed_power_without_decision_is_the_townships_own(ew):
    case = _open(ew.cast.town_b_clerk, ew.urban_private, date(2025, 3, 3))
    assert case.mode == Case.Mode.TOWNSHIP and case.acting_name == "玫瑰镇"


def test_a_granted_power_acts_in_the_townships_name(ew, builders):
    builders.decide(
        ew,
        townships=[ew.cast.town_b],
        power=ew.urban_private,
        mode=Mode.GRANT,
        number="平政发〔2025〕12号",
    )
    case = _open(ew.cast.town_b_clerk, ew.urban_private, date(2025, 3, 3))
    assert case.mode == Case.Mode.GRANTED and case.acting_name == "玫瑰镇"
    assert case.number == "玫瑰镇〔2025〕1号"


def test_a_department_opens_under_its_own_power_only(ew):
    case = _open(ew.cast.dept_clerk, ew.urban_private, date(2025, 3, 3))
    assert case.mode == Case.Mode.OWN and case.department == ew.cast.urban
    with pytest.raises(ValidationError) as refused:
        _open(ew.cast.dept_clerk, ew.land_power, date(2025, 3, 3))
    assert "不是平阴县城市管理局实施的本级职权" in refused.value.message_dict["power"][0]


def test_only_teams_open_cases(ew):
    for user in (ew.cast.office, ew.cast.reviewer):
        with pytest.raises(Forbidden):
            _open(user, ew.urban_power, date(2025, 3, 3))


def test_an_event_source_needs_an_event(ew):
    with pytest.raises(ValidationError) as refused:
        _open(ew.cast.town_a_clerk, ew.urban_power, date(2025, 3, 3), source="event")
    assert "来源事件" in refused.value.message_dict["event"][0]
