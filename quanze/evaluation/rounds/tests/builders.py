"""Facts an evaluation round measures, made for the tests on top of the enforcement world
(`enforcement/tests/world.py`): a territorial list whose matters are tied to the world's
items, events dispatched on them with satisfaction, and rounds in each state."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from quanze.dispatch.events.models import Assignment, Event
from quanze.dispatch.tests.lists import item, publish
from quanze.evaluation.rounds import services

YEAR = (date(2025, 1, 1), date(2025, 12, 31))


def matters(w, *, primary=None):
    """Two matters: 违法建设 tied to urban_power, 占道经营 tied to urban_private, whose
    primary unit is `primary` (default the land department: not the items' urban
    department, so moving a matter to urban is a change an adjustment can make)."""
    cast = w.cast
    primary = primary or cast.land
    fallback = cast.urban if primary != cast.urban else cast.land
    found = publish(
        cast,
        [
            item("违法建设治理", primary, fallback, "违建", powers=[w.urban_power]),
            item("占道经营管理", primary, fallback, "摆摊", powers=[w.urban_private]),
        ],
    )
    w.building = found["违法建设治理"]
    w.stalls = found["占道经营管理"]
    return w


def events(w, matter, township, *, satisfied: int, unsatisfied: int, on=date(2025, 5, 1)):
    """Events on `matter` in `township`, each dispatched to the urban department and
    handled in 10 hours, `satisfied` rated satisfied and `unsatisfied` not."""
    at = timezone.make_aware(datetime.combine(on, datetime.min.time()))
    for n in range(satisfied + unsatisfied):
        good = n < satisfied
        event = Event.objects.create(
            source=Event.Source.TOWNSHIP,
            description=f"{matter.name}{n}",
            county=w.cast.county,
            township=township,
            occurred_at=at,
            matter=matter,
            state="closed",
            satisfied=good,
            rating=5 if good else 1,
        )
        Assignment.objects.create(
            event=event,
            department=w.cast.urban,
            role=Assignment.Role.PRIMARY,
            assigned_at=at,
            accept_due=at + timedelta(hours=2),
            handle_due=at + timedelta(days=5),
            accepted_at=at + timedelta(hours=1),
            handled_at=at + timedelta(hours=10),
            accept_seconds=3600,
            handle_seconds=36000,
            accepted_in_time=True,
        )


def round_(w, *, status="draft", **more):
    """A round of the world's county over 2025, advanced to `status`."""
    cast = w.cast
    found = services.round_create(
        by=cast.office, title="2025年度赋权事项质效评估", start=YEAR[0], end=YEAR[1], **more
    )
    if status in ("collecting", "computed", "closed"):
        found = services.round_open(by=cast.office, round_=found)
    if status in ("computed", "closed"):
        found = services.round_compute(by=cast.office, round_=found)
    if status == "closed":
        for proposal in found.proposals.all():
            services.proposal_decide(by=cast.office, proposal=proposal, accept=True, reason="同意")
        found = services.round_close(by=cast.office, round_=found)
    return found
