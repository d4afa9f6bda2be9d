"""Recorded exercise of a power other than a case (行权记录): an inspection, a licence."""

from django.conf import settings
from django.db import models

from quanze.catalog.models import Power
from quanze.org.models import Division


class Exercise(models.Model):
    """A township's recorded use of a held power that is not a case: a day's inspections
    under an inspection power, licences granted under a licensing power. The exercise rate
    counts an item as exercised when it has a case or such a record in the period."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", "行政检查"
        LICENCE = "licence", "行政许可"
        OTHER = "other", "其他行权"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Division,
        verbose_name="乡镇(街道)",
        on_delete=models.PROTECT,
        related_name="enforcement_exercises",
    )
    power = models.ForeignKey(
        Power, verbose_name="事项", on_delete=models.PROTECT, related_name="enforcement_exercises"
    )
    kind = models.CharField("行权方式", max_length=12, choices=Kind.choices)
    on = models.DateField("日期")
    count = models.PositiveIntegerField("次数(件数)", default=1)
    note = models.CharField("说明", max_length=300, blank=True)
    basis = models.JSONField("职权依据", default=dict, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = "行权记录"
        indexes = [
            models.Index(fields=["township", "power", "on"], name="exercise_township_power"),
        ]

    def __str__(self) -> str:
        return f"{self.township} {self.power} {self.on}"
