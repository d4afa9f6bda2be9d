"""The one event log of the duties app: every state transition of a version, round or
admission request writes one DutiesEvent row (`log`); pages read them (`events_for`)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class DutiesEvent(models.Model):
    """One transition (who, when, from, to, why) of a version, round or admission request."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.BigIntegerField()
    from_state = models.CharField("原状态", max_length=30, blank=True)
    to_state = models.CharField("新状态", max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("时间", db_index=True)
    reason = models.CharField("理由", max_length=1000, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "状态变更"
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.from_state or '—'} → {self.to_state}"


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
