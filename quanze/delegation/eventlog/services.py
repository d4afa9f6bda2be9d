"""Writing the delegation app's event log: one `Event` row per state transition."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from quanze.delegation.eventlog.models import Event


def event(
    obj, *, by, from_state: str, to_state: str, reason: str = "", project=None, at=None
) -> Event:
    """Build (without saving) the event row of one transition of `obj`."""
    return Event(
        project=project,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        from_state=from_state or "",
        to_state=to_state,
        actor=by if by is not None and by.is_authenticated else None,
        at=at or timezone.now(),
        reason=(reason or "")[:1000],
    )


def log(obj, **kwargs) -> Event:
    row = event(obj, **kwargs)
    row.save()
    return row


def log_many(rows: Iterable[Event]) -> None:
    Event.objects.bulk_create(list(rows), batch_size=2000)
