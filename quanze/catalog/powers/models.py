"""The power register's tables: powers, their types and fields, and their legal citations."""

from django.db import models

from quanze.org.models import Department, Division


class PowerType(models.Model):
    """A managed list: the ten national types (01-10), 公共服务 (20) and local types."""

    code = models.CharField("类型代码", max_length=8, unique=True)
    name = models.CharField("类型名称", max_length=30, unique=True)
    prefix = models.CharField("编码前缀", max_length=4, blank=True)
    synonyms = models.CharField("同义词", max_length=200, blank=True, help_text="以、分隔")
    national = models.BooleanField("国家标准类型", default=False)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = "职权类型"

    def __str__(self) -> str:
        return self.name


class Field(models.Model):
    """A policy field (领域): 城市管理, 生态环境 …"""

    name = models.CharField("领域", max_length=30, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "领域"

    def __str__(self) -> str:
        return self.name


class Power(models.Model):
    """One administrative power (权力事项) as the owning division currently holds it.

    The row is the working copy; what a published catalog version showed is kept
    in PowerSnapshot, so editing a power never changes a published version.
    """

    class ExerciseLevel(models.TextChoices):
        NONE = "", "—"
        NATIONAL = "国家级", "国家级"
        PROVINCE = "省级", "省级"
        CITY = "市级", "市级"
        COUNTY = "县级", "县级"
        TOWNSHIP = "乡镇级", "乡(镇、街道)级"
        TIERED = "分级管理", "分级管理"

    # owner, power_type, field and department have no index of their own: each leads an
    # index below (owner, code; power_type, code; …), which serves the same lookups, and
    # every index is one more write for each of a province's 720,000 imported powers.
    owner = models.ForeignKey(
        Division,
        verbose_name="所属区划",
        on_delete=models.PROTECT,
        related_name="powers",
        db_index=False,
    )
    code = models.CharField("事项编码", max_length=64)
    name = models.CharField("事项名称", max_length=300)
    sub_name = models.CharField("子项名称", max_length=300, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="主项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_items",
    )
    power_type = models.ForeignKey(
        PowerType, verbose_name="职权类型", on_delete=models.PROTECT, db_index=False
    )
    field = models.ForeignKey(
        Field, verbose_name="领域", null=True, blank=True, on_delete=models.PROTECT, db_index=False
    )
    department = models.ForeignKey(
        Department,
        verbose_name="实施部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="powers",
        db_index=False,
    )
    exercise_level = models.CharField("行使层级", max_length=30, blank=True)
    legal_basis = models.TextField("设定依据", blank=True)
    duties = models.TextField("责任事项", blank=True)
    duties_basis = models.TextField("责任事项依据", blank=True)
    accountability = models.TextField("追责情形", blank=True)
    accountability_scope = models.CharField("追责对象范围", max_length=300, blank=True)
    undertaking_unit = models.CharField("承办机构", max_length=200, blank=True)
    notes = models.TextField("备注", blank=True)
    extra = models.JSONField("其他列", default=dict, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "权力事项"
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "code"],
                name="power_unique_code",
                violation_error_message="事项编码:本区划已有该编码的事项",
            ),
        ]
        indexes = [
            # List pages sort by code: without this index every page sorts all powers.
            models.Index(fields=["code", "id"], name="power_code_order"),
            models.Index(fields=["power_type", "code"]),
            models.Index(fields=["department", "code"]),
            models.Index(fields=["field", "code"]),
        ]

    def __str__(self) -> str:
        return f"{self.name}({self.sub_name})" if self.sub_name else self.name


class Citation(models.Model):
    """One legal citation parsed out of a power's legal basis."""

    power = models.ForeignKey(Power, on_delete=models.CASCADE, related_name="citations")
    position = models.PositiveSmallIntegerField()
    rank = models.CharField("效力层级", max_length=20, blank=True)
    act_title = models.CharField("法规名称", max_length=200)
    revision_year = models.PositiveSmallIntegerField("修订年份", null=True, blank=True)
    article = models.CharField("条", max_length=20, blank=True)
    clause = models.CharField("款", max_length=20, blank=True)
    item = models.CharField("项", max_length=20, blank=True)
    text = models.TextField("条文", blank=True)

    class Meta:
        ordering = ["power", "position"]
        indexes = [models.Index(fields=["act_title"])]

    def __str__(self) -> str:
        parts = [f"《{self.act_title}》"]
        if self.article:
            parts.append(f"第{self.article}条")
        if self.clause:
            parts.append(f"第{self.clause}款")
        if self.item:
            parts.append(f"第{self.item}项")
        return "".join(parts)
