"""Issue 9 item 6: a row_version that is not a number is bad input (422), not a 500."""

import json

import pytest


@pytest.mark.parametrize("row_version", ["abc", [1], {"a": 1}])
def test_a_non_numeric_row_version_is_422_naming_it(client, cast, dispatched, row_version):
    client.force_login(cast.dept_clerk)
    response = client.post(
        f"/api/dispatch/events/{dispatched.pk}/actions/accept",
        json.dumps({"row_version": row_version}),
        content_type="application/json",
    )
    before = (dispatched.state, dispatched.row_version)
    assert response.status_code == 422
    assert response.json()["errors"] == ["row_version:应为整数(事件的版本号)"]
    dispatched.refresh_from_db()
    assert (dispatched.state, dispatched.row_version) == before
