"""Real headless Chromium through pytest-playwright, pointed at the system browser.

`playwright install` cannot work on these machines; the Debian `chromium` package
does. Without it these tests skip, unless QUANZE_REQUIRE_BROWSER=1 says they must run.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("QUANZE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _have_browser() -> bool:
    return CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is not None


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # Browser tests last (after pytest-django's own ordering), see _allow_orm_beside_playwright.
    items.sort(key=lambda item: "browser" in item.keywords)
    if _have_browser():
        return
    if os.environ.get("QUANZE_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(
            f"QUANZE_REQUIRE_BROWSER=1 但找不到浏览器 {CHROMIUM} (apt-get install chromium)"
        )
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} not installed (apt-get install chromium); set QUANZE_REQUIRE_BROWSER=1 to fail instead"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module", autouse=True)
def _allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls
    from such a thread unless told it is safe (it is: the loop is Playwright's, not ours).
    Set only while a browser module runs, and unset after it: under pytest-xdist a worker
    may run other files after a browser one, and `check --deploy` (run by a settings test
    in a subprocess) rightly fails with it set."""
    old = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if old is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = old


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture
def world(transactional_db, cast):
    """The shared world; the managed lists survive the live server's flushes
    (see quanze/catalog/apps.py)."""
    from quanze.testing.world import build_world

    return build_world(cast)
