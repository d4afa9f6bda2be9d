"""Discretion benchmarks: a county's benchmark document, its versions (draft → published
with an effective date → superseded), the items (one 违法行为 under one power) and their
rows (裁量阶次 × 适用情形 → 处罚标准), and the record of each application to a case."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from quanze.catalog.models import Field, Power
from quanze.enforcement.benchmarks import rules
from quanze.org.models import Division


class Benchmark(models.Model):
    """One benchmark document of a county (e.g. 平阴县城市管理行政处罚裁量基准)."""

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("名称", max_length=200)
    field = models.ForeignKey(
        Field, verbose_name="执法领域", null=True, blank=True, on_delete=models.PROTECT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        ordering = ["county", "name"]
        verbose_name = "裁量基准"
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="benchmark_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:benchmark_detail", args=[self.pk])


class BenchmarkVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"
        SUPERSEDED = "superseded", "已被替代"

    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    effective_date = models.DateField("施行日期", null=True, blank=True)
    document_number = models.CharField("文号", max_length=100, blank=True)
    superseded_on = models.DateField("停止施行日期", null=True, blank=True)
    source_file = models.CharField("导入文件", max_length=200, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        ordering = ["benchmark", "-number"]
        verbose_name = "裁量基准版本"
        constraints = [
            models.UniqueConstraint(
                fields=["benchmark", "number"], name="benchmark_version_unique_number"
            )
        ]
        indexes = [
            models.Index(fields=["status", "effective_date"], name="benchmark_version_in_force")
        ]

    def __str__(self) -> str:
        return f"{self.benchmark.name} 第{self.number}版"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:benchmark_version", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class BenchmarkItem(models.Model):
    """One 违法行为 of a version, under one power, with its bases."""

    version = models.ForeignKey(BenchmarkVersion, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField("序号")
    power = models.ForeignKey(
        Power, verbose_name="执法事项", on_delete=models.PROTECT, related_name="benchmark_items"
    )
    code = models.CharField("事项编码", max_length=100, blank=True)
    conduct = models.CharField("违法行为", max_length=500)
    legal_basis = models.TextField("法律依据", blank=True)
    penalty_basis = models.TextField("处罚依据", blank=True)

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = "裁量基准事项"
        constraints = [
            models.UniqueConstraint(fields=["version", "power"], name="benchmark_item_one_power")
        ]

    def __str__(self) -> str:
        return self.conduct


class BenchmarkRow(models.Model):
    """One row of an item's discretion table."""

    item = models.ForeignKey(BenchmarkItem, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField("行号")
    sheet_row = models.PositiveIntegerField("表格行号", default=0)
    tier = models.CharField("裁量阶次", max_length=12, choices=list(rules.TIERS.items()))
    tier_label = models.CharField("裁量阶次(原文)", max_length=50)
    first_offence = models.BooleanField("首违不罚", default=False)
    conditions_text = models.TextField("适用情形", blank=True)
    conditions = models.JSONField("情形", default=list, blank=True)
    match_all = models.BooleanField("须同时满足", default=True)
    standard = models.TextField("处罚标准")
    kinds = models.JSONField("处罚种类", default=list, blank=True)
    amount_min = models.DecimalField(
        "罚款下限(元)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        "罚款上限(元)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    multiple_min = models.DecimalField(
        "倍数下限", max_digits=10, decimal_places=4, null=True, blank=True
    )
    multiple_max = models.DecimalField(
        "倍数上限", max_digits=10, decimal_places=4, null=True, blank=True
    )
    base = models.CharField("计算基数", max_length=20, blank=True)
    cap = models.DecimalField(
        "罚款最高额(元)", max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["item", "position", "id"]
        verbose_name = "裁量基准行"

    def __str__(self) -> str:
        return f"{self.item.conduct}:{self.tier_label}"

    def spec(self) -> rules.RowSpec:
        return rules.RowSpec(
            key=self.pk,
            tier=self.tier,
            conditions=tuple(self.conditions),
            match_all=self.match_all,
            standard=rules.Standard(
                kinds=tuple(self.kinds),
                amount_min=self.amount_min,
                amount_max=self.amount_max,
                multiple_min=self.multiple_min,
                multiple_max=self.multiple_max,
                base=self.base,
                cap=self.cap,
            ),
            label=str(self.sheet_row or self.position),
        )


class Application(models.Model):
    """The benchmark applied at one step of a case (告知 or 决定): the version and rows in
    force on the step's date, the conditions found, the proposal, the penalty given, and
    the reason for a departure. What applied on the decision date stays provable here."""

    case = models.ForeignKey(
        "enforcement.Case", on_delete=models.CASCADE, related_name="benchmark_applications"
    )
    action = models.CharField("步骤", max_length=20)
    on = models.DateField("办理日期")
    version = models.ForeignKey(
        BenchmarkVersion,
        verbose_name="裁量基准版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    item = models.ForeignKey(
        BenchmarkItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rows = models.ManyToManyField(BenchmarkRow, verbose_name="适用的行", related_name="+")
    conditions = models.JSONField("具有的情形", default=list, blank=True)
    base_amount = models.DecimalField(
        "计算基数金额(元)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    tier = models.CharField("建议阶次", max_length=12, blank=True)
    low = models.DecimalField(
        "建议罚款下限", max_digits=14, decimal_places=2, null=True, blank=True
    )
    high = models.DecimalField(
        "建议罚款上限", max_digits=14, decimal_places=2, null=True, blank=True
    )
    proposed_kinds = models.JSONField("建议处罚种类", default=list, blank=True)
    explanation = models.JSONField("说明", default=list, blank=True)
    penalised = models.BooleanField("给予处罚", default=True)
    kinds = models.JSONField("处罚种类", default=list, blank=True)
    fine = models.DecimalField("罚款金额", max_digits=14, decimal_places=2, null=True, blank=True)
    deviations = models.JSONField("偏离情况", default=list, blank=True)
    reason = models.TextField("偏离裁量基准理由", blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        ordering = ["case", "created_at", "id"]
        verbose_name = "裁量基准适用记录"

    def __str__(self) -> str:
        return f"{self.case_id}:{self.action} {rules.TIERS.get(self.tier, '')}"

    @property
    def outside(self) -> bool:
        return bool(self.deviations)
