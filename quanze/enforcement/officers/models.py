"""Enforcement officers (执法人员) and their enforcement certificates (执法证).

The next issue (enforcement force) extends these with exams and training; cases only
need `certificate_check` (officers/selectors.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from quanze.catalog.models import Field
from quanze.org.models import Department, Division


class Officer(models.Model):
    """A person who enforces for a township team or a county department (a department's
    officer stationed in a township belongs to its squad: `enforcement/squads`)."""

    class PostType(models.TextChoices):
        ADMINISTRATIVE = "administrative", "行政编制"
        INSTITUTIONAL = "institutional", "事业编制"
        AUXILIARY = "auxiliary", "编外辅助"

    name = models.CharField("姓名", max_length=50)
    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Division,
        verbose_name="所属乡镇(街道)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enforcement_officers",
    )
    department = models.ForeignKey(
        Department,
        verbose_name="所属部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enforcement_officers",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="系统账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enforcement_officer",
    )
    position = models.CharField("职务", max_length=50, blank=True)
    post_type = models.CharField(
        "编制类型",
        max_length=16,
        choices=PostType.choices,
        default=PostType.ADMINISTRATIVE,
        db_default=PostType.ADMINISTRATIVE,  # rows bulk-inserted without it (fabricate)
        help_text="编外辅助人员不能独立执法,不能取得执法证",
    )
    legal_reviewer = models.BooleanField(
        "法制审核人员", default=False, db_default=False, help_text="承担重大执法决定法制审核工作"
    )
    legal_qualification = models.CharField(
        "法律职业资格证书编号",
        max_length=50,
        blank=True,
        help_text="从事重大执法决定法制审核的人员须具备(《行政处罚法》第五十八条)",
    )
    active = models.BooleanField("在岗", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    row_version = models.PositiveIntegerField("版本号", default=1)

    class Meta:
        ordering = ["county__code", "name", "id"]
        verbose_name = "执法人员"
        constraints = [
            models.CheckConstraint(
                condition=Q(township__isnull=False, department__isnull=True)
                | Q(township__isnull=True, department__isnull=False),
                name="officer_one_unit",
                violation_error_message="所属单位:应为一个乡镇(街道)或一个部门",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:officer_detail", args=[self.pk])

    @property
    def unit(self):
        return self.township or self.department

    @property
    def unit_kind(self) -> str:
        return "乡镇(街道)综合执法队" if self.township_id else "部门执法队伍"


class Certificate(models.Model):
    """One enforcement certificate (行政执法证) of an officer."""

    class Status(models.TextChoices):
        VALID = "valid", "有效"
        SUSPENDED = "suspended", "暂扣"
        REVOKED = "revoked", "注销"

    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField("证件编号", max_length=40, unique=True)
    issuer = models.CharField("发证机关", max_length=100)
    fields = models.ManyToManyField(Field, verbose_name="执法领域", related_name="+")
    valid_from = models.DateField("有效期自")
    valid_to = models.DateField("有效期至")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.VALID)
    status_reason = models.CharField("状态变更理由", max_length=300, blank=True, db_default="")
    expiry_notified_on = models.DateField(
        "到期提醒日期", null=True, blank=True, help_text="已向所属单位发出到期提醒的日期"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["officer", "-valid_to"]
        verbose_name = "执法证"
        indexes = [models.Index(fields=["valid_to", "status"], name="certificate_expiry")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")),
                name="certificate_valid_range",
                violation_error_message="有效期至:不能早于有效期自",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        """A certificate is shown on its officer's page."""
        return reverse("enforcement:officer_detail", args=[self.officer_id])
