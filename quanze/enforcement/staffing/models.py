"""Staffing quotas (编制): the posts approved for a unit by kind, how many are filled, every
change to the approved number with its document, and posts a department's team lends to
a township (县属乡用: they stay the department's, the township uses them).

The county establishment office (编办) keeps all of it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from quanze.org.models import Department, Division


class PostKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", "行政编制"
    INSTITUTIONAL = "institutional", "事业编制"
    AUXILIARY = "auxiliary", "编外辅助人员"


class StaffingQuota(models.Model):
    """The posts of one kind approved for a unit (a township or a department) and filled."""

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Division,
        verbose_name="乡镇(街道)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staffing_quotas",
    )
    department = models.ForeignKey(
        Department,
        verbose_name="部门(执法队伍)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staffing_quotas",
    )
    kind = models.CharField("编制类型", max_length=16, choices=PostKind.choices)
    approved = models.PositiveIntegerField("核定编制数", default=0)
    filled = models.PositiveIntegerField("实有人数", default=0)
    row_version = models.PositiveIntegerField("版本号", default=1)

    class Meta:
        ordering = ["county", "township__code", "department__name", "kind"]
        verbose_name = "编制"
        constraints = [
            models.CheckConstraint(
                condition=Q(township__isnull=False, department__isnull=True)
                | Q(township__isnull=True, department__isnull=False),
                name="quota_one_unit",
                violation_error_message="单位:应为一个乡镇(街道)或一个部门",
            ),
            models.UniqueConstraint(
                fields=["township", "kind"],
                condition=Q(township__isnull=False),
                name="quota_unique_township_kind",
                violation_error_message="编制类型:该乡镇(街道)已有此类编制",
            ),
            models.UniqueConstraint(
                fields=["department", "kind"],
                condition=Q(department__isnull=False),
                name="quota_unique_department_kind",
                violation_error_message="编制类型:该部门已有此类编制",
            ),
            models.CheckConstraint(
                condition=Q(filled__lte=models.F("approved")),
                name="quota_filled_le_approved",
                violation_error_message="实有人数:不能多于核定编制数",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:staffing_quotas") + f"?unit={self.unit_key}"

    @property
    def unit(self):
        return self.township or self.department

    @property
    def unit_key(self) -> str:
        return f"t{self.township_id}" if self.township_id else f"d{self.department_id}"

    @property
    def vacant(self) -> int:
        return self.approved - self.filled


class QuotaChange(models.Model):
    """One change of a quota's approved number, with the document that made it
    (001: 19 township administrative posts added by one decision)."""

    quota = models.ForeignKey(StaffingQuota, on_delete=models.PROTECT, related_name="changes")
    change = models.IntegerField("增减编制数")
    approved_after = models.PositiveIntegerField("调整后核定数")
    document_number = models.CharField("文号", max_length=100, blank=True)
    on = models.DateField("日期")
    reason = models.CharField("事由", max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = "编制调整"

    def __str__(self) -> str:
        return f"{self.quota} {self.change:+d}"


class PostSinking(models.Model):
    """Posts of a department's team used in a township (县属乡用共管, 编随事走)."""

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name="下沉部门", on_delete=models.PROTECT, related_name="sunk_posts"
    )
    township = models.ForeignKey(
        Division,
        verbose_name="下沉至乡镇(街道)",
        on_delete=models.PROTECT,
        related_name="sunk_posts",
    )
    kind = models.CharField("编制类型", max_length=16, choices=PostKind.choices)
    count = models.PositiveIntegerField("下沉编制数")
    filled = models.PositiveIntegerField("在岗人数", default=0)
    document_number = models.CharField("文号", max_length=100, blank=True)
    on = models.DateField("下沉日期")
    note = models.CharField("说明", max_length=300, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["township__code", "department__name", "id"]
        verbose_name = "下沉编制"
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=1),
                name="sinking_count_positive",
                violation_error_message="下沉编制数:至少为1",
            ),
            models.CheckConstraint(
                condition=Q(filled__lte=models.F("count")),
                name="sinking_filled_le_count",
                violation_error_message="在岗人数:不能多于下沉编制数",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department}→{self.township} {self.count}名"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:staffing_quotas")
