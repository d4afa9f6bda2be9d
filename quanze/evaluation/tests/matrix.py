"""Permission-matrix rows of the evaluation app (see tests/test_permission_matrix.py):
each process contributes its own."""

from quanze.evaluation.rounds.tests import matrix_rows as rounds
from quanze.evaluation.tests import appraisal_rows

PAGES = [*rounds.PAGES, *appraisal_rows.PAGES]
API = [*rounds.API, *appraisal_rows.API]


def extend_world(w):
    rounds.extend_world(w)
    appraisal_rows.extend_world(w)
