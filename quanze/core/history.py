"""Recording changes: the helpers every service calls after a write."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from quanze.core.models import ChangeRecord


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def model_state(obj: models.Model, fields: Iterable[str] | None = None) -> dict:
    """A JSON-safe dict of the object's concrete field values (FKs as their text)."""
    names = fields or [f.name for f in obj._meta.concrete_fields if f.name != "id"]
    state = {}
    for name in names:
        field = obj._meta.get_field(name)
        if field.is_relation:
            related_id = getattr(obj, field.attname)
            state[name] = str(getattr(obj, name)) if related_id is not None else None
        else:
            state[name] = _plain(getattr(obj, name))
    return state


def change_record(
    obj: models.Model,
    *,
    action: str,
    actor,
    before: Mapping | None = None,
    after: Mapping | None = None,
    reason: str = "",
    at: datetime | None = None,
) -> ChangeRecord:
    """Build (without saving) one record; `record_changes` saves many in one query."""
    return ChangeRecord(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        at=at or timezone.now(),
        before=dict(before or {}),
        after=dict(after or {}),
        reason=reason[:500],
    )


def record_change(obj: models.Model, **kwargs) -> ChangeRecord:
    record = change_record(obj, **kwargs)
    record.save()
    return record


def record_changes(records: Iterable[ChangeRecord]) -> None:
    ChangeRecord.objects.bulk_create(list(records), batch_size=2000)


def diff_states(before: Mapping, after: Mapping) -> tuple[dict, dict]:
    """Keep only the keys whose values differ, for compact records."""
    keys = set(before) | set(after)
    changed = {k for k in keys if before.get(k) != after.get(k)}
    return {k: before.get(k) for k in changed}, {k: after.get(k) for k in changed}


def history_for(obj: models.Model):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return ChangeRecord.objects.filter(content_type=content_type, object_id=obj.pk).select_related(
        "actor"
    )
