"""The register of legal acts as versioned works, their articles, and recorded changes."""

from django.conf import settings
from django.db import models

from quanze.catalog.powers.citations import RANKS


class LegalAct(models.Model):
    """One legal act (法律、行政法规、地方性法规、规章…) as a work across its versions."""

    title = models.CharField("法规名称", max_length=200, unique=True)
    aliases = models.CharField(
        "其他名称", max_length=500, blank=True, help_text="简称或曾用名,以、分隔"
    )
    rank = models.CharField("效力层级", max_length=20, choices=[(r, r) for r in RANKS])
    issuing_body = models.CharField("制定机关", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = "法律法规"

    def __str__(self) -> str:
        return f"《{self.title}》"


class ActVersion(models.Model):
    """One text of an act, in force from `effective_date` until amended or repealed."""

    class Status(models.TextChoices):
        IN_FORCE = "in_force", "现行有效"
        AMENDED = "amended", "已被修改"
        REPEALED = "repealed", "已废止"

    act = models.ForeignKey(LegalAct, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    effective_date = models.DateField("施行日期")
    status = models.CharField(
        "状态", max_length=12, choices=Status.choices, default=Status.IN_FORCE
    )
    document_number = models.CharField("文号", max_length=100, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)

    class Meta:
        ordering = ["act", "-number"]
        verbose_name = "法规版本"
        constraints = [
            models.UniqueConstraint(fields=["act", "number"], name="act_version_unique_number"),
            models.UniqueConstraint(
                fields=["act"],
                condition=models.Q(status="in_force"),
                name="act_version_one_in_force",
                violation_error_message="每部法规只能有一个现行有效版本",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.act} 第{self.number}版({self.effective_date:%Y-%m-%d}施行)"


class Article(models.Model):
    """One article (条) of a version; its paragraphs are its clauses (款), its
    (一)(二)… lines its items (项)."""

    version = models.ForeignKey(ActVersion, on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveIntegerField("条")
    sub = models.PositiveSmallIntegerField("之", default=0, help_text="第五条之一:1")
    chapter = models.CharField("章", max_length=200, blank=True)
    text = models.TextField("条文")
    position = models.PositiveIntegerField("序号")

    class Meta:
        ordering = ["version", "position"]
        verbose_name = "条文"
        constraints = [
            models.UniqueConstraint(
                fields=["version", "number", "sub"], name="article_unique_number"
            ),
        ]

    def __str__(self) -> str:
        from quanze.evaluation.lawchange.parsing import article_label

        return article_label(self.number, self.sub)


class LawChange(models.Model):
    """An amendment, repeal or interpretation of an act, recorded by the justice bureau.

    `articles` holds the changed articles' numbers as citations write them ("23");
    empty means the whole act (a repeal always is). Its impact is computed live from the
    citations (selectors.impact_rows), so lists published after the change show too."""

    class Kind(models.TextChoices):
        AMEND = "amend", "修改"
        REPEAL = "repeal", "废止"
        INTERPRET = "interpret", "解释"

    act = models.ForeignKey(LegalAct, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    version_before = models.ForeignKey(
        ActVersion, verbose_name="原版本", on_delete=models.PROTECT, related_name="+"
    )
    version_after = models.ForeignKey(
        ActVersion,
        verbose_name="新版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    articles = models.JSONField("涉及条文", default=list, blank=True)
    effective_from = models.DateField("生效日期")
    document_number = models.CharField("文号", max_length=100, blank=True)
    summary = models.TextField("变更说明", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("记录时间")
    rows_found = models.PositiveIntegerField("受影响条目", default=0)
    units_notified = models.PositiveIntegerField("通知单位数", default=0)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = "法规变更"
        indexes = [models.Index(fields=["act", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.act}{self.get_kind_display()}({self.effective_from:%Y-%m-%d})"
