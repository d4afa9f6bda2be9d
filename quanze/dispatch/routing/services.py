"""Putting a route into effect: the event's active assignments are replaced by the route's
(the primary or fallback unit, and the cooperating ones) and their users are told."""

from quanze.dispatch.aggregates.services import kept
from quanze.dispatch.events.models import Assignment
from quanze.dispatch.routing import notices
from quanze.dispatch.routing.selectors import Route

R = Assignment.Role


def assign_route(event, route: Route, now, *, primary_role=R.PRIMARY, primary=None):
    """Replace the active assignments by the route's: primary (or fallback) and cooperating.
    `primary` gives the lead to another unit than the route's (a ruling, the fallback);
    returns the accept and handle deadlines."""
    accept_due, handle_due = route.dues(now)
    event.assignments.filter(active=True).update(active=False)
    rows = [
        Assignment(
            event=event,
            department=primary or route.primary,
            role=primary_role,
            task=route.primary_task,
            assigned_at=now,
            accept_due=accept_due,
            handle_due=handle_due,
        )
    ]
    rows += [
        Assignment(
            event=event,
            department=department,
            role=R.COOPERATING,
            assigned_at=now,
            accept_due=accept_due,
            handle_due=handle_due,
        )
        for department in route.cooperating_departments
        if department != (primary or route.primary)
    ]
    with kept(event):  # the new lead assignment counts in the measures
        Assignment.objects.bulk_create(rows)
    notices.event_assigned(event, rows)
    return accept_due, handle_due
