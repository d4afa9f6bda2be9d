"""Reading the delegation app's event log."""

from django.contrib.contenttypes.models import ContentType

from quanze.delegation.eventlog.models import Event


def events_for(obj):
    """Every transition of `obj`, oldest first, with its actor."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return Event.objects.filter(content_type=content_type, object_id=obj.pk).select_related(
        "actor", "content_type"
    )
