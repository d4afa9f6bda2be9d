"""Publishing a decision to many township lists in bulk."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quanze.catalog.catalogs import services as catalog
from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion
from quanze.catalog.powers import services as power_services
from quanze.core.errors import Forbidden
from quanze.core.models import ChangeRecord
from quanze.delegation.decisions.publishing import township_lists_publish
from quanze.testing import factories as f

DAY = date(2025, 6, 1)


def _powers(cast, n, prefix="CG"):
    return [
        f.PowerFactory(owner=cast.county, department=cast.urban, code=f"{prefix}-{i:03d}")
        for i in range(n)
    ]


def _publish(cast, townships, powers, **kw):
    return township_lists_publish(
        by=cast.office,
        townships=townships,
        powers=powers,
        effective_date=DAY,
        document_number="平政发〔2025〕8号",
        **kw,
    )


def _listed(version_id):
    return list(
        CatalogEntry.objects.filter(version_id=version_id)
        .order_by("position")
        .values_list("power__code", "position")
    )


def test_it_creates_and_publishes_a_list_for_a_township_without_one(cast):
    powers = _powers(cast, 3)
    result = _publish(cast, [cast.town_a], powers)
    version = CatalogVersion.objects.get(pk=result.versions[cast.town_a.pk])
    assert version.status == "published"
    assert version.number == 1
    assert version.document_number == "平政发〔2025〕8号"
    assert version.effective_date == DAY
    assert version.catalog.kind == Catalog.Kind.TOWNSHIP_LIST
    assert version.catalog.name == "锦水街道赋权事项清单"
    assert _listed(version.pk) == [("CG-000", 1), ("CG-001", 2), ("CG-002", 3)]
    assert not CatalogEntry.objects.filter(version=version, snapshot__isnull=True).exists()


def test_it_keeps_the_old_items_appends_the_new_and_supersedes_the_old_version(cast):
    old_powers = _powers(cast, 2, "OLD")
    listing = catalog.catalog_create(
        by=None, name="玫瑰镇赋权事项清单", kind=Catalog.Kind.TOWNSHIP_LIST, owner=cast.town_b
    )
    draft = catalog.version_draft(by=None, catalog=listing)
    catalog.version_set_entries(by=None, version=draft, entries=[(p, "basic") for p in old_powers])
    first = catalog.version_publish(by=None, version=draft, effective_date=date(2025, 1, 1))
    new_powers = _powers(cast, 2)
    result = _publish(cast, [cast.town_b], [old_powers[1], *new_powers])
    first.refresh_from_db()
    assert first.status == "superseded"
    assert _listed(first.pk) == [("OLD-000", 1), ("OLD-001", 2)]  # the old version is untouched
    second = result.versions[cast.town_b.pk]
    assert _listed(second) == [("OLD-000", 1), ("OLD-001", 2), ("CG-000", 3), ("CG-001", 4)]
    kinds = dict(
        CatalogEntry.objects.filter(version_id=second).values_list("power__code", "set_kind")
    )
    assert kinds["OLD-000"] == "basic"
    assert result.added == 2
    assert ChangeRecord.objects.filter(object_id=first.pk, action="supersede").exists()
    assert ChangeRecord.objects.filter(object_id=second, action="publish").exists()


def test_the_new_version_freezes_the_current_content_of_old_items(cast):
    power = _powers(cast, 1, "OLD")[0]
    _publish(cast, [cast.town_a], [power])
    power_services.power_update(by=None, power=power, name="改过的名称")
    result = _publish(cast, [cast.town_a], _powers(cast, 1))
    entry = CatalogEntry.objects.get(version_id=result.versions[cast.town_a.pk], power=power)
    assert entry.snapshot.data["name"] == "改过的名称"


def test_queries_do_not_grow_with_the_number_of_townships(cast):
    powers = _powers(cast, 4)
    towns = [f.township(cast.county, f"370124{300 + i}000", f"测试{i}镇") for i in range(30)]
    _publish(cast, towns[:3], powers[:2])
    _publish(cast, towns, powers[:1])
    with CaptureQueriesContext(connection) as few:
        _publish(cast, towns[:3], powers[2:3])
    with CaptureQueriesContext(connection) as many:
        _publish(cast, towns, powers[3:])
    assert len(many) == len(few)
    assert (
        CatalogEntry.objects.filter(
            version__catalog__owner=towns[0], version__status="published"
        ).count()
        == 4
    )


def test_it_refuses_a_township_whose_list_has_an_open_draft(cast):
    listing = catalog.catalog_create(
        by=None, name="玫瑰镇赋权事项清单", kind=Catalog.Kind.TOWNSHIP_LIST, owner=cast.town_b
    )
    catalog.version_draft(by=None, catalog=listing)
    with pytest.raises(ValidationError, match="玫瑰镇.*未发布的草稿"):
        _publish(cast, [cast.town_a, cast.town_b], _powers(cast, 1))
    assert not CatalogVersion.objects.filter(status="published").exists()


def test_only_the_office_of_the_county_publishes(cast):
    with pytest.raises(Forbidden):
        township_lists_publish(
            by=cast.outsider,
            townships=[cast.town_a],
            powers=_powers(cast, 1),
            effective_date=DAY,
            document_number="x",
        )
    with pytest.raises(Forbidden):
        township_lists_publish(
            by=cast.town_a_clerk,
            townships=[cast.town_a],
            powers=_powers(cast, 1, "B"),
            effective_date=DAY,
            document_number="x",
        )
