"""An evaluation round, its computed indicators, the inputs collected by form and the
proposals it reaches (app label "evaluation")."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from quanze.catalog.models import Power
from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.org.models import Department, Division


class Round(models.Model):
    """One evaluation of a county's delegated items over a period (质效评估轮次)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        COLLECTING = "collecting", "征集意见中"
        COMPUTED = "computed", "已测算"
        CLOSED = "closed", "已结束"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("评估名称", max_length=200)
    start = models.DateField("评估期自")
    end = models.DateField("评估期至")
    powers = models.ManyToManyField(
        Power,
        verbose_name="评估事项",
        blank=True,
        related_name="+",
        help_text="不选:乡镇(街道)在评估期内承接的全部事项",
    )
    townships = models.ManyToManyField(
        Division,
        verbose_name="评估乡镇(街道)",
        blank=True,
        related_name="+",
        help_text="不选:本县全部乡镇(街道)",
    )
    weights = models.JSONField("指标权重", default=dict, blank=True)
    thresholds = models.JSONField("建议规则阈值", default=dict, blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    computed_at = models.DateTimeField("测算时间", null=True, blank=True)
    skipped = models.JSONField(
        "未提出的建议",
        default=list,
        blank=True,
        help_text="测算时规则未提出的调整,各附理由(如申请新增的事项不在已发布的目录中)",
    )

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = "评估轮次"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="eval_round_period",
                violation_error_message="评估期至:不能早于评估期自",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """The computed indicators of one item in one township (written by `round_compute`)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="indicators")
    township = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+")
    power = models.ForeignKey(Power, on_delete=models.PROTECT, related_name="+")
    held = models.BooleanField("承接", default=True)
    exercised = models.BooleanField("行权", default=False)
    cases = models.PositiveIntegerField("案件数", default=0)
    dispatched = models.PositiveIntegerField("派发次数", default=0)
    in_time = models.PositiveIntegerField("按时响应", default=0)
    resolved = models.PositiveIntegerField("办结", default=0)
    rated = models.PositiveIntegerField("参与评价", default=0)
    satisfied = models.PositiveIntegerField("满意", default=0)
    sent_back = models.PositiveIntegerField("退回", default=0)
    disputes = models.PositiveIntegerField("争议", default=0)
    disputes_lost = models.PositiveIntegerField("争议败诉", default=0)
    corrected = models.PositiveIntegerField("清单纠错", default=0)
    close_hours = models.FloatField("平均办结用时(小时)", null=True, blank=True)
    declined = models.BooleanField("认领时退回", default=False)
    certified = models.PositiveIntegerField("持证执法人员", default=0)
    capacity = models.FloatField("承接能力自评", null=True, blank=True)
    asked_return = models.BooleanField("申请退回", default=False)
    opinion = models.FloatField("部门评价", null=True, blank=True)
    public = models.FloatField("群众评价", null=True, blank=True)
    score = models.FloatField("综合得分", null=True, blank=True)

    class Meta:
        verbose_name = "评估指标"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "township", "power"], name="eval_indicator_unique"
            ),
        ]
        indexes = [models.Index(fields=["round", "power"], name="eval_indicator_power")]

    def __str__(self) -> str:
        return f"{self.township_id}×{self.power_id}"


class SelfAssessment(models.Model):
    """A township's self-assessment of one item (承接能力): its staff, equipment, the
    difficulty and the need; it may ask to return an item it holds or request one it lacks."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assessments")
    township = models.ForeignKey(
        Division, verbose_name="乡镇(街道)", on_delete=models.PROTECT, related_name="+"
    )
    power = models.ForeignKey(
        Power, verbose_name="事项", on_delete=models.PROTECT, related_name="+"
    )
    staff = models.PositiveSmallIntegerField("承办人员数", default=0)
    equipment = models.PositiveSmallIntegerField("装备条件(1-5)", default=3)
    difficulty = models.PositiveSmallIntegerField("承接难度(1-5)", default=3)
    need = models.PositiveSmallIntegerField("基层需要程度(1-5)", default=3)
    ask_return = models.BooleanField("申请退回县级", default=False)
    ask_add = models.BooleanField("申请新增赋权", default=False)
    note = models.CharField("说明", max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("填报时间", null=True, blank=True)

    class Meta:
        verbose_name = "承接能力自评"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "township", "power"], name="eval_assessment_unique"
            ),
            models.CheckConstraint(
                condition=~Q(ask_return=True, ask_add=True),
                name="eval_assessment_one_request",
                violation_error_message="申请:不能同时申请退回和新增",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.township} {self.power}"


class Opinion(models.Model):
    """The department's opinion on one of its items (部门意见)."""

    class Suggestion(models.TextChoices):
        KEEP = "keep", "保留"
        TRANSFER = "transfer", "调整主责单位"
        RETURN = "return", "收回县级"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="opinions")
    department = models.ForeignKey(
        Department, verbose_name="部门", on_delete=models.PROTECT, related_name="+"
    )
    power = models.ForeignKey(
        Power, verbose_name="事项", on_delete=models.PROTECT, related_name="+"
    )
    rating = models.PositiveSmallIntegerField("乡镇承接效果评价(1-5)", default=3)
    suggestion = models.CharField(
        "处理意见", max_length=12, choices=Suggestion.choices, default=Suggestion.KEEP
    )
    note = models.CharField("说明", max_length=500, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("填报时间", null=True, blank=True)

    class Meta:
        verbose_name = "部门意见"
        constraints = [
            models.UniqueConstraint(fields=["round", "power"], name="eval_opinion_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.department} {self.power}"


class PublicRating(models.Model):
    """The public's rating of one item in one township (群众评价: a survey's mean, 0-100)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ratings")
    township = models.ForeignKey(
        Division, verbose_name="乡镇(街道)", on_delete=models.PROTECT, related_name="+"
    )
    power = models.ForeignKey(
        Power, verbose_name="事项", on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField("满意度得分(0-100)", max_digits=5, decimal_places=2)
    respondents = models.PositiveIntegerField("参评人数", default=0)

    class Meta:
        verbose_name = "群众评价"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "township", "power"], name="eval_rating_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.township} {self.power}"


class Proposal(models.Model):
    """A result the rules reach for an item (保留、调整主责单位、收回、新增、上报), with the
    facts that led to it; the office accepts or rejects it with a reason."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "待审定"
        ACCEPTED = "accepted", "已采纳"
        REJECTED = "rejected", "未采纳"

    KIND_LABELS = {
        ChangeKind.KEEP: "保留",
        ChangeKind.TRANSFER: "调整主责单位",
        ChangeKind.RETURN: "收回县级",
        ChangeKind.ADD: "新增赋权",
        ChangeKind.REPORT_UPWARD: "上报建议",
    }

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField("建议", max_length=16, choices=list(KIND_LABELS.items()))
    power = models.ForeignKey(
        Power, verbose_name="事项", on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Division,
        verbose_name="乡镇(街道)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="空:承接该事项的全部乡镇(街道)",
    )
    unit = models.ForeignKey(
        Department,
        verbose_name="拟主责部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    matter = models.ForeignKey(
        "duties.Matter",
        verbose_name="属地事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField("理由", max_length=300)
    facts = models.TextField("依据事实")
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审定时间", null=True, blank=True)
    decision_reason = models.CharField("审定意见", max_length=500, blank=True)

    class Meta:
        ordering = ["round", "id"]
        verbose_name = "评估建议"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.power}"
