"""Claim statistics: counts per township, overall figures, by field and type, query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quanze.delegation.claims import services as claims
from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.claims.models import Claim
from quanze.delegation.claims.services import Choice
from quanze.delegation.claims.stats import claim_report
from quanze.delegation.tests import builders as b
from quanze.testing import factories as f


def _claim(window, town, clerk, answers, office):
    rows = list(Claim.objects.filter(window=window, township=town).order_by("entry__position"))
    claims.claims_save(
        by=clerk,
        window=window,
        township=town,
        choices={rows[i].pk: Choice(claimed, "理由") for i, claimed in answers.items()},
        row_versions={c.pk: c.row_version for c in rows},
    )
    claims.claims_submit(by=clerk, window=window, township=town)


@pytest.fixture
def window(cast):
    # 2 basic (处罚), then optional: 2 处罚 and 2 审批 (行政许可, 自然资源)
    version = b.guiding_version(cast, n=6, basic=2, licences=2)
    window = claim_windows.window_open(
        by=cast.office,
        county=cast.county,
        catalog_version=version,
        title="认领",
        deadline=b.deadline(),
        townships=[cast.town_a, cast.town_b],
    )
    _claim(
        window, cast.town_a, cast.town_a_clerk, {2: True, 3: True, 4: True, 5: True}, cast.office
    )
    _claim(
        window, cast.town_b, cast.town_b_clerk, {2: False, 3: True, 4: False, 5: False}, cast.office
    )
    return window


def test_it_counts_each_township_and_the_overall_figures(cast, window):
    report = claim_report(window=window)
    rows = {t.name: (t.claimed, t.basic, t.optional, t.approvals) for t in report.townships}
    assert rows == {"锦水街道": (6, 2, 4, 2), "玫瑰镇": (3, 2, 1, 0)}
    assert (report.average, report.highest.name, report.lowest.name) == (4.5, "锦水街道", "玫瑰镇")
    assert report.approvals_average == 1.0
    assert (report.catalog_items, report.basic_items) == (6, 2)


def test_it_groups_by_field_and_type(cast, window):
    report = claim_report(window=window)
    by_type = {g.name: (g.catalog_items, g.claimed, g.average) for g in report.by_type}
    assert by_type == {"行政处罚": (4, 7, 3.5), "行政许可": (2, 2, 1.0)}
    by_field = {g.name: g.share for g in report.by_field}
    assert by_field == {"城市管理": 7 / 8, "自然资源": 2 / 4}


def test_a_draft_is_not_counted(cast):
    version = b.guiding_version(cast, n=3, basic=1, prefix="X")
    window = claim_windows.window_open(
        by=cast.office,
        county=cast.county,
        catalog_version=version,
        title="认领",
        deadline=b.deadline(),
        townships=[cast.town_a],
    )
    report = claim_report(window=window)
    assert (report.reported, report.average, report.highest) == (0, 0.0, None)


def test_queries_do_not_grow_with_townships(cast, window):
    with CaptureQueriesContext(connection) as two:
        claim_report(window=window)
    for i in range(5):
        town = f.township(cast.county, f"370124{300 + i}000", f"新{i}镇")
        window.townships.add(town)
        Claim.objects.bulk_create(
            Claim(window=window, township=town, entry=c.entry, claimed=True, status="accepted")
            for c in Claim.objects.filter(window=window, township=cast.town_a)
        )
    with CaptureQueriesContext(connection) as seven:
        report = claim_report(window=window)
    assert report.reported == 7
    assert len(seven) == len(two)
