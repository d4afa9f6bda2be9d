"""Measures per department: the three rates, nearest-rank percentiles, send-backs, disputes."""

from datetime import timedelta

from django.utils import timezone

from quanze.dispatch.aggregates.services import kept
from quanze.dispatch.disputes import services as disputes
from quanze.dispatch.disputes.tests.builders import sent_back
from quanze.dispatch.events.models import Assignment
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import services
from quanze.dispatch.measures.selectors import unit_measures, unit_measures_raw


def _period():
    now = timezone.now()
    return {"start": now - timedelta(days=1), "end": now + timedelta(days=1)}


def test_it_computes_the_rates_and_times_from_recorded_facts(cast, matters):
    seconds = [60, 120, 180, 240, 300, 360, 420, 480, 540, 600]
    for i, accept in enumerate(seconds):
        event = services.event_dispatch(
            by=cast.town_a_clerk, event=raise_event(cast, matter=matters["garbage"])
        )
        services.event_accept(by=cast.dept_clerk, event=event)
        assignment = event.assignments.get(role=Assignment.Role.PRIMARY)
        # Put the recorded durations where the test wants them (the aggregates follow).
        with kept(event):
            Assignment.objects.filter(pk=assignment.pk).update(
                accept_seconds=accept, accepted_in_time=i < 8
            )
        if i < 6:
            services.event_handle(by=cast.dept_clerk, event=event, result="已处理")
            with kept(event):
                Assignment.objects.filter(pk=assignment.pk).update(handle_seconds=3600 * (i + 1))
            services.event_feedback(
                by=cast.town_a_clerk, event=event, rating=5 if i < 4 else 1, satisfied=i < 4
            )
    [urban] = [m for m in unit_measures(departments=[cast.urban.pk, cast.land.pk], **_period())]
    assert urban.dispatched == 10
    assert urban.response_rate == 80.0
    # handled 6; the 2 rated unsatisfied were reopened (handled_at cleared): 4 resolved
    assert urban.resolution_rate == 40.0
    assert urban.satisfaction_rate == round(100 * 4 / 6, 1)
    # 36-second bins: 300 s is shown as 0.08 h (its bin's centre, 288 s), 540 s as 0.15 h
    assert urban.times[("accept", 50)] == 288 and urban.times[("accept", 90)] == 540
    assert urban.hours("accept", 50) == 0.08 and urban.hours("accept", 90) == 0.15
    assert urban.times[("handle", 50)] == 3600 * 2  # four handled remain: 1h..4h
    assert urban.hours("handle", 90) == 4.0
    [raw] = unit_measures_raw(departments=[cast.urban.pk, cast.land.pk], **_period())
    assert raw.times[("accept", 50)] == 300
    assert [raw.hours(k, p) for k in ("accept", "handle") for p in (50, 90)] == [
        urban.hours(k, p) for k in ("accept", "handle") for p in (50, 90)
    ]


def test_it_counts_send_backs_disputes_lost_and_fallback(cast, matters):
    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=matters["garbage"])
    )
    sent_back(cast, event, matters["farmland"], "不归我们")
    disputes.event_dispute(by=cast.town_a_clerk, event=event, reason="清单写明归城管")
    disputes.dispute_rule(by=cast.office, event=event, responsible=None, ruling="由兜底部门办理")
    rows = {
        m.department_id: m
        for m in unit_measures(departments=[cast.urban.pk, cast.land.pk], **_period())
    }
    urban, land = rows[cast.urban.pk], rows[cast.land.pk]
    assert urban.dispatched == 1 and urban.sent_back == 1 and urban.send_back_rate == 100.0
    assert urban.disputes_lost == 0  # the ruling sent it to the fallback, not back to 城管局
    assert land.fallback_acted == 1


def test_units_of_one_name_come_in_id_order_whatever_order_they_were_met():
    """A nation holds 1,550 城市管理局: the kept and the raw readings meet them in different
    orders, and must give them in one."""
    from quanze.dispatch.measures.selectors import UnitMeasures, by_name

    rows = [UnitMeasures(9, "城市管理局"), UnitMeasures(3, "城市管理局"), UnitMeasures(5, "交通局")]
    for met in (rows, rows[::-1]):
        assert [r.department_id for r in by_name(met)] == [5, 3, 9]
