"""Powers, their legal citations, and versioned catalogs that group them."""

from django.conf import settings
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

    owner = models.ForeignKey(
        Division, verbose_name="所属区划", on_delete=models.PROTECT, related_name="powers"
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
    power_type = models.ForeignKey(PowerType, verbose_name="职权类型", on_delete=models.PROTECT)
    field = models.ForeignKey(
        Field, verbose_name="领域", null=True, blank=True, on_delete=models.PROTECT
    )
    department = models.ForeignKey(
        Department,
        verbose_name="实施部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="powers",
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


class Catalog(models.Model):
    """A named list of powers: a guiding catalog, a department's or township's list."""

    class Kind(models.TextChoices):
        GUIDING = "guiding", "赋权指导目录"
        POWERS_LIST = "powers_list", "部门权责清单"
        TOWNSHIP_LIST = "township_list", "乡镇权责清单"

    name = models.CharField("目录名称", max_length=200)
    kind = models.CharField("类别", max_length=20, choices=Kind.choices)
    owner = models.ForeignKey(
        Division, verbose_name="所属区划", on_delete=models.PROTECT, related_name="catalogs"
    )
    department = models.ForeignKey(
        Department,
        verbose_name="所属部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="catalogs",
    )
    description = models.TextField("说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["owner__code", "name"]
        verbose_name = "目录"
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                name="catalog_unique_name",
                violation_error_message="目录名称:本区划已有同名目录",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CatalogVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"
        SUPERSEDED = "superseded", "已废止"

    catalog = models.ForeignKey(Catalog, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    effective_date = models.DateField("生效日期", null=True, blank=True)
    document_number = models.CharField("文号", max_length=100, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["catalog", "-number"]
        verbose_name = "目录版本"
        constraints = [
            models.UniqueConstraint(fields=["catalog", "number"], name="version_unique_number"),
            models.UniqueConstraint(
                fields=["catalog"], condition=models.Q(status="draft"), name="version_one_draft"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.catalog.name} 第{self.number}版"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class PowerSnapshot(models.Model):
    """A power's exported fields frozen at publication, shared by every entry with the same content."""

    power = models.ForeignKey(Power, on_delete=models.PROTECT, related_name="snapshots")
    digest = models.CharField(max_length=64)
    data = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["power", "digest"], name="snapshot_unique_digest"),
        ]

    def __str__(self) -> str:
        return f"{self.data.get('code', '')} {self.data.get('name', '')}"


class CatalogEntry(models.Model):
    class SetKind(models.TextChoices):
        NONE = "", "—"
        BASIC = "basic", "基本盘"
        OPTIONAL = "optional", "自选盘"

    version = models.ForeignKey(CatalogVersion, on_delete=models.CASCADE, related_name="entries")
    power = models.ForeignKey(Power, on_delete=models.PROTECT, related_name="entries")
    position = models.PositiveIntegerField("序号")
    set_kind = models.CharField("盘类", max_length=10, choices=SetKind.choices, blank=True)
    snapshot = models.ForeignKey(PowerSnapshot, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "power"], name="entry_unique_power"),
        ]
        indexes = [models.Index(fields=["version", "position"])]

    def __str__(self) -> str:
        return f"{self.position}. {self.power}"


class ImportJob(models.Model):
    """One upload: its dry-run plan, then its progress and outcome when run."""

    class Status(models.TextChoices):
        PLANNED = "planned", "已预检"
        QUEUED = "queued", "排队中"
        RUNNING = "running", "导入中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    catalog = models.ForeignKey(Catalog, on_delete=models.PROTECT, related_name="imports")
    file_name = models.CharField("文件名", max_length=255)
    file_path = models.CharField(max_length=500)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PLANNED)
    create_departments = models.BooleanField("自动新建部门", default=False)
    summary = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    version = models.ForeignKey(
        CatalogVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Liveness of a running job (quanze/core/heartbeat.py).
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    worker = models.CharField("工作进程", max_length=100, blank=True, default="")
    heartbeat_at = models.DateTimeField("最近心跳", null=True, blank=True)
    # Failed because its worker died or it stalled (import_recovery.py), not for its file.
    halted = models.BooleanField("已停滞中止", default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"导入 {self.file_name}"
