"""Reads of the loop: a unit's work queues, and an event's timeline and assignments."""

from django.db.models import Count, Exists, Min, OuterRef
from django.utils import timezone

from quanze.dispatch.events.models import Assignment, Event
from quanze.dispatch.events.permissions import own_assignments
from quanze.dispatch.events.selectors import events_visible
from quanze.dispatch.events.states import OPEN
from quanze.org.roles import is_department_clerk, is_township_clerk

S = Event.State


def event_timeline(event):
    return event.log.select_related("actor").order_by("at", "id")


def event_assignments(event):
    return event.assignments.select_related("department").order_by("assigned_at", "id")


QUEUES = {
    "new": "待接收",
    "accept": "本单位待接收",
    "due": "即将到期",
    "overdue": "已超期",
    "open": "办理中",
    "feedback": "待评价",
    "disputed": "争议",
    "all": "全部",
}


TO_ACCEPT = ("new", "accept")  # a department's "new" and the township team's "accept"


def queue(user, name: str, *, now=None, soon_hours: int = 24):
    """A unit's work queue: new (to accept), due soon, overdue, and so on."""
    now = now or timezone.now()
    events = events_visible(user).select_related("township", "matter", "primary_department")
    own = own_assignments(user)
    if is_department_clerk(user):
        mine = Assignment.objects.filter(own, event=OuterRef("pk"), active=True)
        if name in TO_ACCEPT:
            return events.filter(Exists(mine.filter(accepted_at=None)), state__in=OPEN)
        events = events.filter(Exists(mine))
    if name == "accept":  # the township's team: events it leads or helps on, not yet taken
        if own is None:
            return events.none()
        mine = Assignment.objects.filter(own, event=OuterRef("pk"), active=True, accepted_at=None)
        return events.filter(Exists(mine), state__in=OPEN)
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


def queues_for(user) -> dict[str, str]:
    """The queues a unit works from: "accept" is the township team's own (a department's
    "new" queue already is what it must accept). For the township and the office "new" is
    what waits for its matter and dispatch, named so beside the team's 本单位待接收."""
    if is_department_clerk(user):
        return {k: v for k, v in QUEUES.items() if k != "accept"}
    named = QUEUES | {"new": "待确认派发"}
    if is_township_clerk(user):
        return named
    return {k: v for k, v in named.items() if k != "accept"}


def queue_counts(user) -> dict[str, int]:
    return {name: queue(user, name).count() for name in queues_for(user) if name != "all"}


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
        due = row["accept"] if name in TO_ACCEPT and row["accept"] else row["handle"]
        summary[name] = {"count": row["count"], "due": due}
    return summary
