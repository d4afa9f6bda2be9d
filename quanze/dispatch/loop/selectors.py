"""Reads of the loop: a unit's work queues, and an event's timeline and assignments."""

from django.db.models import Count, Exists, Min, OuterRef, Q
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


NOTHING = Q(pk__in=[])  # a queue this unit does not have


def _queue_condition(user, name: str, now, soon_hours: int) -> Q:
    """Which of the unit's events (`_queue_base`) are in queue `name`, as one condition, so
    that one query can count every queue."""
    if name == "all":
        return Q()
    if name in TO_ACCEPT and (is_department_clerk(user) or name == "accept"):
        # a department's "new" and the township team's "accept": its own assignment, not taken
        own = own_assignments(user)
        if own is None:
            return NOTHING
        mine = Assignment.objects.filter(own, event=OuterRef("pk"), active=True, accepted_at=None)
        return Q(Exists(mine), state__in=OPEN)
    if name == "new":
        return Q(state__in=[S.CALLED, S.SENT_BACK])
    if name == "due":
        soon = now + timezone.timedelta(hours=soon_hours)
        return Q(state__in=OPEN[:3], handle_due__gte=now, handle_due__lt=soon)
    if name == "overdue":
        return Q(state=S.ESCALATED)
    if name == "open":
        return Q(state__in=OPEN)
    if name == "feedback":
        return Q(state__in=[S.HANDLED, S.FEEDBACK])
    if name == "disputed":
        return Q(state=S.DISPUTED)
    return Q()


def _queue_base(user):
    """The events a unit's queues are drawn from: what it sees; for a department only those
    it holds an active assignment on (its work, not what it once sent back)."""
    if is_department_clerk(user):
        # An active assignment of its own is one of the routes `events_visible` lets a
        # department see: the narrower test alone, one semi-join instead of two.
        mine = Assignment.objects.filter(own_assignments(user), event=OuterRef("pk"), active=True)
        return Event.objects.filter(Exists(mine))
    return events_visible(user)


def queue(user, name: str, *, now=None, soon_hours: int = 24):
    """A unit's work queue: new (to accept), due soon, overdue, and so on."""
    condition = _queue_condition(user, name, now or timezone.now(), soon_hours)
    if condition == NOTHING:
        return Event.objects.none()
    events = _queue_base(user).select_related("township", "matter", "primary_department")
    return events.filter(condition)


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


def queue_counts(user, *, now=None) -> dict[str, int]:
    """How many events each queue holds, counted in one pass over the unit's events (a
    county's year is tens of thousands of rows: one read, not one per queue)."""
    return queue_summary(user, [n for n in queues_for(user) if n != "all"], now=now, due=False)


def queue_summary(user, names, *, now=None, due: bool = True) -> dict[str, dict]:
    """Per queue name: how many events wait (`count`) and the nearest deadline among them
    (`due`: the accept deadline of events still to accept, else the handle deadline); one
    query for all the queues whatever the number of events. `due=False`: the counts only."""
    now = now or timezone.now()
    conditions = {name: _queue_condition(user, name, now, 24) for name in names}
    figures = {}
    for name, condition in conditions.items():
        if condition == NOTHING:
            continue
        condition = condition or None  # "all": no filter
        figures[f"{name}__count"] = Count("state", filter=condition)  # in the index
        if due:
            figures[f"{name}__accept"] = Min("accept_due", filter=condition)
            figures[f"{name}__handle"] = Min("handle_due", filter=condition)
    row = _queue_base(user).aggregate(**figures) if figures else {}
    if not due:
        return {name: row.get(f"{name}__count", 0) for name in names}
    summary = {}
    for name in names:
        accept, handle = row.get(f"{name}__accept"), row.get(f"{name}__handle")
        summary[name] = {
            "count": row.get(f"{name}__count", 0),
            "due": accept if name in TO_ACCEPT and accept else handle,
        }
    return summary
