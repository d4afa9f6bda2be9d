"""Suite-wide test settings.

- Each pytest(-xdist) worker keeps uploaded and rendered files in its own temporary folder,
  never in the checkout's var/media, so parallel workers and repeated runs cannot see each
  other's files.
- Files are collected longest first (`pytest.mark.cost(seconds)` on a file that takes minutes,
  otherwise a guess from its number of tests), and `make test` runs xdist with
  `--dist loadfile --no-loadscope-reorder`, so workers take files in that order: the long
  files start at once and side by side, and the last files handed out are short ones, instead
  of one worker running a long file alone at the end.
- Hypothesis: no per-example deadline and no "too slow" health check. The property tests
  build database rows; on a busy two-core CI machine generating an example can take seconds,
  which says nothing about the property (the examples drawn and the checks are unchanged).
"""

from collections import defaultdict

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, settings

settings.register_profile("quanze", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("quanze")


@pytest.fixture(scope="session", autouse=True)
def _media_root_per_worker(tmp_path_factory):
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


# Seconds a test takes when its file carries no cost mark: a guess, enough to order files.
BROWSER_TEST_SECONDS = 5.0
TEST_SECONDS = 0.3


def pytest_collection_modifyitems(config, items):
    by_file = defaultdict(list)
    for item in items:
        by_file[item.nodeid.split("::")[0]].append(item)

    def cost(file_items) -> float:
        marked = file_items[0].get_closest_marker("cost")
        if marked:
            return float(marked.args[0])
        return sum(
            BROWSER_TEST_SECONDS if item.get_closest_marker("browser") else TEST_SECONDS
            for item in file_items
        )

    ordered = sorted(by_file.values(), key=cost, reverse=True)  # stable: ties keep their order
    items[:] = [item for file_items in ordered for item in file_items]
