"""Writing the duties app's event log: one DutiesEvent row per state transition."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from quanze.duties.models import DutiesEvent


def log(obj, *, by, from_state: str, to_state: str, reason: str = "") -> DutiesEvent:
    return DutiesEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        from_state=from_state or "",
        to_state=to_state,
        actor=by if by is not None and by.is_authenticated else None,
        at=timezone.now(),
        reason=(reason or "")[:1000],
    )


def events_for(obj):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return DutiesEvent.objects.filter(content_type=content_type, object_id=obj.pk).select_related(
        "actor"
    )
