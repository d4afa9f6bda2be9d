"""Permission matrix rows of the portal (see tests/test_permission_matrix.py), one module
per part of the portal."""

from quanze.portal.tests import open_rows, pages_rows

PARTS = (pages_rows, open_rows)
PAGES = [row for part in PARTS for row in part.PAGES]
API = [row for part in PARTS for row in part.API]


def extend_world(w):
    for part in PARTS:
        part.extend_world(w)
