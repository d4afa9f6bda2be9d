"""Suite-wide test isolation: each pytest(-xdist) worker keeps uploaded and rendered files
in its own temporary folder, never in the checkout's var/media, so parallel workers and
repeated runs cannot see each other's files."""

import pytest
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def _media_root_per_worker(tmp_path_factory):
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield
