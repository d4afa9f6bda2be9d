"""The deadline sweep: every open event past its time limit becomes escalated, in three
set-based statements (log rows, assignments, events), never a loop over rows."""

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from quanze.dispatch.events.models import Assignment, Event, EventLog

S = Event.State
REASON = "超过时限未接收或未办结,自动升级"


def overdue(now) -> Q:
    return Q(state=S.DISPATCHED, accept_due__lt=now) | Q(
        state__in=[S.ACCEPTED, S.IN_PROGRESS], handle_due__lt=now
    )


@transaction.atomic
def deadlines_sweep(*, now=None) -> int:
    """Escalate what is overdue at `now`; returns how many events were escalated."""
    now = now or timezone.now()
    events = Event.objects.filter(overdue(now))
    if connection.features.has_select_for_update:
        # Hold the rows so nobody moves them between the three statements below.
        locked = len(events.select_for_update().values_list("pk", flat=True))
        if not locked:
            return 0
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
    Assignment.objects.filter(
        active=True, role__in=[Assignment.Role.PRIMARY, Assignment.Role.FALLBACK], event__in=events
    ).update(escalated=True)
    escalated = events.update(state=S.ESCALATED, row_version=F("row_version") + 1)
    assert escalated == logged, (escalated, logged)
    return escalated
