"""The exercise rate on hand-checked small worlds, fines and their return, query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from quanze.catalog.catalogs import services as catalog
from quanze.catalog.models import Catalog
from quanze.core.models import ChangeRecord
from quanze.enforcement.cases import services as cases
from quanze.enforcement.statistics import services
from quanze.enforcement.statistics.exercise import (
    exercise_report,
    item_rates,
    never_exercised,
)
from quanze.enforcement.statistics.selectors import division_scope, statistics_scope

YEAR = (date(2025, 1, 1), date(2025, 12, 31))


def replace_list(township, name, powers, on):
    """Publish a new version of the township's list holding exactly `powers`."""
    listed = Catalog.objects.get(owner=township, name=name)
    draft = catalog.version_draft(by=None, catalog=listed)
    catalog.version_set_entries(by=None, version=draft, entries=[(p, "") for p in powers])
    return catalog.version_publish(
        by=None, version=draft, effective_date=on, document_number="平编发〔2025〕20号"
    )


@pytest.fixture
def small(ew, builders):
    """town_a: urban_power all year, land_private from 07-01 (added, part of the year);
    town_b: urban_private until 03-31, then land_power only (one item removed, one added).
    Exercise: case_a (town_a, urban_power, 03-03); an inspection of town_b under
    land_power on 05-10; a town_b case under urban_private dropped (不予立案)."""
    cast = ew.cast
    builders.publish_list(
        cast.town_a, "锦水街道赋权事项清单", [ew.land_private], on=date(2025, 7, 1)
    )
    replace_list(cast.town_b, "玫瑰镇赋权事项清单", [ew.land_power], date(2025, 4, 1))
    services.exercise_record(
        by=cast.town_b_clerk, power=ew.land_power, on=date(2025, 5, 10), kind="inspection", count=3
    )
    dropped = cases.case_open(
        by=cast.town_b_clerk,
        power=ew.urban_private,
        opened_on=date(2025, 2, 1),
        source="complaint",
        title="占道经营",
        party_kind="individual",
        party_name="王五",
    )
    cases.case_step(
        by=cast.town_b_clerk, case=dropped, action="drop", on=date(2025, 2, 3), summary="不属实"
    )
    return ew


def rows(report):
    return {t.name: (t.held, t.exercised) for t in report.townships}


def test_the_whole_year_counts_items_held_part_of_it(small):
    report = exercise_report(division_scope(small.cast.county), start=YEAR[0], end=YEAR[1])
    assert rows(report) == {"锦水街道": (2, 1), "玫瑰镇": (2, 1)}
    assert (report.total.held, report.total.exercised, report.total.rate) == (4, 2, 0.5)
    assert [c.name for c in report.counties] == ["平阴县"]
    assert "承接" in report.definition and "不予立案" in report.definition
    never = {
        (n["township"], n["code"])
        for n in never_exercised(division_scope(small.cast.county), start=YEAR[0], end=YEAR[1])
    }
    assert never == {("锦水街道", small.land_private.code), ("玫瑰镇", small.urban_private.code)}


def test_periods_see_the_versions_in_force(small):
    scope = division_scope(small.cast.county)
    first = exercise_report(scope, start=date(2025, 1, 1), end=date(2025, 6, 30))
    # town_a: land_private only from 07-01; town_b: both versions overlap the half year
    assert rows(first) == {"锦水街道": (1, 1), "玫瑰镇": (2, 1)}
    late = exercise_report(scope, start=date(2025, 8, 1), end=date(2025, 12, 31))
    # town_b no longer holds urban_private; nothing exercised in the autumn
    assert rows(late) == {"锦水街道": (2, 0), "玫瑰镇": (1, 0)}
    assert late.total.rate == 0
    before = exercise_report(scope, start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert before.townships == [] and before.total.rate is None


def test_item_rates_and_the_dropped_case_does_not_count(small):
    items = {
        i.code: (i.held, i.exercised)
        for i in item_rates(division_scope(small.cast.county), start=YEAR[0], end=YEAR[1])
    }
    assert items == {
        small.urban_power.code: (1, 1),
        small.land_private.code: (1, 0),
        small.urban_private.code: (1, 0),
        small.land_power.code: (1, 1),
    }


def test_scope_by_role(small):
    cast = small.cast
    town = statistics_scope(cast.town_b_clerk)
    assert rows(exercise_report(town, start=YEAR[0], end=YEAR[1])) == {"玫瑰镇": (2, 1)}
    land = statistics_scope(cast.other_dept_clerk)
    report = exercise_report(land, start=YEAR[0], end=YEAR[1])
    assert rows(report) == {"锦水街道": (1, 0), "玫瑰镇": (1, 1)}  # the land department's powers
    narrowed = statistics_scope(cast.reviewer, township_id=cast.town_a.pk)
    assert rows(exercise_report(narrowed, start=YEAR[0], end=YEAR[1])) == {"锦水街道": (2, 1)}
    foreign = statistics_scope(cast.outsider, township_id=cast.town_a.pk)
    assert exercise_report(foreign, start=YEAR[0], end=YEAR[1]).townships == []


def test_fines_and_the_decisions_return_share(ew):
    from quanze.enforcement.cases.tests.test_steps import go, to_decided

    to_decided(ew)
    go(ew, "serve", date(2025, 3, 20))
    go(ew, "pay", date(2025, 4, 7), paid_amount="2000")
    report = exercise_report(division_scope(ew.cast.county), start=YEAR[0], end=YEAR[1])
    town = next(t for t in report.townships if t.name == "锦水街道")
    assert (town.fines_decided, town.fines_paid, town.returned) == (
        Decimal("2000.00"),
        Decimal("2000.00"),
        Decimal("1600.00"),
    )
    assert town.return_share == 0.8
    assert report.total.returned == Decimal("1600.00")


def test_the_report_is_two_aggregate_queries(small, django_assert_num_queries):
    """One statement for held and exercised items (versions, entries, exercise) and one
    aggregate over the cases' fines, whatever the number of townships and items."""
    scope = division_scope(small.cast.province)
    with django_assert_num_queries(2):
        report = exercise_report(scope, start=YEAR[0], end=YEAR[1])
    assert report.total.held == 4
    with django_assert_num_queries(1):
        item_rates(scope, start=YEAR[0], end=YEAR[1])


def test_an_exercise_needs_a_held_power_and_is_recorded(small):
    cast = small.cast
    with pytest.raises(ValidationError) as error:
        services.exercise_record(
            by=cast.town_a_clerk, power=small.land_power, on=date(2025, 5, 1), kind="inspection"
        )
    assert "不在锦水街道" in str(error.value)
    row = services.exercise_record(
        by=cast.town_a_clerk, power=small.urban_power, on=date(2025, 5, 1), kind="inspection"
    )
    assert ChangeRecord.objects.filter(object_id=row.pk, action="create").exists()
