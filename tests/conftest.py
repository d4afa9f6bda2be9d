"""Fixtures for the cross-app tests under tests/: the same cast as the app tests."""

import pytest

from quanze.conftest import cast  # noqa: F401  (re-exported fixture)
from quanze.testing.world import build_world


@pytest.fixture
def world(cast):  # noqa: F811
    return build_world(cast)
