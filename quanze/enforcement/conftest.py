import pytest

from quanze.enforcement.tests.world import extend
from quanze.testing.world import build_world


@pytest.fixture
def world(cast):
    return build_world(cast)


@pytest.fixture
def ew(world):
    """The world with enforcement (see tests/world.py)."""
    return extend(world)
