"""Stationed squads (派驻中队) and what the dual management records about them.

A county department stations a squad in a township (000: one city-management squad in
each of 20 townships). The township manages it day to day: it records attendance and
appraises it, and its consent is needed to appoint the squad's head (002's 任免同意权);
the department guides it, keeps its members (its own officers) and its equipment.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from quanze.enforcement.officers.models import Officer
from quanze.org.models import Department, Division


class Squad(models.Model):
    """A department's enforcement squad stationed in a township (派驻中队)."""

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department, verbose_name="派出部门", on_delete=models.PROTECT, related_name="squads"
    )
    township = models.ForeignKey(
        Division, verbose_name="派驻乡镇(街道)", on_delete=models.PROTECT, related_name="squads"
    )
    name = models.CharField("名称", max_length=100)
    established_on = models.DateField("设立日期")
    management = models.CharField(
        "管理体制",
        max_length=200,
        default="派出部门与乡镇(街道)双重管理,以乡镇(街道)管理为主",
    )
    head = models.ForeignKey(
        Officer,
        verbose_name="中队长",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    active = models.BooleanField("在设", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["township__code", "department__name", "id"]
        verbose_name = "派驻中队"
        constraints = [
            models.UniqueConstraint(
                fields=["department", "township", "name"],
                name="squad_unique_name",
                violation_error_message="名称:该部门在本乡镇(街道)已有同名中队",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:squad_detail", args=[self.pk])


class SquadMember(models.Model):
    """An officer of the department serving in the squad from `joined_on` (to `left_on`)."""

    squad = models.ForeignKey(Squad, on_delete=models.PROTECT, related_name="members")
    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="squad_terms"
    )
    joined_on = models.DateField("派驻日期")
    left_on = models.DateField("撤回日期", null=True, blank=True)

    class Meta:
        ordering = ["squad", "officer__name", "id"]
        verbose_name = "中队队员"
        constraints = [
            models.UniqueConstraint(
                fields=["officer"],
                condition=Q(left_on__isnull=True),
                name="squad_member_one_active",
                violation_error_message="执法人员:已在一个派驻中队",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.squad} {self.officer}"


class Equipment(models.Model):
    """Vehicles and equipment (执法车辆、执法记录仪 …) of a squad or a township's own team."""

    class Kind(models.TextChoices):
        VEHICLE = "vehicle", "执法车辆"
        RECORDER = "recorder", "执法记录仪"
        TERMINAL = "terminal", "移动执法终端"
        OTHER = "other", "其他装备"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    squad = models.ForeignKey(
        Squad,
        verbose_name="派驻中队",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="equipment",
    )
    township = models.ForeignKey(
        Division,
        verbose_name="乡镇(街道)执法队伍",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enforcement_equipment",
    )
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    name = models.CharField("名称或型号", max_length=100)
    quantity = models.PositiveIntegerField("数量", default=1)
    identifier = models.CharField("编号或车牌", max_length=50, blank=True)
    acquired_on = models.DateField("配备日期", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = "执法装备"
        constraints = [
            models.CheckConstraint(
                condition=Q(squad__isnull=False, township__isnull=True)
                | Q(squad__isnull=True, township__isnull=False),
                name="equipment_one_unit",
                violation_error_message="所属单位:应为一个派驻中队或一个乡镇(街道)",
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="equipment_quantity",
                violation_error_message="数量:至少为1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class Attendance(models.Model):
    """A month's attendance of one member, recorded by the township (日常考勤)."""

    squad = models.ForeignKey(Squad, on_delete=models.PROTECT, related_name="attendance")
    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="+"
    )
    month = models.DateField("月份")
    days_due = models.PositiveSmallIntegerField("应出勤天数")
    days_present = models.PositiveSmallIntegerField("实出勤天数")
    note = models.CharField("说明", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now=True)

    class Meta:
        ordering = ["-month", "officer__name"]
        verbose_name = "考勤记录"
        constraints = [
            models.UniqueConstraint(
                fields=["squad", "officer", "month"],
                name="attendance_unique_month",
                violation_error_message="月份:该队员本月已有考勤记录",
            ),
            models.CheckConstraint(
                condition=Q(days_present__lte=models.F("days_due")),
                name="attendance_present_le_due",
                violation_error_message="实出勤天数:不能多于应出勤天数",
            ),
            models.CheckConstraint(
                condition=Q(days_due__lte=31),
                name="attendance_due_month",
                violation_error_message="应出勤天数:一个月最多31天",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.month:%Y-%m}"


class Appraisal(models.Model):
    """The township's yearly appraisal of a squad stationed in it (考评)."""

    squad = models.ForeignKey(Squad, on_delete=models.PROTECT, related_name="appraisals")
    year = models.PositiveSmallIntegerField("年度")
    score = models.DecimalField("得分", max_digits=5, decimal_places=1)
    grade = models.CharField("等次", max_length=8)
    comment = models.CharField("评语", max_length=500, blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="考评人", on_delete=models.PROTECT, related_name="+"
    )
    appraised_at = models.DateTimeField("考评时间", auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = "中队考评"
        constraints = [
            models.UniqueConstraint(
                fields=["squad", "year"],
                name="appraisal_unique_year",
                violation_error_message="年度:该中队本年度已有考评",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100),
                name="appraisal_score_range",
                violation_error_message="得分:应在0到100之间",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.squad} {self.year}年度考评"


class HeadConsent(models.Model):
    """The department asks the township's consent to appoint the squad's head (任免同意权)."""

    class State(models.TextChoices):
        PENDING = "pending", "待答复"
        AGREED = "agreed", "同意"
        REFUSED = "refused", "不同意"

    squad = models.ForeignKey(Squad, on_delete=models.PROTECT, related_name="consents")
    candidate = models.ForeignKey(
        Officer, verbose_name="拟任中队长", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField("任免理由", max_length=500)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    answer = models.CharField("答复意见", max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提请人", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("提请时间", auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "中队长任免征求意见"
        constraints = [
            models.UniqueConstraint(
                fields=["squad"],
                condition=Q(state="pending"),
                name="consent_one_pending",
                violation_error_message="派驻中队:已有一件待答复的征求意见",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.squad} 拟任{self.candidate}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:squad_detail", args=[self.squad_id])
