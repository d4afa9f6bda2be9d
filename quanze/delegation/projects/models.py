"""A delegation project and the assessment of its items."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from quanze.catalog.models import CatalogEntry, CatalogVersion, Power
from quanze.org.models import Division

SCORE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("5"))]


class ItemClass(models.TextChoices):
    """Assessment classes (第一批 / 第二批 / 不建议承接 / 待研究)."""

    BATCH1 = "batch1", "第一批承接"
    BATCH2 = "batch2", "第二批承接"
    NOT_RECOMMENDED = "not_recommended", "不建议承接"
    PENDING = "pending", "待研究"


class DelegationProject(models.Model):
    """A county's delegation exercise over one catalog version."""

    class Stage(models.TextChoices):
        ASSESSMENT = "assessment", "评估分类"
        CONSULTATION = "consultation", "征求意见"
        REVIEW = "review", "合法性审核"
        APPROVAL = "approval", "常务会审议"
        CLAIMS = "claims", "乡镇认领"
        CLOSED = "closed", "已结束"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("项目名称", max_length=200)
    catalog_version = models.ForeignKey(
        CatalogVersion, verbose_name="目录版本", on_delete=models.PROTECT, related_name="+"
    )
    townships = models.ManyToManyField(
        Division, verbose_name="涉及乡镇(街道)", related_name="delegation_projects"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="负责人(编办)",
        on_delete=models.PROTECT,
        related_name="+",
    )
    stage = models.CharField("阶段", max_length=20, choices=Stage.choices, default=Stage.ASSESSMENT)
    started_on = models.DateField("开始日期")
    due_on = models.DateField("计划完成日期", null=True, blank=True)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = "赋权项目"
        constraints = [
            models.UniqueConstraint(
                fields=["county", "name"],
                name="project_unique_name",
                violation_error_message="项目名称:本县已有同名赋权项目",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AssessmentCriterion(models.Model):
    """One criterion the office scores items on; the axis's index is the weighted mean."""

    class Axis(models.TextChoices):
        DIFFICULTY = "difficulty", "难度指数"
        NECESSITY = "necessity", "必要性"

    project = models.ForeignKey(
        DelegationProject, on_delete=models.CASCADE, related_name="criteria"
    )
    axis = models.CharField("指标", max_length=12, choices=Axis.choices)
    name = models.CharField("评分项", max_length=100)
    guidance = models.TextField("评分说明", blank=True)
    weight = models.DecimalField(
        "权重",
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        ordering = ["project", "axis", "position", "id"]
        verbose_name = "评估标准"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "axis", "name"],
                name="criterion_unique_name",
                violation_error_message="评分项:该指标下已有同名评分项",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_axis_display()}·{self.name}"


class AssessmentRule(models.Model):
    """The class-proposal rule of a project, in thresholds the office can read and adjust.

    Scores run 0-5. In order: a do-not-delegate flag (when `flags_exclude`) or a
    necessity below `not_recommended_below` → not recommended; necessity at least
    `batch1_min_necessity` and difficulty at most `batch1_max_difficulty` → batch 1;
    likewise for batch 2; anything else → pending study.
    """

    project = models.OneToOneField(DelegationProject, on_delete=models.CASCADE, related_name="rule")
    flags_exclude = models.BooleanField("触及“三不放”即不建议承接", default=True)
    not_recommended_below = models.DecimalField(
        "必要性低于此值不建议承接",
        max_digits=3,
        decimal_places=2,
        default=Decimal("2"),
        validators=SCORE_VALIDATORS,
    )
    batch1_min_necessity = models.DecimalField(
        "第一批:必要性不低于",
        max_digits=3,
        decimal_places=2,
        default=Decimal("4"),
        validators=SCORE_VALIDATORS,
    )
    batch1_max_difficulty = models.DecimalField(
        "第一批:难度指数不高于",
        max_digits=3,
        decimal_places=2,
        default=Decimal("2.5"),
        validators=SCORE_VALIDATORS,
    )
    batch2_min_necessity = models.DecimalField(
        "第二批:必要性不低于",
        max_digits=3,
        decimal_places=2,
        default=Decimal("3"),
        validators=SCORE_VALIDATORS,
    )
    batch2_max_difficulty = models.DecimalField(
        "第二批:难度指数不高于",
        max_digits=3,
        decimal_places=2,
        default=Decimal("3.5"),
        validators=SCORE_VALIDATORS,
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "分类规则"

    def __str__(self) -> str:
        return f"{self.project} 分类规则"


class ItemAssessment(models.Model):
    """One catalog entry as assessed in one project: scores, 三不放 flags and its class."""

    project = models.ForeignKey(DelegationProject, on_delete=models.CASCADE, related_name="items")
    entry = models.ForeignKey(CatalogEntry, on_delete=models.PROTECT, related_name="+")
    power = models.ForeignKey(Power, on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField("评分明细", default=dict, blank=True)
    difficulty = models.DecimalField(
        "难度指数",
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
    )
    necessity = models.DecimalField(
        "必要性",
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SCORE_VALIDATORS,
    )
    technical = models.BooleanField("专业技术性强", default=False)
    technical_reason = models.CharField("专业技术性强的理由", max_length=500, blank=True)
    dispute_prone = models.BooleanField("易引起矛盾纠纷", default=False)
    dispute_prone_reason = models.CharField("易引起矛盾纠纷的理由", max_length=500, blank=True)
    risk_shifting = models.BooleanField("易转移风险", default=False)
    risk_shifting_reason = models.CharField("易转移风险的理由", max_length=500, blank=True)
    proposed_class = models.CharField(
        "建议分类", max_length=20, choices=ItemClass.choices, blank=True
    )
    final_class = models.CharField("分类", max_length=20, choices=ItemClass.choices, blank=True)
    override_reason = models.CharField("调整分类理由", max_length=500, blank=True)
    note = models.TextField("备注", blank=True)
    position = models.PositiveIntegerField("序号")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["project", "position"]
        verbose_name = "事项评估"
        constraints = [
            models.UniqueConstraint(fields=["project", "entry"], name="assessment_unique_entry"),
        ]
        indexes = [models.Index(fields=["project", "final_class"])]

    def __str__(self) -> str:
        return str(self.power)

    @property
    def overridden(self) -> bool:
        return bool(self.final_class) and self.final_class != self.proposed_class
