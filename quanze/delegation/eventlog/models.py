"""The one event log of the delegation app: every state transition writes a row."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Event(models.Model):
    """One transition of one object (round, batch, review, decision, claim …).

    `project` is set whenever the object belongs to a project, so the item
    timeline and the project's history read one indexed range.
    """

    project = models.ForeignKey(
        "delegation.DelegationProject",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
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
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"]),
            models.Index(fields=["project", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.from_label} → {self.to_label}"

    @property
    def from_label(self) -> str:
        """The state before, in Chinese (新建 when the object was created)."""
        return self._label(self.from_state) if self.from_state else "新建"

    @property
    def to_label(self) -> str:
        return self._label(self.to_state)

    def _label(self, value: str) -> str:
        """A state code as its model's choices name it (已录入 for `recorded`); a value no
        choice names (a deadline's date) is shown as it is."""
        model = self.content_type.model_class()
        for field in model._meta.concrete_fields if model else ():
            if field.choices:
                label = dict(field.flatchoices).get(value)
                if label is not None:
                    return str(label)
        return value
