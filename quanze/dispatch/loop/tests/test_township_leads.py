"""Where the township leads (its own matter on the list, or 权随事转 by a delegation in force),
the event is assigned to the township's own team: the township's clerks are told, accept,
work and handle it; the department the list names guides it as a cooperating unit."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quanze.core.errors import Forbidden
from quanze.core.history import history_for
from quanze.core.models import Notice
from quanze.delegation.decisions import services as decisions
from quanze.delegation.tests.builders import recorded_decision
from quanze.dispatch.disputes import services as disputes
from quanze.dispatch.disputes.tests.builders import sent_back
from quanze.dispatch.events.models import Assignment
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import actions, selectors, services
from quanze.dispatch.measures.selectors import unit_measures
from quanze.dispatch.tests.lists import item, publish
from quanze.org.models import Department
from quanze.org.selectors import county_units

R = Assignment.Role


@pytest.fixture
def own_matter(cast):
    """占道经营管理: 锦水街道 and 玫瑰镇 carry it themselves (属地自办), 城管局 guides."""
    return publish(
        cast,
        [item("占道经营管理", cast.urban, cast.land, "摆摊 占道", township_primary=True)],
    )["占道经营管理"]


def _lead(event) -> Assignment:
    return event.assignments.select_related("department").get(active=True, role=R.PRIMARY)


def _told(kind=Notice.Kind.EVENT_ASSIGNED) -> set[str]:
    return set(Notice.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_the_township_team_gets_the_lead_and_the_department_guides(cast, own_matter):
    event = raise_event(cast, matter=own_matter, text="路口有人摆摊占道")
    event = services.event_dispatch(by=cast.town_a_clerk, event=event)
    team = Department.objects.get(division=cast.town_a)
    assert team.name == "锦水街道综合行政执法队"
    assert event.primary_department == team
    lead = _lead(event)
    assert lead.department == team and lead.task == "发现并报告,配合现场处置"
    guide = event.assignments.get(active=True, role=R.COOPERATING)
    assert (guide.department, guide.task) == (cast.urban, "业务指导")
    # The team is the township's: its clerks are told, the guiding department too.
    assert _told() == {"town_a", "urban"}
    notice = Notice.objects.get(recipient__username="town_a", kind=Notice.Kind.EVENT_ASSIGNED)
    assert "主体责任" in notice.title
    # Its creation is on record, and it is one of the county's units in the measures.
    assert [r.action for r in history_for(team)] == ["create"]
    assert team in county_units(cast.county.pk)


def test_the_township_clerks_carry_the_event_through_and_no_one_else_can(cast, own_matter):
    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=own_matter, text="门口摆摊")
    )
    assert event in selectors.queue(cast.town_a_clerk, "accept")
    assert event not in selectors.queue(cast.town_b_clerk, "accept")
    names = {a.name for a in actions.available(cast.town_a_clerk, event)}
    assert "accept" in names and "send_back" in names
    assert "accept" not in {a.name for a in actions.available(cast.dept_clerk, event)}
    for stranger in (cast.town_b_clerk, cast.dept_clerk, cast.other_dept_clerk, cast.office):
        with pytest.raises(Forbidden):
            services.event_accept(by=stranger, event=event)
    services.event_report(by=cast.dept_clerk, event=event)  # the guide answers
    event = services.event_accept(by=cast.town_a_clerk, event=event)
    assert event not in selectors.queue(cast.town_a_clerk, "accept")
    event = services.event_start(by=cast.town_a_clerk, event=event)
    with pytest.raises(Forbidden):
        services.event_handle(by=cast.dept_clerk, event=event, result="已劝离")
    event = services.event_handle(by=cast.town_a_clerk, event=event, result="已劝离摊贩")
    assert event.state == event.State.HANDLED
    lead = _lead(event)
    assert lead.accepted_in_time and lead.handle_seconds is not None
    now = timezone.now()
    rows = {
        r.name: r
        for r in unit_measures(
            departments=county_units(cast.county.pk),
            start=now - timedelta(days=1),
            end=now + timedelta(days=1),
        )
    }
    assert rows["锦水街道综合行政执法队"].dispatched == 1
    assert rows["锦水街道综合行政执法队"].accepted_in_time == 1


def test_the_team_cannot_send_back_what_the_list_gives_its_township(cast, own_matter):
    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=own_matter, text="门口摆摊")
    )
    version = cast.county.responsibility_list.versions.get(published_at__isnull=False)
    with pytest.raises(ValidationError, match="由本乡镇\\(街道\\)承担主体责任,不能退回"):
        disputes.event_send_back(
            by=cast.town_a_clerk,
            event=event,
            reason="应由城管局办理",
            matter=own_matter,
            version_id=version.pk,
        )
    assert _lead(event).active and not _lead(event).sent_back


def test_each_township_has_its_own_team_and_an_existing_one_is_reused(cast, own_matter):
    named = Department.objects.create(division=cast.town_b, name="玫瑰镇综合执法办")
    event = raise_event(cast, township=cast.town_b, by=cast.town_b_clerk, matter=own_matter)
    event = services.event_dispatch(by=cast.town_b_clerk, event=event)
    assert event.primary_department == named  # the county's own name for it stays
    first = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=own_matter, text="摆摊")
    )
    again = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=own_matter, text="又摆摊")
    )
    assert first.primary_department == again.primary_department != named
    assert Department.objects.filter(division=cast.town_a).count() == 1


def test_a_delegated_power_puts_the_township_team_in_the_lead(cast):
    """权随事转: the list still names 城管局, a decision in force gave 锦水街道 the power."""
    decision = decisions.decision_publish(by=cast.office, decision=recorded_decision(cast))
    power = decision.items.order_by("position").first().item.power
    matter = publish(cast, [item("占道经营管理", cast.urban, cast.land, "摆摊", powers=[power])])[
        "占道经营管理"
    ]
    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=matter, text="路口有人摆摊")
    )
    assert event.primary_department.division == cast.town_a
    assert event.routing["conflict"]  # the warning stays until the list is put right
    assert set(event.assignments.filter(active=True).values_list("role", "department__name")) == {
        (R.PRIMARY, "锦水街道综合行政执法队"),
        (R.COOPERATING, cast.urban.name),
    }


def test_a_department_matter_still_goes_to_the_department(cast, matters, called):
    event = services.event_dispatch(by=cast.town_a_clerk, event=called)
    assert event.primary_department == cast.urban
    assert not Department.objects.filter(division=cast.town_a).exists()
    with pytest.raises(Forbidden):
        services.event_accept(by=cast.town_a_clerk, event=event)


def test_an_overdue_team_is_told_through_its_township_clerks(cast, own_matter):
    from quanze.dispatch.loop.sweep import deadlines_sweep

    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=own_matter, text="门口摆摊")
    )
    assert deadlines_sweep(now=event.accept_due + timedelta(minutes=1)) == 1
    assert "town_a" in _told(Notice.Kind.EVENT_OVERDUE)
    assert "town_b" not in _told(Notice.Kind.EVENT_OVERDUE)


def test_the_clerk_sees_the_team_s_task_its_accept_deadline_and_the_guide_s_part(
    client, cast, own_matter
):
    from quanze.dispatch.loop.workbench import dispatch_section

    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=own_matter, text="门口摆摊")
    )
    # The workbench's nearest deadline of what waits to be accepted is the accept deadline.
    task = next(t for t in dispatch_section(cast.town_a_clerk).tasks if "待接收" in t.label)
    assert (task.count, task.due) == (1, event.accept_due)
    client.force_login(cast.town_a_clerk)
    page = client.get(f"/dispatch/{event.pk}/").content.decode()
    assert '<td class="task">业务指导</td>' in page  # the guiding department's part
    assert "接收 2 小时" in page  # whole hours, not 2.0
    tabs = client.get("/dispatch/?queue=accept").content.decode()
    assert "待确认派发(0)" in tabs and "本单位待接收(1)" in tabs


@pytest.fixture
def led(cast):
    """占道经营管理 led by the township; 生活垃圾收集清运 by 城管局."""
    return publish(
        cast,
        [
            item("占道经营管理", cast.urban, cast.land, "摆摊", township_primary=True),
            item("生活垃圾收集清运", cast.urban, cast.land, "垃圾"),
        ],
    )


def test_a_team_that_sends_back_a_misfiled_event_leaves_no_dispute_to_its_township(cast, led):
    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=led["占道经营管理"], text="垃圾")
    )
    assert event.routing["primary_unit"] == "锦水街道综合行政执法队"
    version = cast.county.responsibility_list.versions.get(published_at__isnull=False)
    event = disputes.event_send_back(
        by=cast.town_a_clerk,
        event=event,
        reason="应为垃圾清运",
        matter=led["生活垃圾收集清运"],
        version_id=version.pk,
    )
    assert "dispute" not in {a.name for a in actions.available(cast.town_a_clerk, event)}
    with pytest.raises(ValidationError, match="本乡镇队伍退回的事件不能提出争议"):
        disputes.event_dispute(by=cast.town_a_clerk, event=event, reason="不同意")
    # The township files it again under the right matter and it goes to 城管局.
    event = services.event_confirm_matter(
        by=cast.town_a_clerk, event=event, matter=led["生活垃圾收集清运"]
    )
    event = services.event_dispatch(by=cast.town_a_clerk, event=event)
    assert event.primary_department == cast.urban


def test_the_township_does_not_rate_its_own_team_the_office_does(cast, led):
    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=led["占道经营管理"], text="摆摊")
    )
    event = services.event_accept(by=cast.town_a_clerk, event=event)
    event = services.event_handle(by=cast.town_a_clerk, event=event, result="已劝离")
    names = {a.name for a in actions.available(cast.town_a_clerk, event)}
    assert "feedback" not in names
    with pytest.raises(Forbidden, match="乡镇\\(街道\\)不能评价自己的办理"):
        services.event_feedback(by=cast.town_a_clerk, event=event, rating=5, satisfied=True)
    assert "feedback" in {a.name for a in actions.available(cast.office, event)}
    event = services.event_feedback(by=cast.office, event=event, rating=4, satisfied=True)
    assert event.rating == 4


def test_a_refusal_names_the_part_the_unit_lacks(cast, led):
    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=led["占道经营管理"], text="摆摊")
    )
    with pytest.raises(Forbidden, match="只有该事件的主体责任单位"):
        services.event_accept(by=cast.dept_clerk, event=event)
    with pytest.raises(Forbidden, match="只有被召集或配合办理该事件的单位可以报到"):
        services.event_report(by=cast.other_dept_clerk, event=event)


def test_a_department_given_the_lead_over_the_township_gets_the_list_s_primary_duty(cast, led):
    """The fallback (or a ruling) takes the lead from the team: the department is given the
    list's primary duty, not the township's part."""
    from quanze.dispatch.loop.sweep import deadlines_sweep

    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=led["占道经营管理"], text="摆摊")
    )
    team_task = _lead(event).task
    deadlines_sweep(now=event.accept_due + timedelta(minutes=1))
    event.refresh_from_db()
    event = disputes.event_fallback(by=cast.office, event=event, reason="超期未接收")
    lead = event.assignments.select_related("department").get(active=True, role=R.FALLBACK)
    assert lead.department == cast.land
    assert lead.task != team_task and lead.task == "负责占道经营管理"


def test_a_team_committed_by_another_dispatch_meanwhile_is_used(cast, monkeypatch):
    """The uniqueness check after the read finds the name taken (another dispatch committed
    the team in between): the team found is returned, the dispatch is not refused."""
    from quanze.org import services as org

    existing = Department.objects.create(division=cast.town_a, name="锦水街道综合行政执法队")
    calls = []
    real = Department.objects.filter

    def first_read_misses(*args, **kwargs):
        qs = real(*args, **kwargs)
        if kwargs.get("division") == cast.town_a and not calls:
            calls.append(1)
            return qs.none()
        return qs

    monkeypatch.setattr(Department.objects, "filter", first_read_misses)
    assert org.township_team(cast.town_a) == existing


def test_a_new_list_version_that_gives_the_township_the_lead_reroutes_to_its_team(cast, led):
    from quanze.dispatch.routing.rerouting import event_reroute

    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=led["生活垃圾收集清运"], text="垃圾")
    )
    assert event.primary_department == cast.urban
    publish(
        cast,
        [item("生活垃圾收集清运", cast.urban, cast.land, "垃圾", township_primary=True)],
        on=timezone.localdate(),
    )
    version = cast.county.responsibility_list.versions.order_by("-number").first()
    event = event_reroute(by=cast.office, event=event, version=version, reason="清单调整")
    assert event.primary_department == Department.objects.get(division=cast.town_a)
    team = event.primary_department
    assert [r.actor for r in history_for(team)] == [cast.office]  # whose act created it
    assert set(event.assignments.filter(active=True).values_list("role", "department")) == {
        (R.PRIMARY, team.pk),
        (R.COOPERATING, cast.urban.pk),
    }
    services.event_accept(by=cast.town_a_clerk, event=event)


def test_the_office_may_rule_that_the_township_team_acts(cast, matters, called):
    from quanze.dispatch.disputes.forms import RuleForm

    event = services.event_dispatch(by=cast.town_a_clerk, event=called)
    event = sent_back(cast, event, matters["farmland"], "应为耕地")
    disputes.event_dispute(by=cast.town_a_clerk, event=event, reason="清单写明归城管")
    team = township_team_of(cast.town_a)
    assert team in RuleForm(event=event).fields["responsible"].queryset
    other = township_team_of(cast.town_b)
    assert other not in RuleForm(event=event).fields["responsible"].queryset
    event.refresh_from_db()
    disputes.dispute_rule(by=cast.office, event=event, responsible=team, ruling="由街道自办")
    event.refresh_from_db()
    assert event.primary_department == team
    services.event_accept(by=cast.town_a_clerk, event=event)


def township_team_of(township):
    from quanze.org.services import township_team

    return township_team(township)


def test_a_department_citing_the_township_s_matter_names_the_township_and_creates_nothing(
    cast, led
):
    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=led["生活垃圾收集清运"], text="摆摊")
    )
    event = sent_back(cast, event, led["占道经营管理"], "这是占道经营,街道自办")
    cited = event.log.get(action="send_back")
    assert cited.data["citation"]["primary"] == "锦水街道"
    assert "主体责任单位为「锦水街道」" in cited.reason
    assert not Department.objects.filter(division=cast.town_a).exists()  # a check, no write


def test_the_team_s_work_is_not_the_guide_s_and_the_township_is_not_asked_to_rate_it(cast, led):
    from quanze.dispatch.measures.selectors import rates_overview

    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=led["占道经营管理"], text="摆摊")
    )
    services.event_accept(by=cast.town_a_clerk, event=event)
    services.event_handle(by=cast.town_a_clerk, event=event, result="已劝离")
    assert _told(Notice.Kind.EVENT_HANDLED) == {"office"}
    now = timezone.now()
    window = {"start": now - timedelta(days=1), "end": now + timedelta(days=1)}
    assert rates_overview(cast.dept_clerk, **window)["dispatched"] == 0  # 城管局 only guides
    assert rates_overview(cast.town_a_clerk, **window)["dispatched"] == 1
