"""Reads of the loop: a unit's work queues, and an event's timeline and assignments."""

from django.db.models import Count, Exists, Min, OuterRef
from django.utils import timezone

from quanze.dispatch.events.models import Assignment, Event
from quanze.dispatch.events.selectors import events_visible
from quanze.dispatch.events.states import OPEN
from quanze.org.roles import is_department_clerk

S = Event.State


def event_timeline(event):
    return event.log.select_related("actor").order_by("at", "id")


def event_assignments(event):
    return event.assignments.select_related("department").order_by("assigned_at", "id")


QUEUES = {
    "new": "待接收",
    "due": "即将到期",
    "overdue": "已超期",
    "open": "办理中",
    "feedback": "待评价",
    "disputed": "争议",
    "all": "全部",
}


def queue(user, name: str, *, now=None, soon_hours: int = 24):
    """A unit's work queue: new (to accept), due soon, overdue, and so on."""
    now = now or timezone.now()
    events = events_visible(user).select_related("township", "matter", "primary_department")
    if is_department_clerk(user):
        mine = Assignment.objects.filter(
            event=OuterRef("pk"), department_id=user.department_id, active=True
        )
        unaccepted = mine.filter(accepted_at=None)
        if name == "new":
            return events.filter(Exists(unaccepted), state__in=OPEN)
        events = events.filter(Exists(mine))
    if name == "new":
        return events.filter(state__in=[S.CALLED, S.SENT_BACK])
    if name == "due":
        soon = now + timezone.timedelta(hours=soon_hours)
        return events.filter(state__in=OPEN[:3], handle_due__gte=now, handle_due__lt=soon)
    if name == "overdue":
        return events.filter(state=S.ESCALATED)
    if name == "open":
        return events.filter(state__in=OPEN)
    if name == "feedback":
        return events.filter(state__in=[S.HANDLED, S.FEEDBACK])
    if name == "disputed":
        return events.filter(state=S.DISPUTED)
    return events


def queue_counts(user) -> dict[str, int]:
    return {name: queue(user, name).count() for name in QUEUES if name != "all"}


def queue_summary(user, names, *, now=None) -> dict[str, dict]:
    """Per queue name: how many events wait (`count`) and the nearest deadline among them
    (`due`: the accept deadline of events still to accept, else the handle deadline); one
    query per queue whatever the number of events."""
    now = now or timezone.now()
    summary = {}
    for name in names:
        row = queue(user, name, now=now).aggregate(
            count=Count("pk"), accept=Min("accept_due"), handle=Min("handle_due")
        )
        due = row["accept"] if name == "new" and row["accept"] else row["handle"]
        summary[name] = {"count": row["count"], "due": due}
    return summary
