"""Writing the app's event log: one row per state transition (shared by every service)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from quanze.delegation.models import Event


def event_record(obj, *, project, from_state: str, to_state: str, by, reason: str = "", at=None):
    return Event.objects.create(
        project=project,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        from_state=from_state or "",
        to_state=to_state,
        actor=by if by is not None and by.is_authenticated else None,
        at=at or timezone.now(),
        reason=(reason or "")[:1000],
    )


def transition(obj, *, project, to: str, allowed_from, by, reason: str = "", label=None, extra=()):
    """Move `obj.status` to `to` when it is in `allowed_from`; save the status only (and
    `extra` fields), write one event. Refuses with a Chinese message otherwise."""
    current = obj.status
    if current not in allowed_from:
        labels = dict(type(obj).Status.choices)
        what = label or obj._meta.verbose_name
        raise ValidationError(
            f"{what}当前状态为“{labels.get(current, current)}”,不能变为“{labels.get(to, to)}”"
        )
    obj.status = to
    fields = ["status", *extra]
    if hasattr(obj, "row_version"):
        obj.row_version += 1
        fields.append("row_version")
    obj.save(update_fields=fields)
    return event_record(obj, project=project, from_state=current, to_state=to, by=by, reason=reason)


def events_for(obj):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return Event.objects.filter(content_type=content_type, object_id=obj.pk).select_related("actor")
