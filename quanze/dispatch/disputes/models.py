"""The dispute of a send-back and its ruling."""

from django.conf import settings
from django.db import models

from quanze.dispatch.events.models import Event
from quanze.org.models import Department


class Dispute(models.Model):
    """A township contests a send-back; the establishment office rules on it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="disputes")
    department = models.ForeignKey(
        Department, verbose_name="退回部门", on_delete=models.PROTECT, related_name="disputes"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    raised_at = models.DateTimeField("提出时间")
    reason = models.TextField("争议理由")
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    ruled_at = models.DateTimeField("裁定时间", null=True, blank=True)
    ruling = models.TextField("裁定意见", blank=True)
    responsible = models.ForeignKey(
        Department,
        verbose_name="裁定责任部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department_lost = models.BooleanField("退回部门败诉", null=True, blank=True)
    list_corrected = models.BooleanField("已修正清单", default=False)
    correction_version = models.ForeignKey(
        "duties.ResponsibilityVersion",
        verbose_name="裁定更正后的清单版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dispute_corrections",
    )

    class Meta:
        ordering = ["raised_at", "id"]
        verbose_name = "争议"

    def __str__(self) -> str:
        return f"{self.event}争议"
