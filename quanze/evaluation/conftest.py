from datetime import date

import pytest

from quanze.catalog.catalogs import services as catalog
from quanze.duties.territorial import routing
from quanze.enforcement.tests import world as enforcement_world
from quanze.testing.world import build_world


@pytest.fixture(autouse=True)
def _fresh_routing():
    """Test databases reuse primary keys; no routing cache may outlive a test."""
    routing.clear_cache()
    yield
    routing.clear_cache()


@pytest.fixture
def world(cast):
    return build_world(cast)


@pytest.fixture
def ew(world):
    """The world with enforcement (enforcement/tests/world.py), and the urban department's
    权责清单 published: the township lists hold urban_private, and a county item on a
    township's list is one some published catalog lists (returning it needs that)."""
    catalog.version_publish(
        by=None, version=world.urban_draft, effective_date=date(2025, 1, 1),
        document_number="平编发〔2025〕2号",
    )  # fmt: skip
    return enforcement_world.extend(world)
