"""Putting a route into effect: the event's active assignments are replaced by the route's
(the lead unit, and the cooperating ones) and their users are told.

Where the township leads (its own matter on the list, or 权随事转 by a delegation in
force), the lead assignment goes to the township's own team (`org.services.township_team`)
and the department the list names guides it as a cooperating unit."""

from quanze.dispatch.aggregates.services import kept
from quanze.dispatch.events.models import Assignment
from quanze.dispatch.events.permissions import is_township_team
from quanze.dispatch.routing import notices
from quanze.dispatch.routing.selectors import Route
from quanze.org.services import township_team

R = Assignment.Role
GUIDANCE = "业务指导"


def lead_unit(route: Route, township, *, by=None):
    """The unit that carries the event: the township's team where the township leads
    (created, on record as `by`'s act, the first time), else the department the list names."""
    if route.township_primary:
        return township_team(township, by=by)
    return route.primary


def is_lead(route: Route, township, department) -> bool:
    """Whether `department` is the unit the route puts in the lead, without creating the
    township's team (a check, not a dispatch)."""
    if route.township_primary:
        return department.division_id == township.pk  # its team, whatever its name
    return route.primary == department


def assign_route(event, route: Route, now, *, primary_role=R.PRIMARY, primary=None):
    """Replace the active assignments by the route's: the lead (or fallback) and the
    cooperating units. `primary` gives the lead to another unit than the route's (a ruling,
    the fallback); returns the accept and handle deadlines."""
    accept_due, handle_due = route.dues(now)
    lead = primary or lead_unit(route, event.township)
    event.assignments.filter(active=True).update(active=False)
    rows = [
        Assignment(
            event=event,
            department=lead,
            role=primary_role,
            task=_lead_task(route, lead, event),
            assigned_at=now,
            accept_due=accept_due,
            handle_due=handle_due,
        )
    ]
    tasks = dict(route.cooperating)  # unit name -> its part, as the list words it
    cooperating = list(route.cooperating_departments)
    if route.township_primary and route.primary is not None:
        cooperating.insert(0, route.primary)  # the department the list names guides
        tasks[str(route.primary)] = GUIDANCE
    seen = {lead}
    for department in cooperating:
        if department in seen:
            continue
        seen.add(department)
        rows.append(
            Assignment(
                event=event,
                department=department,
                role=R.COOPERATING,
                task=tasks.get(str(department), ""),
                assigned_at=now,
                accept_due=accept_due,
                handle_due=handle_due,
            )
        )
    with kept(event):  # the new lead assignment counts in the measures
        Assignment.objects.bulk_create(rows)
    notices.event_assigned(event, rows)
    return accept_due, handle_due


def _lead_task(route: Route, lead, event) -> str:
    """The township's part where its own team leads; the list's primary duty for a
    department, also one given the lead over the township (the fallback, a ruling)."""
    if route.township_primary and is_township_team(lead, event):
        # the dispatcher's own words for the township's part come first
        return route.why.get("township_task") or route.township_task or route.primary_task
    return route.primary_task
