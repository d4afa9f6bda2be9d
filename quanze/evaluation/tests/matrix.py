"""Permission-matrix rows of the evaluation app (see tests/test_permission_matrix.py):
each process contributes its rows and world."""

from quanze.evaluation.lawchange.tests.matrix_rows import API as LAWCHANGE_API
from quanze.evaluation.lawchange.tests.matrix_rows import PAGES as LAWCHANGE_PAGES
from quanze.evaluation.lawchange.tests.matrix_rows import extend_world as extend_lawchange

PAGES = [*LAWCHANGE_PAGES]
API = [*LAWCHANGE_API]


def extend_world(w):
    extend_lawchange(w)
