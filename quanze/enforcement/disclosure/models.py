"""Published penalty decisions (行政处罚决定公示), with personal data masked."""

from django.conf import settings
from django.db import models

from quanze.enforcement.cases.models import Case
from quanze.org.models import Division


class PenaltyNotice(models.Model):
    """The public notice of one penalty decision: written masked when the case is decided,
    shown to the public once published."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="notice")
    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("标题", max_length=200)
    body = models.JSONField("公示内容(已脱敏)", default=dict)
    decided_on = models.DateField("决定日期")
    publish_due = models.DateField("公示期限")
    published_at = models.DateTimeField("公示时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="公示人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("生成时间", auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = "行政处罚决定公示"
        indexes = [models.Index(fields=["county", "published_at"], name="notice_county_published")]

    def __str__(self) -> str:
        return self.title
