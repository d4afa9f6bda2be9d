"""Builders of the dispatch tests: an event raised through the intake's service."""

from datetime import timedelta

from django.utils import timezone

from quanze.dispatch.events.models import Event
from quanze.dispatch.intake import services


def raise_event(
    cast, *, by=None, township=None, matter=None, text="小区门口垃圾桶满溢三天没人清运"
):
    return services.event_create(
        by=by or cast.town_a_clerk,
        source=Event.Source.TOWNSHIP,
        description=text,
        occurred_at=timezone.now() - timedelta(hours=1),
        township=township or cast.town_a,
        matter=matter,
        address="锦水街道东关街12号",
    )
