"""Issue 9 item 5: a draft's contents never show through the power filters to a user
for whom the draft itself is 404 (township and department clerks)."""

import pytest

from quanze.catalog.catalogs import services
from quanze.catalog.models import CatalogEntry
from quanze.testing.world import build_world


@pytest.fixture
def world(cast):
    w = build_world(cast)
    # The county's draft differs from what is published: only the land power, now basic.
    services.version_set_entries(
        by=None, version=w.draft, entries=[(w.land_power, CatalogEntry.SetKind.BASIC)]
    )
    return w


def _codes(client, **params):
    response = client.get("/api/catalog/powers", params)
    assert response.status_code == 200
    return sorted(item["code"] for item in response.json()["items"])


@pytest.mark.parametrize("role", ["town_a_clerk", "dept_clerk", "other_dept_clerk"])
def test_a_clerk_cannot_list_a_draft_it_cannot_open(client, world, role):
    client.force_login(getattr(world.cast, role))
    assert client.get(f"/api/catalog/versions/{world.draft.pk}").status_code == 404
    assert _codes(client, version=world.draft.pk) == []
    # Basic items are those basic in a version the clerk reads (the published one),
    # not the draft's reclassification of the land power.
    assert "XK-0001" not in _codes(client, set_kind="basic")
    assert "330217D01" in _codes(client, set_kind="basic")
    page = client.get("/catalog/powers/", {"version": world.draft.pk})
    assert page.status_code == 200
    assert "XK-0001" not in page.content.decode()


def test_a_department_clerk_cannot_list_another_departments_draft(client, world):
    services.version_set_entries(
        by=None, version=world.land_draft, entries=[(world.land_power, ""), (world.urban_power, "")]
    )
    client.force_login(world.cast.dept_clerk)
    assert _codes(client, version=world.land_draft.pk) == []
    assert _codes(client, version=world.urban_draft.pk) == ["330217D02"]


def test_the_township_clerk_lists_its_own_draft_and_the_office_every_draft(client, world):
    services.version_set_entries(
        by=None, version=world.town_a_draft, entries=[(world.urban_power, "")]
    )
    client.force_login(world.cast.town_a_clerk)
    assert _codes(client, version=world.town_a_draft.pk) == ["330217D01"]
    assert _codes(client, version=world.town_b_draft.pk) == []
    client.force_login(world.cast.office)
    assert _codes(client, version=world.draft.pk) == ["XK-0001"]
    assert _codes(client, set_kind="basic") == ["330217D01", "XK-0001"]
