"""Catalogs and their versions: each version lists powers (by reference, "catalog.Power",
so this process does not depend on the power register's code) and freezes them on publication."""

from django.conf import settings
from django.db import models

from quanze.org.models import Department, Division


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
    # Derived: a version of it has been published (it stays public once superseded), kept
    # by the publishing services (`in_force.record`) so the portal's index of every public
    # list reads a flag, not an EXISTS over the versions (docs/performance.md, "A nation").
    published = models.BooleanField("已公开", default=False, editable=False)

    class Meta:
        ordering = ["owner__code", "name"]
        verbose_name = "目录"
        indexes = [
            models.Index(
                fields=["kind", "owner"],
                name="catalog_published_kind_owner",
                condition=models.Q(published=True),
            ),
        ]
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

    power = models.ForeignKey("catalog.Power", on_delete=models.PROTECT, related_name="snapshots")
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
    power = models.ForeignKey("catalog.Power", on_delete=models.PROTECT, related_name="entries")
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


class SnapshotReach(models.Model):
    """How many lists in force (versions published and not superseded) hold a published
    snapshot: the count of their entries pointing at it (one entry per power per version,
    so the count of lists). Summed over a power's snapshots it is the number of lists in
    force holding the power; the portal search reads these rows, never the 13 M entries
    (docs/performance.md, "A nation on PostgreSQL").

    Derived data, not a record: kept in the same transaction by every service that
    publishes or supersedes a catalog version (`catalogs.in_force.record`), rebuilt from
    the entries by `in_force.rebuild` (`quanze rebuild_in_force`). It changes nothing
    people are shown beyond what the versions' own ChangeRecords already record, so it
    writes no ChangeRecord of its own. A row whose count falls to 0 is deleted."""

    snapshot = models.OneToOneField(
        PowerSnapshot, primary_key=True, on_delete=models.CASCADE, related_name="reach"
    )
    power = models.ForeignKey("catalog.Power", on_delete=models.CASCADE, related_name="+")
    lists = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.snapshot_id}: {self.lists}"
