import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Forbidden
from quanze.core.history import history_for
from quanze.org import services
from quanze.org.models import Department, Division


def test_the_office_adds_a_township_to_its_county(cast):
    town = services.division_create(
        by=cast.office,
        code="370124102",
        name="孔村镇",
        level=Division.Level.TOWNSHIP,
        parent=cast.county,
        kind=Division.Kind.TOWN,
    )
    assert town.code == "370124102000"
    assert history_for(town).get().action == "create"


@pytest.mark.parametrize("user", ["reviewer", "dept_clerk", "town_a_clerk", "outsider"])
def test_no_one_else_adds_a_township(cast, user):
    with pytest.raises(Forbidden):
        services.division_create(
            by=getattr(cast, user),
            code="370124102000",
            name="孔村镇",
            level=Division.Level.TOWNSHIP,
            parent=cast.county,
        )
    assert not Division.objects.filter(code="370124102000").exists()


def test_a_duplicate_department_name_is_refused_in_chinese(cast):
    with pytest.raises(ValidationError) as error:
        services.department_create(by=cast.office, division=cast.county, name="平阴县城市管理局")
    assert "本区划已有同名部门" in str(error.value)
    assert Department.objects.filter(name="平阴县城市管理局").count() == 1


def test_a_bad_credit_code_names_the_field_and_changes_nothing(cast):
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        services.department_update(by=cast.office, department=cast.urban, credit_code="123")
    cast.urban.refresh_from_db()
    assert cast.urban.credit_code == ""
    assert history_for(cast.urban).count() == 0


def test_department_changes_are_recorded_before_and_after(cast):
    services.department_update(by=cast.office, department=cast.urban, short_name="城管局")
    record = history_for(cast.urban).get()
    assert (record.before, record.after) == ({"short_name": "县城管局"}, {"short_name": "城管局"})


def test_the_office_of_another_county_cannot_touch_ours(cast):
    with pytest.raises(Forbidden):
        services.department_update(by=cast.outsider, department=cast.urban, short_name="x")
