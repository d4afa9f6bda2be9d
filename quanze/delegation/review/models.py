"""Batches of assessed items, the delegation modes, and the legality review of each item."""

from django.conf import settings
from django.db import models


class Mode(models.TextChoices):
    """Delegation modes (委托 / 交办 / 赋权)."""

    ENTRUSTMENT = "entrustment", "委托"
    ASSIGNMENT = "assignment", "交办"
    GRANT = "grant", "赋权"


class Batch(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        IN_REVIEW = "in_review", "合法性审核中"
        REVIEWED = "reviewed", "审核完成"
        SUBMITTED = "submitted", "已提请常务会"
        APPROVED = "approved", "已审议通过"

    class Direction(models.TextChoices):
        """下放 puts the items on the townships' lists; 收回 (an adjustment returning items
        to the county) takes them off, through the same review, decision and publication."""

        GRANT = "grant", "下放"
        WITHDRAW = "withdraw", "收回"

    project = models.ForeignKey(
        "delegation.DelegationProject", on_delete=models.CASCADE, related_name="batches"
    )
    number = models.PositiveSmallIntegerField("批次")
    title = models.CharField("名称", max_length=200)
    mode = models.CharField("赋权方式", max_length=12, choices=Mode.choices)
    direction = models.CharField(
        "调整方向", max_length=10, choices=Direction.choices, default=Direction.GRANT
    )
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["project", "number"]
        verbose_name = "赋权批次"
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="batch_unique_number"),
        ]

    def __str__(self) -> str:
        return f"第{self.number}批 {self.title}"


class BatchItem(models.Model):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey(
        "delegation.ItemAssessment", on_delete=models.PROTECT, related_name="batch_items"
    )
    position = models.PositiveIntegerField("序号")

    class Meta:
        ordering = ["batch", "position"]
        verbose_name = "批次事项"
        constraints = [
            models.UniqueConstraint(fields=["batch", "item"], name="batch_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.item}"


class LegalityReview(models.Model):
    """The justice bureau's review of one batch item (合法性审核)."""

    class Verdict(models.TextChoices):
        PASS = "pass", "通过"
        PASS_WITH_CONDITIONS = "pass_with_conditions", "附条件通过"
        REJECT = "reject", "不通过"

    batch_item = models.OneToOneField(BatchItem, on_delete=models.CASCADE, related_name="review")
    mode = models.CharField("赋权方式", max_length=12, choices=Mode.choices)
    legal_route = models.TextField("法律路径")
    conditions = models.TextField("条件", blank=True)
    verdict = models.CharField("审核结论", max_length=24, choices=Verdict.choices)
    comment = models.TextField("审核意见", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField("审核时间")
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "合法性审核"

    def __str__(self) -> str:
        return self.get_verdict_display()
