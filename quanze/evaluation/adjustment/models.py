"""An adjustment project (动态调整): the changes it carries out and what they handed over."""

from django.conf import settings
from django.db import models

from quanze.catalog.models import CatalogVersion, Power
from quanze.delegation.models import BatchItem, DelegationProject
from quanze.duties.models import Matter, ResponsibilityVersion
from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.org.models import Department, Division

KIND_LABELS = {
    ChangeKind.KEEP: "保留",
    ChangeKind.TRANSFER: "调整主责单位",
    ChangeKind.RETURN: "收回县级",
    ChangeKind.ADD: "新增赋权",
    ChangeKind.REPORT_UPWARD: "上报建议",
    ChangeKind.AMEND_BASIS: "依据变更",
}


class AdjustmentProject(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "已立项"
        IN_REVIEW = "in_review", "合法性审核中"
        DONE = "done", "已完成"
        CANCELLED = "cancelled", "已撤销"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("项目名称", max_length=200)
    origin = models.CharField("来源", max_length=100, blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="立项人", on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField("立项时间")
    delegation_projects = models.ManyToManyField(
        DelegationProject, verbose_name="赋权项目", related_name="+", blank=True
    )
    meeting_date = models.DateField("常务会日期", null=True, blank=True)
    document_number = models.CharField("文号", max_length=100, blank=True)
    effective_date = models.DateField("生效日期", null=True, blank=True)
    completed_at = models.DateTimeField("完成时间", null=True, blank=True)
    notices_sent = models.PositiveIntegerField("已发通知", default=0)
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = "动态调整项目"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluation:adjustment_detail", args=[self.pk])


class AdjustmentChange(models.Model):
    """One ChangeSpec of the project, with what its units were before and what was done."""

    project = models.ForeignKey(AdjustmentProject, on_delete=models.CASCADE, related_name="changes")
    position = models.PositiveIntegerField("序号")
    kind = models.CharField(
        "调整类型", max_length=16, choices=[(k.value, v) for k, v in KIND_LABELS.items()]
    )
    power = models.ForeignKey(
        Power,
        verbose_name="事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    townships = models.ManyToManyField(Division, verbose_name="涉及乡镇(街道)", related_name="+")
    unit = models.ForeignKey(
        Department,
        verbose_name="调整后主责部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_before = models.ForeignKey(
        Department,
        verbose_name="调整前主责部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    matter = models.ForeignKey(
        Matter, verbose_name="属地事项", null=True, blank=True, on_delete=models.PROTECT
    )
    effective_from = models.DateField("生效日期", null=True, blank=True)
    reason = models.TextField("理由")
    facts = models.TextField("事实依据", blank=True)
    source = models.CharField("来源", max_length=100, blank=True)
    articles = models.JSONField("涉及条款", default=list, blank=True)
    basis_before = models.TextField("原法律依据", blank=True)
    new_basis = models.TextField("新法律依据", blank=True)
    outcome = models.TextField("实施结果", blank=True)
    # SET_NULL: the office may take an item the review rejected out of its batch; the
    # change then stays undone, which its outcome says.
    batch_item = models.ForeignKey(
        BatchItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    in_batch = models.BooleanField("已列入批次", default=False)
    list_version = models.ForeignKey(
        ResponsibilityVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    catalog_versions = models.ManyToManyField(CatalogVersion, related_name="+", blank=True)

    class Meta:
        ordering = ["project", "position"]
        verbose_name = "调整事项"

    def __str__(self) -> str:
        return f"{self.position}. {self.get_kind_display()} {self.power or self.matter or ''}"


class AdjustmentLog(models.Model):
    """One state change of a project: who, when, from, to, why."""

    project = models.ForeignKey(AdjustmentProject, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField("时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    from_state = models.CharField(
        "原状态", max_length=12, blank=True, choices=AdjustmentProject.Status.choices
    )
    to_state = models.CharField("新状态", max_length=12, choices=AdjustmentProject.Status.choices)
    reason = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["project", "at", "id"]
        verbose_name = "调整项目日志"

    def __str__(self) -> str:
        return f"{self.from_state or '—'} → {self.to_state}"


class Handover(models.Model):
    """Open work handed over by the rule: events re-routed, cases staying, clues moving."""

    class Kind(models.TextChoices):
        EVENT_REROUTED = "event_rerouted", "事件按新清单改派"
        EVENT_PENDING = "event_pending", "事件待生效日改派"
        CASE_STAYS = "case_stays", "已立案件由原机关继续办理"
        CLUE_MOVED = "clue_moved", "未立案线索随事项移交"

    change = models.ForeignKey(AdjustmentChange, on_delete=models.CASCADE, related_name="handovers")
    kind = models.CharField("交接类型", max_length=16, choices=Kind.choices)
    subject = models.CharField("对象", max_length=200)
    event = models.ForeignKey(
        "dispatch.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "enforcement.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_unit = models.CharField("原单位", max_length=200, blank=True)
    to_unit = models.CharField("新单位", max_length=200, blank=True)
    due_on = models.DateField("改派日期", null=True, blank=True)
    done_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        ordering = ["change", "id"]
        verbose_name = "工作交接"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}:{self.subject}"
