"""An appraisal round (双向互评) and what it collects.

The establishment office sets up a round for its county and period with its criteria,
the townships' weight and whether it is anonymous, opens it, and closes it. While open,
every township fills one sheet per county department and every department one sheet per
township (a `Sheet` is one scorer → one target); each form criterion gets a score 0–100
and a comment. Fact criteria are not filled: they are computed from the records
(`facts.py`) when the results are read.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from quanze.org.models import Department, Division


class Direction(models.TextChoices):
    TOWNSHIP_SCORES = "t2d", "乡镇评部门"
    DEPARTMENT_SCORES = "d2t", "部门评乡镇"


class AppraisalRound(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        OPEN = "open", "评分中"
        CLOSED = "closed", "已结束"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("名称", max_length=100)
    period_start = models.DateField("考评期起")
    period_end = models.DateField("考评期止")
    township_weight = models.DecimalField(
        "乡镇评价权重(%)", max_digits=5, decimal_places=2, default=60
    )
    anonymous = models.BooleanField("匿名评价", default=True)
    threshold = models.DecimalField("匿名分数线", max_digits=5, decimal_places=2, default=60)
    due_on = models.DateField("评分截止日期", null=True, blank=True)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    opened_at = models.DateTimeField("开始评分时间", null=True, blank=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = "双向互评"
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="appraisal_round_period",
                violation_error_message="考评期止:不能早于考评期起",
            ),
            models.CheckConstraint(
                condition=Q(township_weight__gte=50, township_weight__lte=100),
                name="appraisal_round_township_weight",
                violation_error_message="乡镇评价权重:应在50%%到100%%之间(乡镇评价权重不低于部门自身履职数据)",
            ),
            models.CheckConstraint(
                condition=Q(threshold__gte=0, threshold__lte=100),
                name="appraisal_round_threshold",
                violation_error_message="匿名分数线:应在0到100之间",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluation:appraisal_round", args=[self.pk])


class Criterion(models.Model):
    """One line of the round's criteria: scored by form, or computed from a recorded fact."""

    class Power(models.TextChoices):
        COMMAND = "command", "指挥调度"
        STAFF = "staff", "人员管理"
        RESOURCES = "resources", "资源调配(经费、装备)"
        WORK = "work", "工作考核"
        HEAD = "head", "派驻机构负责人任免意见"

    round = models.ForeignKey(AppraisalRound, on_delete=models.CASCADE, related_name="criteria")
    direction = models.CharField("评价方向", max_length=4, choices=Direction.choices)
    name = models.CharField("指标名称", max_length=100)
    fact = models.CharField("数据指标", max_length=32, blank=True)  # facts.FACTS key; "" = form
    power = models.CharField("五项权力", max_length=12, choices=Power.choices, blank=True)
    weight = models.DecimalField("权重", max_digits=5, decimal_places=2)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["direction", "position", "id"]
        verbose_name = "互评指标"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "direction", "name"],
                name="appraisal_criterion_unique_name",
                violation_error_message="指标名称:本轮同一评价方向已有同名指标",
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0, weight__lte=100),
                name="appraisal_criterion_weight",
                violation_error_message="权重:应大于0且不超过100",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def by_form(self) -> bool:
        return not self.fact


class Sheet(models.Model):
    """One scorer's sheet about one target: a township about a department (t2d) or a
    department about a township (d2t)."""

    round = models.ForeignKey(AppraisalRound, on_delete=models.CASCADE, related_name="sheets")
    direction = models.CharField("评价方向", max_length=4, choices=Direction.choices)
    township = models.ForeignKey(
        Division, verbose_name="乡镇(街道)", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name="部门", on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["round", "direction", "township__code", "department__name", "id"]
        verbose_name = "互评表"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "direction", "township", "department"],
                name="appraisal_sheet_unique_pair",
            ),
        ]

    def __str__(self) -> str:
        if self.direction == Direction.TOWNSHIP_SCORES:
            return f"{self.township}评{self.department}"
        return f"{self.department}评{self.township}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:appraisal_sheet", args=[self.pk])

    @property
    def scorer(self):
        return self.township if self.direction == Direction.TOWNSHIP_SCORES else self.department

    @property
    def target(self):
        return self.department if self.direction == Direction.TOWNSHIP_SCORES else self.township


class Score(models.Model):
    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.DecimalField("得分", max_digits=5, decimal_places=1)
    comment = models.CharField("评语", max_length=500, blank=True)

    class Meta:
        ordering = ["criterion__position", "id"]
        verbose_name = "互评得分"
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "criterion"], name="appraisal_score_unique_criterion"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100),
                name="appraisal_sheet_score_range",
                violation_error_message="得分:应在0到100之间",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion} {self.score}"
