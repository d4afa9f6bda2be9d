import pytest

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
    """The world with enforcement (enforcement/tests/world.py)."""
    return enforcement_world.extend(world)
