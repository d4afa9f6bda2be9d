"""The deadline sweep: every open event past its time limit becomes escalated, in three
set-based statements (log rows, assignments, events), never a loop over rows; then the
units that let a deadline pass and the county office are told (one INSERT of notices).

A time limit is the event's own (接收 / 办结, set when it was dispatched by the list) or a
summoned department's (吹哨报到): a department that has not reported by its 报到时限, or,
on an event raised by a whistle alone, has not handled its part by its 办结时限."""

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from quanze.dispatch.events.models import Assignment, Event, EventLog
from quanze.dispatch.routing import notices

S, R = Event.State, Assignment.Role
REASON = "超过时限未接收或未办结,自动升级"
ESCALABLE = [S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS]


def late_leads(now) -> Q:
    """Events past their own deadline."""
    return Q(state=S.DISPATCHED, accept_due__lt=now) | Q(
        state__in=[S.ACCEPTED, S.IN_PROGRESS], handle_due__lt=now
    )


def late_summons(now) -> Q:
    """Summoned departments (assignments) past their 报到 or, leading, their 办结 time limit."""
    return Q(active=True, role=R.SUMMONED, event__state__in=ESCALABLE) & (
        Q(accepted_at__isnull=True, accept_due__lt=now)
        | Q(handled_at__isnull=True, handle_due__lt=now, event__primary_department__isnull=True)
    )


def overdue(now) -> Q:
    summoned = Assignment.objects.filter(late_summons(now)).values("event_id")
    return late_leads(now) | Q(state__in=ESCALABLE, pk__in=summoned)


@transaction.atomic
def deadlines_sweep(*, now=None) -> int:
    """Escalate what is overdue at `now`; returns how many events were escalated."""
    now = now or timezone.now()
    events = Event.objects.filter(overdue(now))
    if connection.features.has_select_for_update:
        # Hold the rows so nobody moves them between the statements below.
        locked = len(events.select_for_update().values_list("pk", flat=True))
        if not locked:
            return 0
    late = _late_units(now)
    sql, params = events.order_by().values("pk", "state").query.sql_with_params()
    log = EventLog._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {log} (event_id, at, unit, action, from_state, to_state, reason, data) "
            f"SELECT sub.pk, %s, %s, %s, sub.state, %s, %s, %s FROM ({sql}) sub",
            [
                connection.ops.adapt_datetimefield_value(now),
                "系统",
                "escalate",
                S.ESCALATED,
                REASON,
                "{}",
                *params,
            ],
        )
        logged = cursor.rowcount
    Assignment.objects.filter(pk__in=[pk for pk, _, _, _ in late]).update(escalated=True)
    escalated = events.update(state=S.ESCALATED, row_version=F("row_version") + 1)
    assert escalated == logged, (escalated, logged)
    shown = Event.objects.select_related("township").in_bulk(
        {event_id for _, event_id, _, _ in late}
    )
    notices.events_overdue(
        [(shown[event_id], department_id, what) for _, event_id, department_id, what in late]
    )
    return escalated


def _late_units(now) -> list[tuple]:
    """(assignment, event, department, what was late) for each unit that let a limit pass."""
    leads = Assignment.objects.filter(
        active=True,
        role__in=[R.PRIMARY, R.FALLBACK],
        event__in=Event.objects.filter(late_leads(now)).values("pk"),
    ).values_list("pk", "event_id", "department_id", "accepted_at")
    summoned = Assignment.objects.filter(late_summons(now)).values_list(
        "pk", "event_id", "department_id", "accepted_at"
    )
    rows = [(pk, e, d, "接收" if acc is None else "办结") for pk, e, d, acc in leads]
    rows += [(pk, e, d, "报到" if acc is None else "办结") for pk, e, d, acc in summoned]
    return rows
