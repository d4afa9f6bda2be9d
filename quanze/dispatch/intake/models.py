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


class PlaceName(models.Model):
    """A street, road, landmark or estate name a county keeps (地名库), with the township
    (and village or community) it lies in: a hotline text naming it lands there. The
    divisions themselves (townships, villages, communities with 12-digit codes) are the
    org app's Division tree; this adds the names people use that are not divisions."""

    class Kind(models.TextChoices):
        ROAD = "road", "道路街巷"
        LANDMARK = "landmark", "地标"
        ESTATE = "estate", "小区"
        OTHER = "other", "其他"

    county = models.ForeignKey(
        "org.Division", on_delete=models.PROTECT, related_name="+", verbose_name="县(市、区)"
    )
    name = models.CharField("地名", max_length=100)
    kind = models.CharField("类别", max_length=10, choices=Kind.choices, default=Kind.OTHER)
    township = models.ForeignKey(
        "org.Division", on_delete=models.PROTECT, related_name="+", verbose_name="乡镇(街道)"
    )
    village = models.ForeignKey(
        "org.Division",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="村(社区)",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="导入人"
    )
    created_at = models.DateTimeField("导入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "地名库"
        constraints = [
            models.UniqueConstraint(fields=["county", "name", "township"], name="place_name_unique")
        ]
        indexes = [models.Index(fields=["county", "name"])]

    def __str__(self) -> str:
        return f"{self.name}({self.township})"
