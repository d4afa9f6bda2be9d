"""The executive meeting's decision on a reviewed batch."""

from django.conf import settings
from django.db import models

from quanze.delegation.review.models import Batch, BatchItem, Mode
from quanze.org.models import Division


class Decision(models.Model):
    """The executive meeting's decision on a batch (常务会审议)."""

    class Status(models.TextChoices):
        RECORDED = "recorded", "已录入"
        PUBLISHED = "published", "已发布"

    batch = models.OneToOneField(Batch, on_delete=models.PROTECT, related_name="decision")
    meeting_date = models.DateField("常务会日期")
    document_number = models.CharField("文号", max_length=100)
    items = models.ManyToManyField(BatchItem, verbose_name="决定事项", related_name="decisions")
    townships = models.ManyToManyField(
        Division, verbose_name="承接乡镇(街道)", related_name="delegation_decisions"
    )
    mode = models.CharField("赋权方式", max_length=12, choices=Mode.choices)
    effective_date = models.DateField("生效日期")
    fine_return_share = models.DecimalField("罚没款返还比例(%)", max_digits=5, decimal_places=2)
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.RECORDED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "常务会决定"

    def __str__(self) -> str:
        return self.document_number
