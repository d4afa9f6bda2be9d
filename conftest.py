"""Suite-wide test settings.

- Each pytest(-xdist) worker keeps uploaded and rendered files in its own temporary folder,
  never in the checkout's var/media, so parallel workers and repeated runs cannot see each
  other's files.
- Hypothesis: no per-example deadline and no "too slow" health check. The property tests
  build database rows; on a busy two-core CI machine generating an example can take seconds,
  which says nothing about the property (the examples drawn and the checks are unchanged).
"""

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, settings

settings.register_profile("quanze", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("quanze")


@pytest.fixture(scope="session", autouse=True)
def _media_root_per_worker(tmp_path_factory):
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield
