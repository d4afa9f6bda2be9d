"""Reads of the dispatch loop: which events a user sees, the one access choke point, work
queues per unit, and an event's page (timeline, routing, assignments)."""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from quanze.core.errors import NotFound
from quanze.dispatch.models import Assignment, Event
from quanze.org.roles import (
    is_county_wide,
    is_department_clerk,
    is_office,
    is_township_clerk,
)

S = Event.State
OPEN = [S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS, S.ESCALATED]


def events_visible(user):
    """A unit sees the events routed to it or raised by it; the county office and
    justice bureau see their county's; nobody sees another county's."""
    events = Event.objects.all()
    if not user.is_authenticated:
        return events.none()
    if is_county_wide(user):
        return events.filter(county_id=user.county_id)
    if is_department_clerk(user):
        routed = Assignment.objects.filter(event=OuterRef("pk"), department_id=user.department_id)
        return events.filter(Q(Exists(routed)) | Q(raised_by=user))
    if is_township_clerk(user):
        return events.filter(Q(township_id=user.township_id) | Q(raised_by=user))
    return events.none()


def events_writable(user):
    """Events the user's unit may act on at all (what it may do depends on the state)."""
    if is_office(user):
        return Event.objects.filter(county_id=user.county_id)
    if is_department_clerk(user):
        active = Assignment.objects.filter(
            event=OuterRef("pk"), department_id=user.department_id, active=True
        )
        return Event.objects.filter(Exists(active))
    if is_township_clerk(user):
        return Event.objects.filter(township_id=user.township_id)
    return Event.objects.none()


def access_event(user, event_id, *, for_write: bool = False) -> Event:
    events = events_writable(user) if for_write else events_visible(user)
    event = (
        events.select_related(
            "township",
            "village",
            "county",
            "matter",
            "primary_department",
            "fallback_department",
            "raised_by",
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        raise NotFound("事件")
    return event


def event_timeline(event):
    return event.log.select_related("actor").order_by("at", "id")


def event_assignments(event):
    return event.assignments.select_related("department").order_by("assigned_at", "id")


def event_disputes(event) -> list:
    """The event's disputes; a ruling that corrected the list carries `correction_base`, the
    version it corrected, so the page can link the two versions' diff."""
    from quanze.duties.models import ResponsibilityVersion

    disputes = list(
        event.disputes.select_related("department", "responsible", "correction_version")
    )
    for dispute in disputes:
        version = dispute.correction_version
        dispute.correction_base = (
            ResponsibilityVersion.objects.filter(
                responsibility_list_id=version.responsibility_list_id,
                number__lt=version.number,
                published_at__isnull=False,
            )
            .order_by("-number")
            .first()
            if version
            else None
        )
    return disputes


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
