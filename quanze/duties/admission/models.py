"""Admission (准入): a department asks to hand a new duty to townships; the office decides."""

from django.conf import settings
from django.db import models

from quanze.catalog.models import Field
from quanze.org.models import Department, Division


class AdmissionRequest(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交待审"
        CHANGES_REQUESTED = "changes_requested", "退回修改"
        ADMITTED = "admitted", "准予准入"
        REFUSED = "refused", "不予准入"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name="申请部门", on_delete=models.PROTECT, related_name="+"
    )
    matter_name = models.CharField("事项名称", max_length=200)
    field = models.ForeignKey(
        Field, verbose_name="领域", null=True, blank=True, on_delete=models.PROTECT
    )
    township_duty = models.TextField("乡镇(街道)承担的职责")
    primary_duty = models.TextField("部门保留的主体责任", blank=True)
    reason = models.TextField("申请理由")
    basis = models.TextField("法律政策依据")
    all_townships = models.BooleanField("全部乡镇(街道)", default=True)
    townships = models.ManyToManyField(
        Division, verbose_name="指定乡镇(街道)", blank=True, related_name="+"
    )
    staff = models.CharField("随事转移的人员编制(人随事转)", max_length=300, blank=True)
    funding = models.CharField("随事转移的经费(钱随事转)", max_length=300, blank=True)
    equipment = models.CharField("随事转移的装备与权限(权随事转)", max_length=300, blank=True)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT)
    legality_opinion = models.TextField("合法性审核意见", blank=True)
    reasonableness_opinion = models.TextField("合理性审核意见", blank=True)
    admitted_version = models.ForeignKey(
        "duties.ResponsibilityVersion",
        verbose_name="准入后清单版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    row_version = models.PositiveIntegerField("版本号", default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "准入申请"

    def __str__(self) -> str:
        return f"准入申请:{self.matter_name}"
