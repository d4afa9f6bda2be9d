"""Who is told: a reminder reaches every active user of the recipient unit and nobody else;
returned claims reach the township's users; mail goes to those with an address."""

import pytest
from django.urls import reverse

from quanze.core.errors import Forbidden
from quanze.core.models import Notice
from quanze.delegation.claims import review as claim_review
from quanze.delegation.claims import services as claims
from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.claims.models import Claim
from quanze.delegation.claims.services import Choice
from quanze.delegation.consultation import dispositions
from quanze.delegation.tests import builders as b
from quanze.delegation.tests.project_world import build_project
from quanze.testing import factories as f
from quanze.testing.tasks import MAIL_TASK, run_queued
from quanze.testing.world import build_world


@pytest.fixture
def w(cast):
    w = build_project(build_world(cast))
    w.urban_chief = f.UserFactory(
        username="urban_chief", department=cast.urban, email="chief@urban.gov.cn"
    )
    f.UserFactory(username="urban_left", department=cast.urban, is_active=False)
    return w


def _told(kind=Notice.Kind.CONSULTATION_REMINDER):
    return set(Notice.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_a_department_reminder_reaches_its_active_users_only(
    w, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dispositions.reminder_send(by=w.cast.office, recipient=w.urban_recipient)
    assert _told() == {"urban", "urban_chief"}  # not 自然资源局's clerk, not the inactive user
    notice = Notice.objects.get(recipient=w.urban_chief)
    assert notice.title == "征求意见催办:第1轮征求意见尚有1项未反馈"
    assert "尚有1项未反馈" in notice.body and "第1轮征求意见" in notice.body
    assert notice.link == reverse("delegation:round_answer", args=[w.round.pk])
    assert mailoutbox == []  # queued for the background worker
    assert run_queued(MAIL_TASK) == [1]
    assert [m.to for m in mailoutbox] == [["chief@urban.gov.cn"]]
    assert "尚有1项未反馈" in mailoutbox[0].body


def test_a_township_reminder_reaches_the_township_users(w):
    other = f.UserFactory(username="town_a_2", township=w.cast.town_a)
    dispositions.reminder_send(by=w.cast.office, recipient=w.town_a_recipient, message="请抓紧")
    assert _told() == {"town_a", other.username}
    assert "尚有2项未反馈" in Notice.objects.get(recipient=other).body
    assert "请抓紧" in Notice.objects.get(recipient=other).body


def test_a_refused_reminder_tells_nobody(w):
    dispositions.reminder_send(by=w.cast.office, recipient=w.urban_recipient)
    with pytest.raises(Forbidden):
        dispositions.reminder_send(by=w.cast.dept_clerk, recipient=w.land_recipient)
    assert _told() == {"urban", "urban_chief"}


def test_returned_claims_reach_the_township_and_accepted_ones_send_nothing(cast):
    window = claim_windows.window_open(
        by=cast.office,
        county=cast.county,
        catalog_version=b.guiding_version(cast, n=4, basic=2),
        title="2025年乡镇认领",
        deadline=b.deadline(),
        townships=[cast.town_a, cast.town_b],
    )
    for town, clerk in ((cast.town_a, cast.town_a_clerk), (cast.town_b, cast.town_b_clerk)):
        rows = list(Claim.objects.filter(window=window, township=town).order_by("entry__position"))
        claims.claims_save(
            by=clerk,
            window=window,
            township=town,
            choices={rows[2].pk: Choice(True, "业务量大"), rows[3].pk: Choice(False, "无此业务")},
            row_versions={c.pk: c.row_version for c in rows},
        )
        claims.claims_submit(by=clerk, window=window, township=town)
    claim_review.claims_review(
        by=cast.office, window=window, township=cast.town_a, accept=False, comment="理由不充分"
    )
    claim_review.claims_review(by=cast.office, window=window, township=cast.town_b, accept=True)
    assert _told(Notice.Kind.CLAIMS_RETURNED) == {"town_a"}
    notice = Notice.objects.get(kind=Notice.Kind.CLAIMS_RETURNED)
    assert "理由不充分" in notice.body and "锦水街道" in notice.body
    assert notice.link == reverse("delegation:claim_sheet", args=[window.pk, cast.town_a.pk])


def test_the_reminder_page_says_how_many_people_were_told(w, client):
    client.force_login(w.cast.office)
    url = reverse("delegation:reminder_send", args=[w.urban_recipient.pk])
    page = client.post(url, follow=True).content.decode()
    assert "已提醒平阴县城市管理局(1项未反馈),已通知2人" in page
    w.cast.town_a_clerk.is_active = False
    w.cast.town_a_clerk.save(update_fields=["is_active"])
    url = reverse("delegation:reminder_send", args=[w.town_a_recipient.pk])
    page = client.post(url, follow=True).content.decode()
    assert "该单位暂无可接收通知的用户" in page
