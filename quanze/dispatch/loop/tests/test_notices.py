"""Who is told that an event was sent to them: the users of each assigned department."""

import json
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from quanze.core.models import Notice
from quanze.dispatch.events.models import Assignment
from quanze.dispatch.loop import services
from quanze.testing import factories as f
from quanze.testing.tasks import MAIL_TASK, queued_kwargs, run_queued


class CountingMailer:
    """A mailer that counts every connection it is asked for (a slow SMTP server)."""

    opened = 0

    def __init__(self, **options):
        type(self).opened += 1

    def __enter__(self):
        raise TimeoutError("smtp timed out")

    def __exit__(self, *exc):
        return False


def _told():
    return set(
        Notice.objects.filter(kind=Notice.Kind.EVENT_ASSIGNED).values_list(
            "recipient__username", flat=True
        )
    )


def test_dispatching_tells_the_primary_department_and_nobody_else(
    cast, called, mailoutbox, django_capture_on_commit_callbacks
):
    f.UserFactory(username="urban_duty", department=cast.urban, email="duty@urban.gov.cn")
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_dispatch(by=cast.town_a_clerk, event=called)
    assigned = set(Assignment.objects.filter(event=event).values_list("department", flat=True))
    assert assigned == {cast.urban.pk}
    assert _told() == {"urban", "urban_duty"}  # not 自然资源局, the list's fallback only
    notice = Notice.objects.get(recipient__username="urban_duty")
    assert notice.title == f"事件派发:{event.number}(锦水街道,主体责任)"
    assert "垃圾桶满溢" in notice.body and "办结时限" in notice.body
    assert notice.link == reverse("dispatch:event_detail", args=[event.pk])
    assert mailoutbox == []  # queued for the background worker
    assert run_queued(MAIL_TASK) == [1]
    assert [m.to for m in mailoutbox] == [["duty@urban.gov.cn"]]


def test_a_whistle_tells_each_summoned_department(cast, called):
    soon = timezone.now() + timedelta(hours=4)
    services.event_whistle(
        by=cast.town_a_clerk, event=called, reason="联合整治", summons=[(cast.land, soon)]
    )
    assert _told() == {"land"}
    assert "吹哨报到" in Notice.objects.get().title
    assert "应做工作:联合整治" in Notice.objects.get().body


def test_dispatching_through_the_api_opens_no_mail_connection_in_the_request(
    client, cast, called, settings, django_capture_on_commit_callbacks
):
    f.UserFactory(username="urban_duty", department=cast.urban, email="duty@urban.gov.cn")
    CountingMailer.opened = 0
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.CountingMailer"}}
    client.force_login(cast.town_a_clerk)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            f"/api/dispatch/events/{called.pk}/actions/dispatch",
            json.dumps({}),
            content_type="application/json",
        )
    assert answer.status_code == 200 and answer.json()["state"] == "dispatched"
    assert CountingMailer.opened == 0  # the request only queued the mail
    notice = Notice.objects.get(recipient__username="urban_duty")
    assert queued_kwargs(MAIL_TASK) == [{"notice_ids": [notice.pk]}]
    assert run_queued(MAIL_TASK) == [0] and CountingMailer.opened == 1  # the worker's send
    notice.refresh_from_db()
    assert notice.mailed_at is None and "smtp timed out" in notice.mail_error
