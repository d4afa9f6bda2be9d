"""Permission matrix rows of the evaluation pages and API, by process (see
tests/test_permission_matrix.py)."""

from quanze.evaluation.tests import appraisal_rows

PAGES = [*appraisal_rows.PAGES]
API = [*appraisal_rows.API]


def extend_world(w):
    appraisal_rows.extend_world(w)
