"""Permission matrix rows of the portal (see tests/test_permission_matrix.py), one module
per part of the portal."""

from quanze.portal.tests.pages_rows import API as PAGES_API
from quanze.portal.tests.pages_rows import PAGES as PAGES_PAGES
from quanze.portal.tests.pages_rows import extend_world as extend_pages

PAGES = [*PAGES_PAGES]
API = [*PAGES_API]


def extend_world(w):
    extend_pages(w)
