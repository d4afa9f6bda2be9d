"""The claim sheet as a working list (issue 14): filter, search, sort and page it; claim or
refuse many ticked items at once (all or none, with history); print it."""

import pytest

from quanze.core.models import ChangeRecord
from quanze.delegation.claims import services as claims
from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.claims.models import Claim
from quanze.delegation.tests import builders as b


@pytest.fixture
def window(cast):
    version = b.guiding_version(cast, n=60, basic=2)
    return claim_windows.window_open(
        by=cast.office, county=cast.county, catalog_version=version, title="认领",
        deadline=b.deadline(), townships=[cast.town_a],
    )  # fmt: skip


def _sheet(window, town):
    return f"/delegation/claims/{window.pk}/townships/{town.pk}/"


def _rows(window, town):
    return list(Claim.objects.filter(window=window, township=town).order_by("entry__position"))


def _page_fields(rows):
    """What the sheet posts for its rows (nothing answered yet but the basic set)."""
    data = {}
    for c in rows:
        data[f"v_{c.pk}"] = c.row_version
        if c.entry.set_kind == "basic":
            data[f"claimed_{c.pk}"] = "yes"
    return data


def test_the_sheet_pages_filters_and_sorts(client, cast, window):
    client.force_login(cast.town_a_clerk)
    text = client.get(_sheet(window, cast.town_a)).content.decode()
    assert text.count('name="pick"') == 48  # page one: 50 rows, two of them basic
    assert "第 1/2 页" in text and "/ 60 项" in text
    text = client.get(_sheet(window, cast.town_a) + "?show=basic").content.decode()
    assert text.count('value="yes">必须认领') == 2 and 'name="pick"' not in text
    text = client.get(_sheet(window, cast.town_a) + "?q=审批事项59").content.decode()
    assert "CG-059" in text and "CG-058" not in text
    text = client.get(_sheet(window, cast.town_a) + "?sort=-position").content.decode()
    assert text.index("CG-059") < text.index("CG-020")
    text = client.get(_sheet(window, cast.town_a) + "?print=1").content.decode()
    assert "CG-059" in text and "CG-000" in text and "返回列表" in text


def test_bulk_claim_and_refuse_go_through_the_save_with_history(client, cast, window):
    client.force_login(cast.town_a_clerk)
    rows = _rows(window, cast.town_a)
    page = rows[:50]
    data = _page_fields(page) | {"action": "bulk_claim", "back": "?page=1"}
    data["pick"] = [str(c.pk) for c in page[2:12]]
    response = client.post(_sheet(window, cast.town_a), data)
    assert response.url.endswith("?page=1")
    assert [c.claimed for c in _rows(window, cast.town_a)[2:13]] == [True] * 10 + [None]
    records = ChangeRecord.objects.filter(content_type__model="claim", action="update")
    assert records.count() == 10 and {r.actor for r in records} == {cast.town_a_clerk}

    rows = _rows(window, cast.town_a)
    data = _page_fields(rows[:50]) | {"action": "bulk_refuse", "bulk_reason": "无此业务"}
    data["pick"] = [str(c.pk) for c in rows[12:50]]
    client.post(_sheet(window, cast.town_a), data)
    rows = _rows(window, cast.town_a)
    assert {(c.claimed, c.reason) for c in rows[12:50]} == {(False, "无此业务")}


def test_a_bulk_refusal_needs_a_reason_and_a_bad_row_changes_nothing(client, cast, window):
    client.force_login(cast.town_a_clerk)
    rows = _rows(window, cast.town_a)
    data = _page_fields(rows[:50]) | {"action": "bulk_refuse", "pick": [str(rows[5].pk)]}
    text = client.post(_sheet(window, cast.town_a), data, follow=True).content.decode()
    assert "批量不认领:请填写不认领的理由" in text
    # A basic item ticked by hand (the page offers no box for it) stops the whole batch.
    data |= {"bulk_reason": "不需要", "pick": [str(rows[5].pk), str(rows[0].pk)]}
    text = client.post(_sheet(window, cast.town_a), data, follow=True).content.decode()
    assert "第1项" in text and "属于基本盘,必须认领" in text
    assert _rows(window, cast.town_a)[5].claimed is None
    assert not ChangeRecord.objects.filter(content_type__model="claim", action="update").exists()


def test_only_the_townships_clerk_may_bulk_claim(client, cast, window):
    rows = _rows(window, cast.town_a)
    data = _page_fields(rows[:50]) | {"action": "bulk_claim", "pick": [str(rows[5].pk)]}
    for user in (cast.town_b_clerk, cast.office, cast.dept_clerk):
        client.force_login(user)
        assert client.post(_sheet(window, cast.town_a), data).status_code in (403, 404)
    assert _rows(window, cast.town_a)[5].claimed is None
    claims.claims_save(
        by=cast.town_a_clerk, window=window, township=cast.town_a,
        choices={rows[5].pk: claims.Choice(True)}, row_versions={},
    )  # fmt: skip
    assert _rows(window, cast.town_a)[5].claimed is True
