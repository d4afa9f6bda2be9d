import pytest
from django.core.cache import cache

from quanze.duties.territorial import routing
from quanze.testing.world import build_world


@pytest.fixture(autouse=True)
def fresh_caches():
    """Test databases reuse primary keys: neither the rows cached by version id nor the
    routing tables may outlive a test."""
    cache.clear()
    routing.clear_cache()
    yield
    cache.clear()
    routing.clear_cache()


@pytest.fixture
def world(cast):
    return build_world(cast)
