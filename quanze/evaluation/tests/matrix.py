"""Permission-matrix rows of the evaluation app (see tests/test_permission_matrix.py):
each process contributes its rows and world."""

from quanze.evaluation.adjustment.tests import matrix_rows as adjustment
from quanze.evaluation.lawchange.tests import matrix_rows as lawchange
from quanze.evaluation.rounds.tests import matrix_rows as rounds
from quanze.evaluation.tests import appraisal_rows

PROCESSES = (rounds, appraisal_rows, lawchange, adjustment)
PAGES = [row for process in PROCESSES for row in process.PAGES]
API = [row for process in PROCESSES for row in process.API]


def extend_world(w):
    for process in PROCESSES:
        process.extend_world(w)
