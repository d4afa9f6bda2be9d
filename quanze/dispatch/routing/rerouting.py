"""Re-routing open events when the territorial list changes a matter's primary unit (an
adjustment project, 动态调整): from the new version's effective date, the events still open
go to the unit it names. Events already handled or closed keep the unit that had them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import refuses_control_chars
from quanze.dispatch.events.machine import transition
from quanze.dispatch.events.models import Event
from quanze.dispatch.events.permissions import county_office, require
from quanze.dispatch.events.states import OPEN
from quanze.dispatch.routing.selectors import route_from
from quanze.dispatch.routing.services import assign_route, lead_unit


def open_events(*, county, matter):
    """The county's events of `matter` still open (dispatched, accepted, in progress, overdue)."""
    return Event.objects.filter(county=county, matter=matter, state__in=OPEN).order_by("pk")


@transaction.atomic
@refuses_control_chars(reason="理由")
def event_reroute(*, by, event, version, reason: str) -> Event:
    """Send one open event to the units `version` (a published territorial list version)
    names for its matter and township, with new deadlines; the units are told."""
    from quanze.duties.territorial.routing import responsibility_in

    require(by is None or county_office(by, event.county_id), "只有本县编办可以按新清单改派事件")
    responsibility = responsibility_in(
        version=version, matter=event.matter, township=event.township
    )
    if responsibility is None:
        raise ValidationError({"matter": f"事项:{version}中没有「{event.matter}」,不能改派"})
    route = route_from(responsibility, township=event.township, on=version.effective_date)
    route.why["rule"] = (
        f"清单调整,自{version.effective_date:%Y年%m月%d日}起按第{version.number}版:"
        f"{route.why['rule']}"
    )
    now = timezone.now()
    lead = lead_unit(route, event.township, by=by)
    route.why["primary_unit"] = str(lead)
    event = transition(
        event=event,
        by=by,
        action="reroute",
        to=Event.State.DISPATCHED,
        reason=reason,
        fields={
            "primary_department": lead,
            "fallback_department": route.fallback,
            "routing": route.why,
            "dispatched_at": now,
        },
        data={"primary": str(lead), "version_id": version.pk},
        at=now,
    )
    event.accept_due, event.handle_due = assign_route(event, route, now, primary=lead)
    Event.objects.filter(pk=event.pk).update(
        accept_due=event.accept_due, handle_due=event.handle_due
    )
    return event
