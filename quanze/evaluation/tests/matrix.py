"""Permission-matrix rows of the evaluation app: each process contributes its own."""

from quanze.evaluation.rounds.tests import matrix_rows as rounds

PAGES = [*rounds.PAGES]
API = [*rounds.API]


def extend_world(w):
    rounds.extend_world(w)
