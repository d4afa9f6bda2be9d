"""schemathesis against the API's own OpenAPI document, in-process (the WSGI app, no
server), as the county office and as a township clerk: no answer is a 5xx, and every
status and body is one the document declares (issue 9).

Bounded and deterministic: MAX_EXAMPLES cases per operation and role, drawn with
`derandomize` (a fixed seed per test) and without shrinking, so a run costs the same
every time (about 15 s for some 1,300 requests per role on the 2-core machine). The session cookie
of a logged-in user and a matching CSRF cookie/header pair authenticate the requests
as a browser's would.
"""

import time

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from quanze.testing.world import build_world
from quanze.wsgi import application

MAX_EXAMPLES = 20
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CSRF = "schemathesis0csrf0token000000000"  # 32 characters: an unmasked CSRF secret


def _run(schema, user) -> tuple[int, int, list[str]]:
    """Every operation, MAX_EXAMPLES cases each; returns (operations, cases, failures)."""
    browser = Client()
    browser.force_login(user)
    cookies = {"sessionid": browser.cookies["sessionid"].value, "csrftoken": CSRF}
    headers = {"X-CSRFToken": CSRF}
    counted = {"operations": 0, "cases": 0}
    failures, statuses = [], {}
    for result in schema.get_all_operations():
        operation = result.ok()
        counted["operations"] += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            counted["cases"] += 1
            response = case.call_and_validate(cookies=cookies, headers=headers, checks=CHECKS)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        try:
            check()
        except Exception as error:  # one operation's failure; the others still run
            failures.append(f"{operation.label}: {error}")
    print(f"statuses {sorted(statuses.items())}", end="; ")
    return counted["operations"], counted["cases"], failures


@pytest.mark.parametrize("role", ["office", "town_a_clerk"])
def test_no_operation_answers_5xx_or_off_schema(cast, role, capsys):
    build_world(cast)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    started = time.perf_counter()
    operations, cases, failures = _run(schema, getattr(cast, role))
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nschemathesis as {role}: {operations} operations, {cases} cases, {elapsed:.1f} s")
    assert not failures, "\n\n".join(failures)
    assert operations >= 60 and cases >= operations
