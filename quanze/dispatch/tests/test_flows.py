"""End to end through the services: call to closed, a send-back, a dispute, an escalation."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quanze.dispatch.disputes import services as disputes
from quanze.dispatch.disputes.models import Dispute
from quanze.dispatch.events.models import Assignment, Event, EventLog
from quanze.dispatch.loop import services
from quanze.dispatch.loop.sweep import deadlines_sweep

S = Event.State


def states(event) -> list[str]:
    return list(
        EventLog.objects.filter(event=event).order_by("at", "id").values_list("to_state", flat=True)
    )


def test_an_event_goes_from_call_to_closed(cast, dispatched):
    services.event_accept(by=cast.dept_clerk, event=dispatched)
    services.event_start(by=cast.dept_clerk, event=dispatched)
    services.event_handle(by=cast.dept_clerk, event=dispatched, result="已清运并增加清运频次")
    services.event_feedback(by=cast.town_a_clerk, event=dispatched, rating=5, satisfied=True)
    services.event_close(by=cast.town_a_clerk, event=dispatched)
    event = Event.objects.get(pk=dispatched.pk)
    assert event.state == S.CLOSED and event.closed_at and event.rating == 5
    assert states(event) == [
        S.CALLED,
        S.DISPATCHED,
        S.ACCEPTED,
        S.IN_PROGRESS,
        S.HANDLED,
        S.FEEDBACK,
        S.CLOSED,
    ]
    primary = event.assignments.get(role=Assignment.Role.PRIMARY)
    assert primary.accept_seconds is not None and primary.handle_seconds >= primary.accept_seconds
    assert primary.accepted_in_time is True


def test_a_send_back_must_cite_the_list_and_the_township_redispatches(cast, matters, called):
    # Filed under the wrong matter: 城管局 gets a farmland case.
    event = Event.objects.get(pk=called.pk)
    event = services.event_dispatch(by=cast.town_a_clerk, event=event)
    with pytest.raises(ValidationError, match="必须引用清单"):
        disputes.event_send_back(
            by=cast.dept_clerk, event=event, reason="不归我们管", matter=None, version_id=None
        )
    with pytest.raises(ValidationError, match="由本部门承担主体责任,不能退回"):
        disputes.event_send_back(
            by=cast.dept_clerk,
            event=event,
            reason="不归我们管",
            matter=matters["garbage"],
            version_id=event.routing["version_id"],
        )
    with pytest.raises(ValidationError, match="引用的版本不适用"):
        disputes.event_send_back(
            by=cast.dept_clerk,
            event=event,
            reason="不归我们管",
            matter=matters["farmland"],
            version_id=event.routing["version_id"] + 999,
        )
    assert Event.objects.get(pk=event.pk).state == S.DISPATCHED
    disputes.event_send_back(
        by=cast.dept_clerk,
        event=event,
        reason="反映的是占用耕地",
        matter=matters["farmland"],
        version_id=event.routing["version_id"],
    )
    event = Event.objects.get(pk=event.pk)
    assert event.state == S.SENT_BACK
    row = EventLog.objects.get(event=event, action="send_back")
    assert (
        row.data["citation"]["matter"] == "非法占用耕地"
        and "主体责任单位为「平阴县自然资源局」" in row.reason
    )
    services.event_confirm_matter(by=cast.town_a_clerk, event=event, matter=matters["farmland"])
    services.event_dispatch(by=cast.town_a_clerk, event=event)
    event = Event.objects.get(pk=event.pk)
    assert event.state == S.DISPATCHED and event.primary_department == cast.land
    assert event.assignments.get(active=True, role=Assignment.Role.PRIMARY).department == cast.land
    assert event.assignments.get(sent_back=True).department == cast.urban


def test_a_dispute_goes_to_the_office_which_rules_and_the_department_loses(
    cast, matters, dispatched
):
    disputes.event_send_back(
        by=cast.dept_clerk,
        event=dispatched,
        reason="应由自然资源局处理",
        matter=matters["farmland"],
        version_id=dispatched.routing["version_id"],
    )
    with pytest.raises(ValidationError, match="争议理由:不能为空"):
        disputes.event_dispute(by=cast.town_a_clerk, event=dispatched, reason=" ")
    disputes.event_dispute(
        by=cast.town_a_clerk, event=dispatched, reason="反映的是垃圾清运,清单明确由城管局负责"
    )
    assert Event.objects.get(pk=dispatched.pk).state == S.DISPUTED
    with pytest.raises(Exception, match="只有本县编办可以裁定"):
        disputes.dispute_rule(
            by=cast.town_a_clerk, event=dispatched, responsible=cast.urban, ruling="城管局办理"
        )
    disputes.dispute_rule(
        by=cast.office,
        event=dispatched,
        responsible=cast.urban,
        ruling="按清单第一项,由城管局办理",
        list_corrected=False,
    )
    event = Event.objects.get(pk=dispatched.pk)
    assert event.state == S.DISPATCHED and event.primary_department == cast.urban
    dispute = Dispute.objects.get(event=event)
    assert dispute.department_lost is True and dispute.ruled_by == cast.office
    assert [r for r in states(event)][-3:] == [S.SENT_BACK, S.DISPUTED, S.DISPATCHED]


def test_an_overdue_event_is_escalated_by_the_sweep_and_the_fallback_takes_it(cast, dispatched):
    later = timezone.now() + timedelta(hours=3)  # the accept limit is two hours
    assert deadlines_sweep(now=timezone.now()) == 0
    assert deadlines_sweep(now=later) == 1
    event = Event.objects.get(pk=dispatched.pk)
    assert event.state == S.ESCALATED
    row = EventLog.objects.get(event=event, action="escalate")
    assert (row.from_state, row.to_state, row.actor) == (S.DISPATCHED, S.ESCALATED, None)
    assert event.assignments.get(role=Assignment.Role.PRIMARY).escalated
    assert deadlines_sweep(now=later) == 0  # escalated once, not again
    disputes.event_fallback(by=cast.office, event=event, reason="超期未接收,交兜底部门")
    event = Event.objects.get(pk=dispatched.pk)
    assert event.state == S.DISPATCHED and event.primary_department == cast.land
    assert event.fallback_acted
    services.event_accept(by=cast.other_dept_clerk, event=event)
    assert Event.objects.get(pk=event.pk).state == S.ACCEPTED
