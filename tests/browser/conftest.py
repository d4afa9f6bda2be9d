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


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread, and keeps it for the
    rest of the session; Django refuses ORM calls from such a thread unless told it is safe
    (it is: the loop is Playwright's, not ours). Set from the first browser test on, for
    every test after it in this process: under pytest-xdist a worker runs other files after
    a browser one. The tests that start a production process (`check --deploy`, which
    rightly fails with it set) drop it from the child's environment."""
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
