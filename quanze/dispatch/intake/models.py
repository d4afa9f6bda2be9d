"""Files sent with an event when it is raised (photos, documents)."""

from django.conf import settings
from django.db import models

from quanze.dispatch.events.models import Event


def attachment_path(instance, filename: str) -> str:
    """Where an event's file is stored under MEDIA_ROOT (migration 0001 names this function)."""
    return f"dispatch/{instance.event_id}/{filename}"


class Attachment(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("附件", upload_to=attachment_path, max_length=300)
    name = models.CharField("文件名", max_length=200)
    size = models.PositiveIntegerField("大小")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = "附件"

    def __str__(self) -> str:
        return self.name
