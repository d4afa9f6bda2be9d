"""The per-address limit is counted in the shared cache (a database table), so separate
processes (gunicorn workers) count into the same place: two separate cache clients,
as two workers would hold, see one count."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from quanze.portal.requests import guard


def test_two_cache_clients_see_the_same_count(db, settings, monkeypatch):
    first, second = caches.create_connection("shared"), caches.create_connection("shared")
    assert first is not second
    # Local memory would be one process's only: the shared cache must not be.
    assert not isinstance(first, LocMemCache) and not isinstance(guard.shared_cache(), LocMemCache)
    address = "198.51.100.7"
    monkeypatch.setattr(guard, "shared_cache", lambda: first)
    guard.count_request(address)
    guard.count_request(address)
    monkeypatch.setattr(guard, "shared_cache", lambda: second)
    assert guard.request_count(address) == 2
    guard.count_request(address)
    monkeypatch.setattr(guard, "shared_cache", lambda: first)
    assert guard.request_count(address) == 3 and guard.request_count("198.51.100.8") == 0
    settings.QUANZE_PORTAL_REQUESTS_PER_HOUR = 3
    with pytest.raises(guard.TooManyRequests):
        guard.check_rate(address)
    guard.check_rate("198.51.100.8")
