"""Permission-matrix rows of the evaluation app (see tests/test_permission_matrix.py), gathered
from its processes."""

from quanze.evaluation.adjustment.tests import matrix_rows as adjustment

PAGES = [*adjustment.PAGES]
API = [*adjustment.API]


def extend_world(w):
    adjustment.extend_world(w)
