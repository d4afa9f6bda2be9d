import pytest

from quanze.duties.territorial import routing


@pytest.fixture(autouse=True)
def fresh_routing_cache():
    """Test databases reuse primary keys; the routing cache must not outlive a test."""
    routing.clear_cache()
    yield
    routing.clear_cache()
