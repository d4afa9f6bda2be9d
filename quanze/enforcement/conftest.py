import pytest

from quanze.enforcement.tests import world as builders_module
from quanze.testing.world import build_world


@pytest.fixture
def world(cast):
    return build_world(cast)


@pytest.fixture
def ew(world):
    """The world with enforcement (see tests/world.py)."""
    return builders_module.extend(world)


@pytest.fixture
def builders():
    """The world's builders (decide, publish_list, officer) for process tests, which do
    not import the app-level tests package themselves (no import cycle)."""
    return builders_module
