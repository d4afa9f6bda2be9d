"""What the publishing services keep about the lists in force (`in_force`): after any
sequence of publications, bulk publications and supersessions through the real services,
each snapshot's kept count equals the count from the entries, each catalog's published
flag equals "has a published version", and the portal search read from the counts gives
the rows the entries give."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quanze.catalog.catalogs import in_force, services
from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion, SnapshotReach
from quanze.catalog.powers import services as power_services
from quanze.delegation.decisions.publishing import township_lists_publish
from quanze.portal.search import selectors as search
from quanze.testing import factories as f

NAMES = ["违法建设执法检查", "建设用地审批", "占道经营执法审批", "生活垃圾清运"]
QUERIES = ["", "执法", "审批", "执法 审批", "清运", "zz"]


def _kept() -> dict[int, tuple[int, int]]:
    return {r.snapshot_id: (r.power_id, r.lists) for r in SnapshotReach.objects.all()}


def _raw() -> dict[int, tuple[int, int]]:
    rows = (
        CatalogEntry.objects.filter(version__status="published", snapshot__isnull=False)
        .values("snapshot_id", "power_id")
        .annotate(n=Count("version_id", distinct=True))
    )
    return {r["snapshot_id"]: (r["power_id"], r["n"]) for r in rows}


def _flags() -> tuple[set, set]:
    kept = set(Catalog.objects.filter(published=True).values_list("pk", flat=True))
    raw = set(
        CatalogVersion.objects.filter(published_at__isnull=False)
        .exclude(status="draft")
        .values_list("catalog_id", flat=True)
    )
    return kept, raw


def _rows(found) -> list[tuple]:
    return [(r["power_id"], r["power__code"], r["lists"], r["snapshot_id"]) for r in found]


def _assert_consistent(cast) -> None:
    assert _kept() == _raw()
    kept, raw = _flags()
    assert kept == raw
    for q in QUERIES:
        for extra in ({}, {"power_type": "行政处罚"}, {"field": "城市管理"}):
            filters = search.SearchFilter(q=q, **extra)
            assert _rows(search.search(filters)) == _rows(search.search_entries(filters))


def _publish(cast, catalog, powers) -> None:
    draft = services.version_draft(by=cast.office, catalog=catalog)
    services.version_set_entries(by=cast.office, version=draft, entries=[(p, "") for p in powers])
    services.version_publish(by=cast.office, version=draft, effective_date=date(2025, 1, 1))


STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("publish"), st.integers(0, 2), st.sets(st.integers(0, 4), min_size=1)),
        st.tuples(
            st.just("bulk"),
            st.sets(st.integers(0, 1), min_size=1),
            st.sets(st.integers(0, 4)),
            st.sets(st.integers(0, 4)),
        ),
        st.tuples(st.just("rename"), st.integers(0, 4), st.sampled_from(NAMES)),
    ),
    min_size=1,
    max_size=8,
)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
def test_the_kept_counts_equal_the_entries_after_any_publications(cast, steps):
    with transaction.atomic():
        types = [f.power_type("行政处罚"), f.power_type("行政许可")]
        powers = [
            power_services.power_create(
                by=None,
                owner=cast.county,
                code=f"ZZ-{i:03d}",
                name=NAMES[i % len(NAMES)],
                power_type=types[i % 2],
                field=f.field("城市管理" if i % 3 else "自然资源"),
                department=cast.urban,
                legal_basis="《中华人民共和国行政处罚法》第十八条",
            )
            for i in range(5)
        ]
        catalogs = [
            services.catalog_create(by=None, name=name, kind=kind, owner=cast.county, department=d)
            for name, kind, d in (
                ("指导目录", Catalog.Kind.GUIDING, None),
                ("城管局清单", Catalog.Kind.POWERS_LIST, cast.urban),
                ("国土局清单", Catalog.Kind.POWERS_LIST, cast.land),
            )
        ]
        townships = [cast.town_a, cast.town_b]
        _assert_consistent(cast)
        for step in steps:
            if step[0] == "publish":
                _publish(cast, catalogs[step[1]], [powers[i] for i in sorted(step[2])])
            elif step[0] == "bulk":
                added = [powers[i] for i in sorted(step[2])]
                removed = [powers[i] for i in sorted(step[3] - step[2])]
                if not added and not removed:
                    continue
                township_lists_publish(
                    by=cast.office,
                    townships=[townships[i] for i in sorted(step[1])],
                    powers=added,
                    removed=removed,
                    effective_date=date(2025, 6, 1),
                    document_number="平政发〔2025〕8号",
                )
            else:
                power_services.power_update(by=None, power=powers[step[1]], name=step[2])
            _assert_consistent(cast)
        kept = _kept()
        assert in_force.rebuild() == len(kept)
        assert _kept() == kept
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_search_reads_no_entries_without_a_unit_and_the_rebuild_command_agrees(cast):
    from quanze.testing.world import build_world

    world = build_world(cast)
    filters = search.SearchFilter(q="审批")
    with CaptureQueriesContext(connection) as queries:
        rows = _rows(search.search(filters))
    assert rows == _rows(search.search_entries(filters))
    assert [r[1] for r in rows] == ["XK-0001"] and rows[0][2] == 1
    assert not any("catalog_catalogentry" in q["sql"] for q in queries.captured_queries)
    kept = _kept()
    SnapshotReach.objects.all().delete()
    Catalog.objects.update(published=False)
    call_command("rebuild_in_force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _kept() == kept
    assert set(Catalog.objects.filter(published=True)) == {
        world.county_catalog,
        world.foreign_catalog,
    }
