"""Permission-matrix rows of the delegation app (see tests/test_permission_matrix.py).

Part A's rows (projects, assessment, consultation, review) live in matrix_a.py;
part B's rows (approval, claims, timeline) in matrix_b.py; both are concatenated here.
"""

from quanze.delegation.tests.matrix_a import API as API_A
from quanze.delegation.tests.matrix_a import PAGES as PAGES_A
from quanze.delegation.tests.matrix_a import extend_world_a
from quanze.delegation.tests.matrix_b import API_B, PAGES_B, extend_world_b

PAGES = [*PAGES_A, *PAGES_B]
API = [*API_A, *API_B]


def extend_world(w):
    extend_world_a(w)
    extend_world_b(w)
