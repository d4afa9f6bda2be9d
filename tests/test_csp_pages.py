"""Every page of the site (the GET rows of the permission matrix), as the public, the
establishment office and a township clerk: each response carries the
Content-Security-Policy, and no page holds what it would refuse (inline scripts,
<style> blocks, event handlers, javascript: links, off-site scripts)."""

import pytest
from django.db import transaction
from test_permission_matrix import ALL_PAGES, matrix_world  # noqa: F401  (fixture)

from quanze.testing.csp import csp_refusals

pytestmark = pytest.mark.cost(55)

ROLES = (None, "office", "town_a_clerk", "dept_clerk")


def test_no_page_holds_what_the_policy_refuses(db, client, matrix_world):  # noqa: F811
    w = matrix_world
    pages = [row for row in ALL_PAGES if row[1] == "get"]
    assert len(pages) > 50
    checked, problems = 0, []
    for route, _method, url_of, _data, _expected in pages:
        for role in ROLES:
            with transaction.atomic():
                client.logout()
                if role:
                    client.force_login(getattr(w.cast, role))
                url = url_of(w)
                response = client.get(url)
                transaction.set_rollback(True)
            if "Content-Security-Policy" not in response.headers:
                problems.append(f"{url} ({role}): no Content-Security-Policy")
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                checked += 1
                found = csp_refusals(response.content.decode())
                if found:
                    problems.append(f"{url} ({route}, {role}): {found}")
    assert not problems, "\n".join(problems)
    assert checked > 100
