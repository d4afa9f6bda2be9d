"""The exercise-rate statement against a naive computation of the definition, day by day,
on random small worlds: list versions with random (also same-day, also out-of-number-order)
effective dates and entries, drafts, cases (some dropped before filing), recorded
exercises, any period, and the county, township and department scopes."""

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion
from quanze.enforcement.cases.models import Case
from quanze.enforcement.statistics.exercise import item_rates, never_exercised, township_rates
from quanze.enforcement.statistics.models import Exercise
from quanze.enforcement.statistics.selectors import Scope, division_scope

pytestmark = pytest.mark.cost(90)

DAY0 = date(2024, 11, 1)
days = st.integers(min_value=0, max_value=500).map(lambda n: DAY0 + timedelta(days=n))

# few distinct effective dates, so versions often share a day
version_days = st.sampled_from([DAY0 + timedelta(days=45 * k) for k in range(11)])
version = st.fixed_dictionaries(
    {
        "on": version_days,
        "powers": st.sets(st.integers(0, 3), max_size=4),
        "published": st.booleans().map(lambda b: b or None),  # mostly published
    }
)
world = st.fixed_dictionaries(
    {
        # per township (a, b): up to two lists, each up to three versions (numbered in order)
        "lists": st.lists(
            st.lists(st.lists(version, max_size=3), max_size=2), min_size=2, max_size=2
        ),
        "cases": st.lists(
            st.tuples(st.integers(0, 1), st.integers(0, 3), days, st.booleans()), max_size=8
        ),
        "exercises": st.lists(st.tuples(st.integers(0, 1), st.integers(0, 3), days), max_size=4),
        "start": days,
        "length": st.integers(min_value=0, max_value=400),
    }
)


def _build(ew, spec) -> None:
    cast = ew.cast
    # the world's own lists and case stay: the naive side reads everything from the database
    towns = [cast.town_a, cast.town_b]
    powers = [ew.urban_power, ew.land_power, ew.urban_private, ew.land_private]
    for t, lists in enumerate(spec["lists"]):
        for n, versions in enumerate(lists):
            listed = Catalog.objects.create(
                name=f"清单{n}", kind=Catalog.Kind.TOWNSHIP_LIST, owner=towns[t]
            )
            drafted = False
            for number, v in enumerate(versions, start=1):
                draft = not v["published"] and not drafted
                drafted = drafted or draft
                row = CatalogVersion.objects.create(
                    catalog=listed,
                    number=number,
                    status="draft" if draft else "published",
                    effective_date=v["on"],
                    published_at=None if draft else timezone.now(),
                )
                CatalogEntry.objects.bulk_create(
                    CatalogEntry(version=row, power=powers[p], position=i)
                    for i, p in enumerate(sorted(v["powers"]), start=1)
                )
    for i, (t, p, on, dropped) in enumerate(spec["cases"]):
        Case.objects.create(
            number=f"测试〔{i}〕号", year=on.year, sequence=i + 100, county=cast.county,
            township=towns[t], power=powers[p], mode="township", acting_name=towns[t].name,
            source="inspection", opened_on=on, title="案由", party_kind="individual",
            party_name="张三", state_since=on, created_by=cast.town_a_clerk,
            closed_on=on if dropped else None, filed_on=None if dropped else on,
        )  # fmt: skip
    for t, p, on in spec["exercises"]:
        Exercise.objects.create(
            county=cast.county, township=towns[t], power=powers[p], kind="inspection", on=on,
            recorded_by=cast.town_a_clerk,
        )  # fmt: skip


def _naive(scope: Scope, start: date, end: date) -> dict[tuple[int, int], bool]:
    """(township, power) → exercised, by the definition read literally: on each day of the
    period, each list's version in force is its published version with the latest
    (effective date, number) on or before the day; an item is held when it is an entry of
    such a version on some day."""
    townships = set(scope.townships().values_list("pk", flat=True))
    held: set[tuple[int, int]] = set()
    lists: dict[int, list] = {}
    for v in CatalogVersion.objects.filter(
        catalog__kind=Catalog.Kind.TOWNSHIP_LIST, published_at__isnull=False
    ).select_related("catalog"):
        if v.catalog.owner_id in townships and v.effective_date is not None:
            lists.setdefault(v.catalog_id, []).append(v)
    # Each version's entries read once (a query per list and day made this test 5 times
    # slower on PostgreSQL than on SQLite); which version is in force is still decided day
    # by day.
    entries = {
        v.pk: [(e.power_id, e.power.department_id) for e in v.entries.select_related("power")]
        for versions in lists.values()
        for v in versions
    }
    day = start
    while day <= end:
        for versions in lists.values():
            in_force = [v for v in versions if v.effective_date <= day]
            if in_force:
                current = max(in_force, key=lambda v: (v.effective_date, v.number))
                for power_id, department_id in entries[current.pk]:
                    if scope.department_id in (None, department_id):
                        held.add((current.catalog.owner_id, power_id))
        day += timedelta(days=1)
    used = {
        (c.township_id, c.power_id)
        for c in Case.objects.all()
        if start <= c.opened_on <= end and not (c.filed_on is None and c.closed_on is not None)
    } | {(x.township_id, x.power_id) for x in Exercise.objects.all() if start <= x.on <= end}
    return {pair: pair in used for pair in held}


def _check(scope: Scope, start: date, end: date) -> None:
    expected = _naive(scope, start, end)
    per_town: dict[int, list[int]] = {}
    per_item: dict[int, list[int]] = {}
    for (town, power), used in expected.items():
        for key, table in ((town, per_town), (power, per_item)):
            counts = table.setdefault(key, [0, 0])
            counts[0] += 1
            counts[1] += used
    rates = township_rates(scope, start=start, end=end)
    assert {r.id: [r.held, r.exercised] for r in rates} == per_town
    items = item_rates(scope, start=start, end=end)
    assert {i.power_id: [i.held, i.exercised] for i in items} == per_item
    never = {
        (n["township_id"], n["power_ref"]) for n in never_exercised(scope, start=start, end=end)
    }
    assert never == {pair for pair, used in expected.items() if not used}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=world)
def test_the_report_matches_the_definition_computed_day_by_day(ew, spec):
    cast = ew.cast
    start = spec["start"]
    end = start + timedelta(days=spec["length"])
    with transaction.atomic():
        _build(ew, spec)
        _check(division_scope(cast.county), start, end)
        _check(Scope(cast.town_b.name, township_id=cast.town_b.pk), start, end)
        _check(Scope("城管", prefix="", department_id=cast.urban.pk), start, end)
        transaction.set_rollback(True)
