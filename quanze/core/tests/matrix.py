"""Permission matrix rows of the notices pages and API (see tests/test_permission_matrix.py).

Roles: anon, office, reviewer, urban, land, town_a, town_b, outsider. `notice_a` is a
notice to the clerk of 锦水街道 (town_a): only that user may mark it read; everyone else,
even the office of the same county, gets the same 404 as for a notice that does not exist.
"""

from quanze.core import notices

L = "LOGIN"
SIGNED_IN = (L,) + (302,) * 7
OWN_ONLY = (L, 404, 404, 404, 404, 302, 404, 404)


def extend_world(w):
    (w.notice_a,) = notices.notify(
        [w.cast.town_a_clerk],
        kind=notices.Kind.CLAIMS_RETURNED,
        title="认领已退回",
        body="矩阵测试",
        link="/delegation/claims/",
    )


# fmt: off
PAGES = [
    ("notice_list", "get", lambda w: "/notices/", None, (L,) + (200,) * 7),
    ("notice_list", "get", lambda w: "/notices/?unread=1", None, (L,) + (200,) * 7),
    ("notice_read", "post", lambda w: f"/notices/{w.notice_a.pk}/read/", None, OWN_ONLY),
    ("notice_read", "post", lambda w: f"/notices/{w.notice_a.pk}/read/", lambda w: {"go": "1"}, OWN_ONLY),
    ("notice_read_all", "post", lambda w: "/notices/read-all/", None, SIGNED_IN),
]
N = "/api/notices"
API = [
    (N, "get", lambda w: N, None, (401,) + (200,) * 7),
    (N + "/unread-count", "get", lambda w: N + "/unread-count", None, (401,) + (200,) * 7),
    (N + "/{notice_id}/read", "post", lambda w: f"{N}/{w.notice_a.pk}/read", None, (401, 404, 404, 404, 404, 200, 404, 404)),
    (N + "/read-all", "post", lambda w: N + "/read-all", None, (401,) + (200,) * 7),
]
# fmt: on
