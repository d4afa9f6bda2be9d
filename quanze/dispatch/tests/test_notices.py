"""Who is told that an event was sent to them: the users of each assigned department."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from quanze.core.models import Notice
from quanze.dispatch import services
from quanze.dispatch.models import Assignment
from quanze.testing import factories as f


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
    assert [m.to for m in mailoutbox] == [["duty@urban.gov.cn"]]


def test_a_whistle_tells_each_summoned_department(cast, called):
    soon = timezone.now() + timedelta(hours=4)
    services.event_whistle(
        by=cast.town_a_clerk, event=called, reason="联合整治", summons=[(cast.land, soon)]
    )
    assert _told() == {"land"}
    assert "吹哨报到" in Notice.objects.get().title
    assert "应做工作:联合整治" in Notice.objects.get().body
