from datetime import date

import pytest
from django.core.exceptions import ValidationError

from quanze.duties.territorial import services as territorial
from quanze.duties.territorial.models import Matter
from quanze.duties.territorial.routing import (
    matters_for_county,
    responsibility_for,
    version_in_force,
)
from quanze.duties.territorial.rows import ItemData
from quanze.duties.territorial.tests.builders import published_list


def test_it_routes_a_matter_to_its_primary_department_with_the_why(cast):
    version = published_list(cast)
    matter = Matter.objects.get(name="违法建设查处")
    r = responsibility_for(matter=matter, township=cast.town_a, on=date(2025, 3, 1))
    assert r.primary_department == cast.urban
    assert r.fallback_department == cast.urban
    assert r.version == version and r.matter == matter
    assert r.township_cooperates and "巡查" in r.township_duty
    assert [str(u) for u in r.cooperating] == ["锦水街道", "平阴县自然资源局"]
    assert [(s.position, s.unit, s.time_limit_hours) for s in r.steps] == [
        (1, "锦水街道", 24),
        (2, "平阴县城市管理局", 72),
    ]
    assert (r.accept_hours, r.handle_days) == (4, 10)
    assert "第1项" in r.rule and "违法建设查处" in r.rule


def test_it_answers_nothing_before_the_list_is_in_force(cast):
    published_list(cast, on=date(2025, 1, 1))
    matter = Matter.objects.get(name="违法建设查处")
    assert responsibility_for(matter=matter, township=cast.town_a, on=date(2024, 12, 31)) is None
    assert version_in_force(county=cast.county, on=date(2024, 12, 31)) is None
    assert matters_for_county(county=cast.county, on=date(2024, 12, 31)).count() == 0
    assert matters_for_county(county=cast.county, on=date(2025, 1, 1)).count() == 3


def test_it_routes_by_the_version_in_force_on_the_day(cast):
    first = published_list(cast, on=date(2025, 1, 1))
    draft = territorial.version_draft(by=cast.office, responsibility_list=first.responsibility_list)
    row = ItemData(matter_name="违法建设查处", primary_department=cast.land)
    territorial.version_set_items(by=cast.office, version=draft, rows=[row], replace=False)
    territorial.version_publish(by=cast.office, version=draft, effective_date=date(2025, 7, 1))
    matter = Matter.objects.get(name="违法建设查处")
    old = responsibility_for(matter=matter, township=cast.town_a, on=date(2025, 6, 30))
    new = responsibility_for(matter=matter, township=cast.town_a, on=date(2025, 7, 1))
    assert (old.primary_department, old.version) == (cast.urban, first)
    assert (new.primary_department, new.version.number) == (cast.land, 2)
    assert draft.items.count() == 3  # the other matters were carried over


def test_it_refuses_rows_naming_units_of_another_county_and_writes_nothing(cast):
    responsibility_list = territorial.list_for_county(by=cast.office, county=cast.county)
    draft = territorial.version_draft(by=cast.office, responsibility_list=responsibility_list)
    bad = ItemData(matter_name="占道经营", primary_department=cast.other_dept, label="第2行")
    with pytest.raises(ValidationError) as error:
        territorial.version_set_items(by=cast.office, version=draft, rows=[bad])
    assert "第2行:主体责任部门「商河县城市管理局」不是本县部门" in error.value.messages
    assert not Matter.objects.exists()


def test_each_township_gets_its_own_name_from_the_one_cached_item(cast):
    """The cache holds one entry per list item; the township's part is put in per lookup."""
    published_list(cast)
    matter = Matter.objects.get(name="违法建设查处")
    on = date(2025, 3, 1)
    a = responsibility_for(matter=matter, township=cast.town_a, on=on)
    b = responsibility_for(matter=matter, township=cast.town_b, on=on)
    again = responsibility_for(matter=matter, township=cast.town_a, on=on)
    assert [s.unit for s in a.steps][0] == "锦水街道" and [s.unit for s in b.steps][0] == "玫瑰镇"
    assert "锦水街道配合" in a.rule and "玫瑰镇配合" in b.rule and "锦水街道" not in b.rule
    assert a.cooperating[0].township == cast.town_a and b.cooperating[0].township == cast.town_b
    assert again == a and a.steps[1] is b.steps[1]  # the department's step is shared


def test_a_township_primary_matter_is_led_by_the_township_in_its_own_area(cast):
    """Where the list says the township carries a matter itself (属地自办), the township in
    scope leads there and the department guides; a township outside the scope does not
    lead, and a row that leads with no township in scope is refused."""
    rows = [
        ItemData(
            matter_name="占道经营管理",
            primary_department=cast.urban,
            fallback_department=cast.urban,
            township_scope="named",
            townships=[cast.town_a],
            township_duty="劝离、教育、依赋权处罚",
            township_primary=True,
        )
    ]
    version = territorial.version_draft(by=cast.office, responsibility_list=territorial_list(cast))
    territorial.version_set_items(by=cast.office, version=version, rows=rows)
    territorial.version_publish(
        by=cast.office,
        version=version,
        effective_date=date(2025, 1, 1),
        document_number="平编〔2025〕1号",
    )
    matter = Matter.objects.get(name="占道经营管理")
    here = responsibility_for(matter=matter, township=cast.town_a, on=date(2025, 3, 1))
    assert here.township_primary and here.primary_department == cast.urban
    assert "锦水街道承担主体责任(属地自办),平阴县城市管理局业务指导" in here.rule
    there = responsibility_for(matter=matter, township=cast.town_b, on=date(2025, 3, 1))
    assert not there.township_primary and "平阴县城市管理局承担主体责任" in there.rule
    draft = territorial.version_draft(
        by=cast.office, responsibility_list=version.responsibility_list
    )
    copied = draft.items.get()
    assert copied.township_primary  # a new draft keeps it
    bad = [ItemData(**{**rows[0].__dict__, "township_scope": "none", "townships": []})]
    with pytest.raises(ValidationError) as refused:
        territorial.version_set_items(by=cast.office, version=draft, rows=bad)
    assert "乡镇(街道)承担主体责任时" in str(refused.value)


def territorial_list(cast):
    return territorial.list_for_county(by=cast.office, county=cast.county)
