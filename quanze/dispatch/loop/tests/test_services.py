"""The loop's services: routing by the list, the state machine, who may act, bad input."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quanze.core.errors import Conflict, Forbidden
from quanze.dispatch.events.models import Assignment, Event, EventLog
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import services

S = Event.State


def test_it_routes_an_event_by_the_list_and_stores_why(cast, dispatched, matters):
    event = Event.objects.get(pk=dispatched.pk)
    assert event.state == S.DISPATCHED
    assert event.primary_department == cast.urban
    assert event.fallback_department == cast.land
    why = event.routing
    assert why["matter"] == "生活垃圾收集清运" and why["matter_id"] == matters["garbage"].pk
    assert why["list"] and why["version"] is not None and why["rule"]
    primary = event.assignments.get(role=Assignment.Role.PRIMARY)
    assert primary.department == cast.urban and primary.active
    assert primary.accept_due == event.accept_due and primary.handle_due == event.handle_due
    log = list(event.log.values_list("action", "from_state", "to_state"))
    assert log == [("create", "", S.CALLED), ("dispatch", S.CALLED, S.DISPATCHED)]


def test_it_refuses_to_dispatch_an_event_without_a_matter(cast, matters):
    event = raise_event(cast)
    with pytest.raises(ValidationError, match="请先确认事项"):
        services.event_dispatch(by=cast.town_a_clerk, event=event)
    assert Event.objects.get(pk=event.pk).state == S.CALLED
    assert not Assignment.objects.exists()


def test_it_suggests_three_matters_when_none_is_picked(cast, matters):
    event = raise_event(cast, text="马路上全是流动摊贩摆摊卖菜,车都过不去")
    assert len(event.suggestions) == 3
    assert event.suggestions[0]["matter_id"] == matters["stalls"].pk
    services.event_confirm_matter(by=cast.town_a_clerk, event=event, matter=matters["stalls"])
    event.refresh_from_db()
    assert event.matter == matters["stalls"] and event.matter_confirmed_by == cast.town_a_clerk


def test_it_refuses_a_dispatch_to_a_township_outside_its_list(cast, matters):
    event = raise_event(
        cast,
        by=cast.town_b_clerk,
        township=cast.town_b,
        matter=matters["farmland"],
        text="村里有人在基本农田上挖鱼塘",
    )
    with pytest.raises(ValidationError, match="不在「玫瑰镇」的清单内,未经准入不得派发"):
        services.event_dispatch(by=cast.office, event=event, township_task="由镇里负责拆除鱼塘")
    assert Event.objects.get(pk=event.pk).state == S.CALLED
    assert not Assignment.objects.exists()
    # 锦水街道 has a part in the same matter on its list: the same request passes there.
    other = raise_event(cast, matter=matters["farmland"], text="基本农田上挖鱼塘")
    services.event_dispatch(by=cast.office, event=other, township_task="配合现场制止")
    assert Event.objects.get(pk=other.pk).routing["township_task"] == "配合现场制止"
    # Without asking the township for anything, 玫瑰镇's event goes to the department.
    services.event_dispatch(by=cast.town_b_clerk, event=event)
    assert Event.objects.get(pk=event.pk).primary_department == cast.land


@pytest.mark.parametrize("action", ["accept", "start", "handle", "close", "feedback"])
def test_it_refuses_invalid_transitions_and_changes_nothing(cast, called, action):
    before = EventLog.objects.count()
    clerk = cast.town_a_clerk if action in ("close", "feedback") else cast.dept_clerk
    kwargs = {"result": "已处理"} if action == "handle" else {}
    kwargs = {"rating": 5, "satisfied": True} if action == "feedback" else kwargs
    with pytest.raises((ValidationError, Forbidden)) as caught:
        getattr(services, f"event_{action}")(by=clerk, event=called, **kwargs)
    text = str(caught.value)
    assert "已呼叫" in text or "主体责任单位" in text
    assert Event.objects.get(pk=called.pk).state == S.CALLED
    assert EventLog.objects.count() == before


def test_a_second_person_acting_on_a_stale_page_is_told_and_nothing_is_lost(cast, dispatched):
    seen = dispatched.row_version
    services.event_accept(
        by=cast.dept_clerk, event=Event.objects.get(pk=dispatched.pk), expected_version=seen
    )
    with pytest.raises(Conflict, match="已被他人处理"):
        services.event_accept(
            by=cast.dept_clerk, event=Event.objects.get(pk=dispatched.pk), expected_version=seen
        )
    assert EventLog.objects.filter(event=dispatched, action="accept").count() == 1


def test_it_dispatches_only_once(cast, called):
    services.event_dispatch(by=cast.town_a_clerk, event=Event.objects.get(pk=called.pk))
    with pytest.raises(ValidationError, match="已派发"):
        services.event_dispatch(by=cast.office, event=Event.objects.get(pk=called.pk))
    assert Assignment.objects.filter(event=called).count() == 1


def test_a_whistle_summons_named_departments_each_with_its_own_deadline(cast, called):
    soon, later = timezone.now() + timedelta(hours=4), timezone.now() + timedelta(days=2)
    services.event_whistle(
        by=cast.town_a_clerk,
        event=called,
        reason="联合整治占道",
        summons=[(cast.urban, soon), (cast.land, later)],
    )
    rows = {a.department_id: a for a in Assignment.objects.filter(role=Assignment.Role.SUMMONED)}
    assert rows[cast.urban.pk].handle_due == soon and rows[cast.land.pk].handle_due == later
    assert Event.objects.get(pk=called.pk).state == S.DISPATCHED
    services.event_report(by=cast.other_dept_clerk, event=called)
    assert Assignment.objects.get(pk=rows[cast.land.pk].pk).accepted_at is not None
    with pytest.raises(ValidationError, match="报到时限须晚于现在"):
        services.event_whistle(
            by=cast.town_a_clerk,
            event=called,
            reason="再吹",
            summons=[(cast.urban, timezone.now() - timedelta(hours=1))],
        )


def test_an_unsatisfied_township_sends_the_result_back_to_be_handled_again(cast, dispatched):
    services.event_accept(by=cast.dept_clerk, event=dispatched)
    services.event_handle(by=cast.dept_clerk, event=dispatched, result="已清运")
    services.event_feedback(by=cast.town_a_clerk, event=dispatched, rating=2, satisfied=False)
    event = Event.objects.get(pk=dispatched.pk)
    assert event.state == S.IN_PROGRESS and event.rating == 2 and event.satisfied is False
    with pytest.raises(ValidationError, match="满意度评分:应为1至5分"):
        services.event_feedback(by=cast.town_a_clerk, event=event, rating=7, satisfied=True)


def test_only_the_routed_department_acts(cast, dispatched):
    with pytest.raises(Forbidden, match="只有该事件的主体责任单位"):
        services.event_accept(by=cast.other_dept_clerk, event=dispatched)
    with pytest.raises(Forbidden):
        services.event_dispatch(by=cast.town_b_clerk, event=dispatched)
