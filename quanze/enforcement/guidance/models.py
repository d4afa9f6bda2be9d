"""Enforcement guidance per power (执法指引: legal basis, procedure and evidence
requirements) and guiding cases (指导案例: collected, reviewed by experts, chosen ones
published), both written by the county's justice bureau."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from quanze.catalog.models import Field, Power
from quanze.org.models import Division


class Guidance(models.Model):
    """The guidance for one power in one county."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    power = models.ForeignKey(
        Power, verbose_name="执法事项", on_delete=models.PROTECT, related_name="guidance"
    )
    legal_basis = models.TextField("法律依据", blank=True)
    procedure = models.TextField("程序要求", blank=True)
    evidence = models.TextField("证据要求", blank=True)
    notes = models.TextField("执法要点", blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        ordering = ["county", "power__code"]
        verbose_name = "执法指引"
        constraints = [
            models.UniqueConstraint(fields=["county", "power"], name="guidance_one_per_power")
        ]

    def __str__(self) -> str:
        return f"{self.power.name}执法指引"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:guidance_detail", args=[self.power_id])


class GuidingCase(models.Model):
    """A case collected as a candidate guiding case (指导案例)."""

    class Status(models.TextChoices):
        COLLECTED = "collected", "已收集"
        CHOSEN = "chosen", "评审入选"
        REJECTED = "rejected", "未入选"
        PUBLISHED = "published", "已发布"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("标题", max_length=200)
    field = models.ForeignKey(
        Field, verbose_name="执法领域", null=True, blank=True, on_delete=models.PROTECT
    )
    powers = models.ManyToManyField(
        Power, verbose_name="指导的执法事项", related_name="guiding_cases"
    )
    source_case = models.ForeignKey(
        "enforcement.Case",
        verbose_name="来源案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guiding_cases",
    )
    facts = models.TextField("基本案情")
    decision = models.TextField("处理结果", blank=True)
    points = models.TextField("指导要点", blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.COLLECTED
    )
    number = models.CharField("指导案例编号", max_length=50, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="收集人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    collected_at = models.DateTimeField("收集时间", auto_now_add=True)

    class Meta:
        ordering = ["-collected_at", "-id"]
        verbose_name = "指导案例"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enforcement:guiding_case_detail", args=[self.pk])


class ExpertReview(models.Model):
    """One expert's opinion on a collected case (专家评审)."""

    guiding_case = models.ForeignKey(GuidingCase, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.CharField("评审专家", max_length=100)
    opinion = models.TextField("评审意见")
    recommend = models.BooleanField("推荐入选", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        ordering = ["guiding_case", "recorded_at", "id"]
        verbose_name = "专家评审意见"

    def __str__(self) -> str:
        return f"{self.reviewer}:{'推荐' if self.recommend else '不推荐'}"
