"""Reads every process shares: which events a user sees or may act on, the one access choke
point of an event, and the matters a county's events can be filed under."""

from django.db.models import Exists, OuterRef, Q

from quanze.core.errors import NotFound
from quanze.dispatch.events.models import Assignment, Event
from quanze.duties.territorial.routing import matters_for_county
from quanze.org.roles import (
    is_county_wide,
    is_department_clerk,
    is_office,
    is_township_clerk,
)


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
    """The event if the user may see it (or act on it, `for_write`); NotFound otherwise."""
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


def county_matters(county):
    """The matters a county's events can be filed under (`county` or its id)."""
    return matters_for_county(county=county).order_by("name")
