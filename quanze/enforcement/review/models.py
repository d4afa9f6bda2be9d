"""Case-file review (案卷评查): scoring sheets, review rounds, the sampled files, findings."""

from django.conf import settings
from django.db import models

from quanze.enforcement.cases.models import Case
from quanze.org.models import Department, Division


class ScoreSheet(models.Model):
    """A county's scoring sheet (评查标准): veto items and deduction items in two parts
    (形式 and 内容, by default 20 and 80 points)."""

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("名称", max_length=100)
    form_points = models.PositiveSmallIntegerField("形式分", default=20)
    content_points = models.PositiveSmallIntegerField("内容分", default=80)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="制定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("制定时间", auto_now_add=True)

    class Meta:
        ordering = ["county", "-created_at", "-id"]
        verbose_name = "评查标准"
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="sheet_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class SheetItem(models.Model):
    """One line of a sheet: a veto item (any one fails the file) or a deduction item."""

    class Kind(models.TextChoices):
        VETO = "veto", "否决项"
        DEDUCTION = "deduction", "扣分项"

    class Part(models.TextChoices):
        NONE = "", "—"
        FORM = "form", "形式"
        CONTENT = "content", "内容"

    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("序号")
    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    part = models.CharField("部分", max_length=10, choices=Part.choices, blank=True)
    text = models.CharField("评查内容", max_length=200)
    points = models.DecimalField("最高扣分", max_digits=5, decimal_places=1, default=0)
    auto_check = models.CharField("自动检查", max_length=20, blank=True)

    class Meta:
        ordering = ["sheet", "position"]
        verbose_name = "评查项目"

    def __str__(self) -> str:
        return self.text


class ReviewRound(models.Model):
    """One review round of the justice bureau: the period, the sampling rule, the sheet."""

    class State(models.TextChoices):
        OPEN = "open", "评查中"
        FINISHED = "finished", "已完成"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("名称", max_length=100)
    period_start = models.DateField("结案日期自")
    period_end = models.DateField("结案日期至")
    per_unit = models.PositiveSmallIntegerField("每单位抽取件数")
    seed = models.BigIntegerField("随机种子")
    rule = models.TextField("抽样规则")
    sheet = models.ForeignKey(ScoreSheet, verbose_name="评查标准", on_delete=models.PROTECT)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="组织人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("组织时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "评查轮次"

    def __str__(self) -> str:
        return self.title


class ReviewedFile(models.Model):
    """One sampled case file of a round, its score and the reviewer's notes."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="files")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reviews")
    township = models.ForeignKey(
        Division, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit_name = models.CharField("被评查单位", max_length=200)
    detected = models.JSONField("自动检查结果", default=list, blank=True)
    score = models.DecimalField("得分", max_digits=5, decimal_places=1, null=True, blank=True)
    vetoed = models.BooleanField("触及否决项", default=False)
    grade = models.CharField("等次", max_length=10, blank=True)
    notes = models.TextField("评查意见", blank=True)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    scored_at = models.DateTimeField("评查时间", null=True, blank=True)

    class Meta:
        ordering = ["round", "unit_name", "case_id"]
        verbose_name = "评查案卷"
        constraints = [
            models.UniqueConstraint(fields=["round", "case"], name="review_file_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round}:{self.case}"


class Finding(models.Model):
    """One item a file fails: a veto, or a deduction of some points, with a note."""

    file = models.ForeignKey(ReviewedFile, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(SheetItem, verbose_name="评查项目", on_delete=models.PROTECT)
    points = models.DecimalField("扣分", max_digits=5, decimal_places=1, default=0)
    note = models.CharField("说明", max_length=300, blank=True)
    detected = models.BooleanField("系统检出", default=False)

    class Meta:
        ordering = ["file", "item__position"]
        verbose_name = "评查发现"

    def __str__(self) -> str:
        return f"{self.item}:{self.points}"
