"""Claims (认领): townships taking items of a catalog with basic and optional sets."""

from django.conf import settings
from django.db import models

from quanze.catalog.models import CatalogEntry, CatalogVersion
from quanze.org.models import Division


class ClaimWindow(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "认领中"
        CLOSED = "closed", "已截止"

    project = models.ForeignKey(
        "delegation.DelegationProject",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="claim_windows",
    )
    catalog_version = models.ForeignKey(
        CatalogVersion, verbose_name="目录版本", on_delete=models.PROTECT, related_name="+"
    )
    county = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+")
    title = models.CharField("名称", max_length=200)
    deadline = models.DateTimeField("认领截止时间")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    townships = models.ManyToManyField(Division, verbose_name="认领乡镇(街道)", related_name="+")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField("开启时间")

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = "认领窗口"

    def __str__(self) -> str:
        return self.title


class Claim(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        RETURNED = "returned", "已退回"
        ACCEPTED = "accepted", "已确认"

    window = models.ForeignKey(ClaimWindow, on_delete=models.CASCADE, related_name="claims")
    township = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(CatalogEntry, on_delete=models.PROTECT, related_name="+")
    claimed = models.BooleanField("认领", null=True, blank=True)
    reason = models.CharField("理由", max_length=500, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    office_comment = models.CharField("编办意见", max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["window", "township__code", "entry__position"]
        verbose_name = "认领"
        constraints = [
            models.UniqueConstraint(
                fields=["window", "township", "entry"], name="claim_unique_entry"
            ),
        ]
        indexes = [
            models.Index(fields=["window", "township", "status"]),
            models.Index(fields=["window", "claimed"]),
        ]

    def __str__(self) -> str:
        return f"{self.township} {self.entry}"


class ClaimDeadline(models.Model):
    """A later deadline the office gave one township of a window (认领延期).

    The township's deadline is the later of this and the window's own; extending the
    whole window moves `ClaimWindow.deadline` instead. Services: claim_deadlines.py.
    """

    window = models.ForeignKey(ClaimWindow, on_delete=models.CASCADE, related_name="extensions")
    township = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+")
    deadline = models.DateTimeField("延长后的截止时间")
    reason = models.CharField("延期理由", max_length=500)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField("延期时间")

    class Meta:
        ordering = ["window", "township__code"]
        verbose_name = "认领延期"
        constraints = [
            models.UniqueConstraint(fields=["window", "township"], name="claim_deadline_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.window}:{self.township}延期"
