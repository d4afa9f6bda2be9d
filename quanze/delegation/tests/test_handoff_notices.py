"""Every hand-off of the delegation process tells the people who must act next: the
units asked in a consultation round, the justice bureau when a batch waits for review,
the office when the review is done and when a township submits its claims."""

import pytest

from quanze.core.models import Notice
from quanze.delegation.claims import services as claims
from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.claims.models import Claim
from quanze.delegation.claims.services import Choice
from quanze.delegation.review import services as review
from quanze.delegation.tests import builders as b
from quanze.delegation.tests.project_world import build_project
from quanze.testing import factories as f
from quanze.testing.world import build_world

Kind = Notice.Kind


def _told(kind) -> set:
    return {n.recipient for n in Notice.objects.filter(kind=kind)}


@pytest.fixture
def w(cast):
    return build_project(build_world(cast))


def test_opening_a_round_tells_every_unit_asked(w):
    c = w.cast
    told = _told(Kind.CONSULTATION_OPENED)
    assert {c.dept_clerk, c.other_dept_clerk, c.town_a_clerk, c.town_b_clerk} <= told
    assert c.office not in told and c.outsider not in told
    link = Notice.objects.filter(kind=Kind.CONSULTATION_OPENED).first().link
    assert link == f"/delegation/rounds/{w.round.pk}/answer/"


def test_sending_a_batch_tells_the_justice_bureau_and_completing_tells_the_office(w):
    c = w.cast
    other_reviewer = f.UserFactory(
        username="other_reviewer", role=c.reviewer.Role.JUSTICE_REVIEWER, county=c.other_county
    )
    review.batch_send_for_review(by=c.office, batch=w.batch)
    assert _told(Kind.REVIEW_REQUESTED) == {c.reviewer}
    assert other_reviewer not in _told(Kind.REVIEW_REQUESTED)
    review.review_save(
        by=c.reviewer, batch_item=w.batch_item, mode="entrustment", legal_route="委托",
        verdict="reject", comment="超出县级权限",
    )  # fmt: skip
    review.batch_review_complete(by=c.reviewer, batch=w.batch)
    done = Notice.objects.get(kind=Kind.REVIEW_COMPLETED)
    assert done.recipient == c.office
    assert "1项不通过" in done.body


def test_submitting_claims_tells_the_office(cast):
    window = claim_windows.window_open(
        by=cast.office, county=cast.county, catalog_version=b.guiding_version(cast, n=3, basic=2),
        title="2025年乡镇认领", deadline=b.deadline(), townships=[cast.town_a, cast.town_b],
    )  # fmt: skip
    rows = list(
        Claim.objects.filter(window=window, township=cast.town_a).order_by("entry__position")
    )
    claims.claims_save(
        by=cast.town_a_clerk, window=window, township=cast.town_a,
        choices={rows[2].pk: Choice(True, "业务量大")},
        row_versions={r.pk: r.row_version for r in rows},
    )  # fmt: skip
    claims.claims_submit(by=cast.town_a_clerk, window=window, township=cast.town_a)
    notice = Notice.objects.get(kind=Kind.CLAIMS_SUBMITTED)
    assert notice.recipient == cast.office
    assert cast.town_a.name in notice.title
