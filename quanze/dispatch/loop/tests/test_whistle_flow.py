"""A whistle alone carries an event through: the summoned department reports and then
handles it; a department past its 报到时限 is escalated by the sweep and told; each
hand-off of the loop (handled, sent back, disputed) tells who must act next."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from quanze.core.models import Notice
from quanze.dispatch.disputes import services as disputes
from quanze.dispatch.events.models import Assignment, Event
from quanze.dispatch.loop import actions, services
from quanze.dispatch.loop.sweep import deadlines_sweep

S, Kind = Event.State, Notice.Kind


def _told(kind) -> set:
    return set(Notice.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def _names(user, event) -> list[str]:
    event = Event.objects.prefetch_related("assignments").get(pk=event.pk)
    return [a.name for a in actions.available(user, event)]


def _whistle(cast, event, *departments, hours=4):
    due = timezone.now() + timedelta(hours=hours)
    return services.event_whistle(
        by=cast.town_a_clerk, event=event, reason="联合整治占道",
        summons=[(d, due) for d in departments],
    )  # fmt: skip


def test_after_reporting_a_summoned_department_can_handle_a_whistle_alone(cast, called):
    _whistle(cast, called, cast.urban)
    assert _names(cast.dept_clerk, called) == ["report"]
    services.event_report(by=cast.dept_clerk, event=Event.objects.get(pk=called.pk))
    assert Event.objects.get(pk=called.pk).state == S.ACCEPTED
    assert {"start", "handle"} <= set(_names(cast.dept_clerk, called))
    services.event_handle(
        by=cast.dept_clerk, event=Event.objects.get(pk=called.pk), result="已清理"
    )
    event = Event.objects.get(pk=called.pk)
    assert event.state == S.HANDLED and event.result == "已清理"
    assert "town_a" in _told(Kind.EVENT_HANDLED)


def test_two_summoned_departments_each_handle_their_part(cast, called):
    _whistle(cast, called, cast.urban, cast.land)
    for clerk in (cast.dept_clerk, cast.other_dept_clerk):
        services.event_report(by=clerk, event=Event.objects.get(pk=called.pk))
    services.event_handle(
        by=cast.dept_clerk, event=Event.objects.get(pk=called.pk), result="已清理"
    )
    assert Event.objects.get(pk=called.pk).state == S.ACCEPTED
    assert "handle" not in _names(cast.dept_clerk, called)
    with pytest.raises(ValidationError, match="已办结"):
        services.event_handle(
            by=cast.dept_clerk, event=Event.objects.get(pk=called.pk), result="再办"
        )
    services.event_handle(
        by=cast.other_dept_clerk, event=Event.objects.get(pk=called.pk), result="已复耕"
    )
    assert Event.objects.get(pk=called.pk).state == S.HANDLED


def test_a_summoned_department_on_a_routed_event_only_reports(cast, dispatched):
    _whistle(cast, dispatched, cast.land)
    services.event_report(by=cast.other_dept_clerk, event=Event.objects.get(pk=dispatched.pk))
    assert Event.objects.get(pk=dispatched.pk).state == S.DISPATCHED
    assert _names(cast.other_dept_clerk, dispatched) == []
    with pytest.raises(Exception, match="只有该事件的主体责任单位"):
        services.event_handle(
            by=cast.other_dept_clerk, event=Event.objects.get(pk=dispatched.pk), result="x"
        )


def test_the_sweep_escalates_a_whistle_past_its_report_deadline_and_tells(cast, called):
    _whistle(cast, called, cast.urban, hours=2)
    assert deadlines_sweep(now=timezone.now()) == 0
    out = StringIO()
    later = timezone.now() + timedelta(hours=3)
    assert deadlines_sweep(now=later) == 1
    assert Event.objects.get(pk=called.pk).state == S.ESCALATED
    assert Assignment.objects.get(event=called, role="summoned").escalated
    assert _told(Kind.EVENT_OVERDUE) == {"urban", "office"}
    assert (
        "报到"
        in Notice.objects.filter(kind=Kind.EVENT_OVERDUE, recipient=cast.dept_clerk).get().body
    )
    assert deadlines_sweep(now=later) == 0  # escalated once
    call_command("sweep_deadlines", stdout=out)
    # the late department may still report, and then handle
    services.event_report(by=cast.dept_clerk, event=Event.objects.get(pk=called.pk))
    assert "handle" in _names(cast.dept_clerk, called)


def test_the_sweep_leaves_a_reported_whistle_alone_until_its_handling_deadline(cast, called):
    _whistle(cast, called, cast.urban, hours=2)
    services.event_report(by=cast.dept_clerk, event=Event.objects.get(pk=called.pk))
    assert deadlines_sweep(now=timezone.now() + timedelta(hours=1)) == 0
    assert deadlines_sweep(now=timezone.now() + timedelta(hours=3)) == 1
    assert "办结" in Notice.objects.get(kind=Kind.EVENT_OVERDUE, recipient=cast.dept_clerk).body


def test_a_routed_event_past_its_deadline_tells_the_department_and_the_office(cast, dispatched):
    assert deadlines_sweep(now=timezone.now() + timedelta(days=30)) == 1
    assert _told(Kind.EVENT_OVERDUE) == {"urban", "office"}


def test_sending_back_tells_the_township_and_the_office_and_a_dispute_tells_the_office(
    cast, dispatched, matters
):
    event = Event.objects.get(pk=dispatched.pk)
    version_id = event.routing["version_id"]
    services_event = disputes.event_send_back(
        by=cast.dept_clerk, event=event, reason="清单规定由自然资源局负责",
        matter=matters["farmland"], version_id=version_id,
    )  # fmt: skip
    assert {"town_a", "office"} <= _told(Kind.EVENT_SENT_BACK)
    assert "urban" not in _told(Kind.EVENT_SENT_BACK)
    disputes.event_dispute(
        by=cast.town_a_clerk, event=Event.objects.get(pk=services_event.pk), reason="应由城管处理"
    )
    assert _told(Kind.EVENT_DISPUTED) == {"office", "urban"}
