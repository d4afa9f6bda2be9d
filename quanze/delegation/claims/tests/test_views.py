"""Pages of the claim stage, driven through the test client."""

import re

import pytest

from quanze.delegation.claims import services as claims
from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.claims.models import Claim
from quanze.delegation.tests import builders as b


@pytest.fixture
def window(cast):
    version = b.guiding_version(cast, n=4, basic=2)
    return claim_windows.window_open(
        by=cast.office, county=cast.county, catalog_version=version, title="认领",
        deadline=b.deadline(), townships=[cast.town_a, cast.town_b],
    )  # fmt: skip


def _sheet(window, town):
    return f"/delegation/claims/{window.pk}/townships/{town.pk}/"


def _post(rows, answers, action="save"):
    data = {"action": action}
    for c in rows:
        data[f"v_{c.pk}"] = c.row_version
        if c.entry.set_kind == "basic":  # the sheet posts basic items as claimed
            data[f"claimed_{c.pk}"] = "yes"
    for i, (answer, reason) in answers.items():
        data[f"claimed_{rows[i].pk}"] = answer
        data[f"reason_{rows[i].pk}"] = reason
    return data


def _rows(window, town):
    return list(Claim.objects.filter(window=window, township=town).order_by("entry__position"))


def test_a_township_fills_and_submits_its_claim(client, cast, window):
    client.force_login(cast.town_a_clerk)
    page = client.get(_sheet(window, cast.town_a))
    assert "必须认领" in page.content.decode()
    rows = _rows(window, cast.town_a)
    answers = {2: ("yes", "业务量大"), 3: ("no", "无此业务")}
    response = client.post(_sheet(window, cast.town_a), _post(rows, answers, "submit"), follow=True)
    assert "已提交认领,共认领 3 项" in response.content.decode()
    assert {c.status for c in _rows(window, cast.town_a)} == {"submitted"}


def test_a_stale_form_is_refused_with_a_message(client, cast, window):
    client.force_login(cast.town_a_clerk)
    stale = _rows(window, cast.town_a)
    client.post(_sheet(window, cast.town_a), _post(stale, {2: ("yes", "第一人")}))
    response = client.post(
        _sheet(window, cast.town_a), _post(stale, {3: ("no", "第二人")}), follow=True
    )
    assert "已被他人修改" in response.content.decode()
    assert _rows(window, cast.town_a)[3].claimed is None


def test_missing_reasons_are_named_and_what_was_typed_is_kept(client, cast, window):
    client.force_login(cast.town_a_clerk)
    rows = _rows(window, cast.town_a)
    response = client.post(_sheet(window, cast.town_a), _post(rows, {2: ("no", "")}, "submit"))
    text = response.content.decode()
    assert "自选盘事项尚未选择认领或不认领:第4项" in text
    assert "不认领的自选盘事项须说明理由:第3项" in text


def test_the_office_returns_a_claim_with_comments(client, cast, window):
    rows = _rows(window, cast.town_a)
    claims.claims_save(by=cast.town_a_clerk, window=window, township=cast.town_a,
                       choices={rows[2].pk: claims.Choice(True, "好"), rows[3].pk: claims.Choice(False, "不")},
                       row_versions={})  # fmt: skip
    claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a)
    client.force_login(cast.office)
    url = f"/delegation/claims/{window.pk}/townships/{cast.town_a.pk}/review/"
    response = client.post(url, {"decision": "return", "comment": "请补充理由"}, follow=True)
    assert "已退回锦水街道的认领" in response.content.decode()
    assert {c.status for c in _rows(window, cast.town_a)} == {"returned"}


def test_the_statistics_page_draws_charts_from_local_static_files(client, cast, window):
    rows = _rows(window, cast.town_a)
    claims.claims_save(by=cast.town_a_clerk, window=window, township=cast.town_a,
                       choices={rows[2].pk: claims.Choice(True, "好"), rows[3].pk: claims.Choice(False, "不")},
                       row_versions={})  # fmt: skip
    claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a)
    client.force_login(cast.office)
    text = client.get(f"/delegation/claims/{window.pk}/stats/").content.decode()
    assert "/static/vendor/echarts/echarts.min.js" in text
    # Every script and stylesheet comes from the project's own static files (no CDN).
    assert re.findall(r'(?:src|href)="(?:https?:)?//', text) == []
    assert '<td id="average">3 项</td>' in text
    assert "锦水街道 3 项" in text
    assert 'id="chart-data"' in text
