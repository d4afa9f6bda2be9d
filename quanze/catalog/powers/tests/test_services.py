"""Writes to the power register: citations parsed, changes recorded, bad or stale edits refused."""

import pytest
from django.core.exceptions import ValidationError

from quanze.catalog.powers import services
from quanze.catalog.powers.models import Citation
from quanze.catalog.powers.tests.builders import make_power
from quanze.core.errors import Conflict, Forbidden
from quanze.core.history import history_for


def test_it_parses_citations_when_a_power_is_created(cast):
    power = make_power(cast)
    citation = Citation.objects.get(power=power)
    assert (citation.rank, citation.act_title, citation.revision_year, citation.article) == (
        "行政法规",
        "城市道路管理条例",
        2019,
        "42",
    )


def test_it_records_who_changed_what(cast):
    power = make_power(cast)
    services.power_update(
        by=cast.office, power=power, name="对擅自挖掘城市道路的处罚", reason="更名"
    )
    record = history_for(power).first()
    assert record.actor == cast.office
    assert record.before == {"name": "对擅自占用城市道路的处罚"}
    assert record.after == {"name": "对擅自挖掘城市道路的处罚"}
    assert record.reason == "更名"


def test_it_refuses_an_empty_name_and_changes_nothing(cast):
    power = make_power(cast)
    with pytest.raises(ValidationError) as error:
        services.power_update(by=cast.office, power=power, name="  ")
    assert "事项名称" in str(error.value)
    power.refresh_from_db()
    assert power.name == "对擅自占用城市道路的处罚"
    assert history_for(power).count() == 1


def test_it_refuses_a_stale_edit(cast):
    power = make_power(cast)
    seen = power.updated_at
    services.power_update(by=cast.office, power=power, notes="第一次修改")
    with pytest.raises(Conflict):
        services.power_update(
            by=cast.office, power=power, notes="过期的修改", expected_updated_at=seen
        )


def test_it_lets_a_department_clerk_edit_only_its_own_powers(cast):
    own = make_power(cast, code="CF-1")
    other = make_power(cast, code="CF-2", department=cast.land)
    services.power_update(by=cast.dept_clerk, power=own, notes="本部门修改")
    with pytest.raises(Forbidden):
        services.power_update(by=cast.dept_clerk, power=other, notes="越权修改")
    with pytest.raises(Forbidden):
        services.power_update(by=cast.town_a_clerk, power=own, notes="越权修改")


FULL_WIDTH = "ＣＦ－００１"  # what a clerk with a Chinese input method in full-width mode types


def test_a_full_width_code_is_stored_half_width_as_on_import(cast):
    from quanze.core.spreadsheets import code_text

    power = make_power(cast, code=f" {FULL_WIDTH} ")
    assert power.code == "CF-001" == code_text(FULL_WIDTH)
    assert "cf-001" in power.search_text


def test_a_full_width_code_does_not_make_a_second_power(cast):
    make_power(cast, code="CF-001")
    with pytest.raises(ValidationError) as raised:
        make_power(cast, code=FULL_WIDTH)
    assert "事项编码:本区划已有该编码的事项" in str(raised.value)


def test_an_update_normalises_a_code_stored_full_width_before_the_rule(cast):
    from quanze.catalog.powers.models import Power

    power = make_power(cast, code="CF-002")
    Power.objects.filter(pk=power.pk).update(code=FULL_WIDTH)  # as stored before the rule
    power.refresh_from_db()
    services.power_update(by=cast.office, power=power, notes="核对", reason="核对")
    power.refresh_from_db()
    assert power.code == "CF-001"
    assert history_for(power).first().after["code"] == "CF-001"
