"""Township duty lists (履职事项清单, source 004): raw items judged on three questions,
normalised and classed, drafted, sent up and down in rounds, published as versions."""

from django.conf import settings
from django.db import models

from quanze.catalog.models import Power
from quanze.duties.versioning import VersionBase
from quanze.org.models import Department, Division


class DutyClass(models.TextChoices):
    NONE = "", "未分类"
    BASIC = "basic", "基本权责"
    COOPERATING = "cooperating", "配合权责"
    RETURNED = "returned", "收回上级事项"
    NEW = "new", "新增赋权事项"


class DutyList(models.Model):
    township = models.OneToOneField(
        Division, verbose_name="乡镇(街道)", on_delete=models.PROTECT, related_name="duty_list"
    )
    name = models.CharField("清单名称", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["township__code"]
        verbose_name = "乡镇履职事项清单"

    def __str__(self) -> str:
        return self.name


class RawItem(models.Model):
    """What the township actually does, in its own words (原始事项), and how it was judged."""

    duty_list = models.ForeignKey(DutyList, on_delete=models.CASCADE, related_name="raw_items")
    position = models.PositiveIntegerField("序号")
    text = models.CharField("原始事项", max_length=500)
    basis_sufficient = models.BooleanField("依据是否充分", null=True, blank=True)
    needed_locally = models.BooleanField("基层是否需要", null=True, blank=True)
    can_carry_out = models.BooleanField("能否有效实施", null=True, blank=True)
    name = models.CharField("规范名称", max_length=300, blank=True)
    duty_class = models.CharField(
        "类别", max_length=12, choices=DutyClass.choices, blank=True, default=""
    )
    basis = models.TextField("设定依据", blank=True)
    lead_department = models.ForeignKey(
        Department,
        verbose_name="牵头部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    return_reason = models.TextField("收回理由", blank=True)
    receiving_department = models.ForeignKey(
        Department,
        verbose_name="承接部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    takeover = models.CharField("承接方式", max_length=300, blank=True)
    power = models.ForeignKey(
        Power,
        verbose_name="赋权事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField("备注", max_length=500, blank=True)
    row_version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["duty_list", "position"]
        verbose_name = "原始事项"
        constraints = [
            models.UniqueConstraint(fields=["duty_list", "position"], name="raw_item_position"),
        ]

    def __str__(self) -> str:
        return self.name or self.text


class DutyVersion(VersionBase):
    duty_list = models.ForeignKey(DutyList, on_delete=models.PROTECT, related_name="versions")

    class Meta:
        ordering = ["duty_list", "-number"]
        verbose_name = "履职清单版本"
        constraints = [
            models.UniqueConstraint(fields=["duty_list", "number"], name="duty_version_number"),
            models.UniqueConstraint(
                fields=["duty_list"],
                condition=models.Q(status="draft"),
                name="duty_version_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.duty_list.name} 第{self.number}版"


class DutyEntry(models.Model):
    """One duty of a version, copied from its raw item when the draft was built."""

    version = models.ForeignKey(DutyVersion, on_delete=models.CASCADE, related_name="entries")
    raw_item = models.ForeignKey(
        RawItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField("序号")
    name = models.CharField("事项名称", max_length=300)
    duty_class = models.CharField("类别", max_length=12, choices=DutyClass.choices)
    basis = models.TextField("设定依据", blank=True)
    lead_department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    return_reason = models.TextField("收回理由", blank=True)
    receiving_department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    takeover = models.CharField("承接方式", max_length=300, blank=True)
    power = models.ForeignKey(
        Power, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["version", "position"]
        indexes = [models.Index(fields=["version", "duty_class"])]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class DutyRound(models.Model):
    """One pass of the draft: up (to the county departments) or down (back to the township)."""

    class Direction(models.TextChoices):
        UP = "up", "上报征求部门意见"
        DOWN = "down", "下发乡镇(街道)修改"

    class State(models.TextChoices):
        OPEN = "open", "征求中"
        CLOSED = "closed", "已关闭"

    version = models.ForeignKey(DutyVersion, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField("轮次")
    direction = models.CharField("方向", max_length=4, choices=Direction.choices)
    state = models.CharField("状态", max_length=8, choices=State.choices, default=State.OPEN)
    departments = models.ManyToManyField(Department, verbose_name="征求部门", blank=True)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="duty_round_number"),
        ]

    def __str__(self) -> str:
        return f"第{self.number}轮({self.get_direction_display()})"


class DutyOpinion(models.Model):
    class Disposition(models.TextChoices):
        PENDING = "", "未处理"
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        NOT_ADOPTED = "not_adopted", "不采纳"

    round = models.ForeignKey(DutyRound, on_delete=models.CASCADE, related_name="opinions")
    entry = models.ForeignKey(
        DutyEntry, null=True, blank=True, on_delete=models.CASCADE, related_name="opinions"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Division, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agrees = models.BooleanField("同意", default=True)
    proposed_class = models.CharField(
        "建议类别", max_length=12, choices=DutyClass.choices, blank=True
    )
    text = models.TextField("意见")
    disposition = models.CharField(
        "处理结果", max_length=12, choices=Disposition.choices, blank=True
    )
    disposition_reason = models.CharField("处理理由", max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    row_version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "id"]

    def __str__(self) -> str:
        return f"{self.unit}:{self.text[:30]}"

    @property
    def unit(self):
        return self.department or self.township
