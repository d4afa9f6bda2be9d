"""Consultation rounds (征求意见, 三上三下): opinions, feedback, dispositions, meetings."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from quanze.org.models import Department, Division
from quanze.org.roles import is_county_wide, is_department_clerk, is_township_clerk


class Answer(models.TextChoices):
    YES = "yes", "同意"
    CONDITIONAL = "conditional", "有条件同意"
    NO = "no", "不同意"


class RoundQuerySet(models.QuerySet):
    def readable_by(self, user):
        """The rounds `user` may see: the office and the justice bureau those of their county,
        a department or township clerk those it is asked in, anyone else none. The one rule
        behind `consultation.selectors.rounds_readable`, and the project page's list of rounds
        (`project.rounds.readable_by(user)`)."""
        if is_county_wide(user):
            return self.filter(project__county_id=user.county_id)
        if is_department_clerk(user):
            return self.filter(recipients__department_id=user.department_id)
        if is_township_clerk(user):
            return self.filter(recipients__township_id=user.township_id)
        return self.none()


class ConsultationRound(models.Model):
    """One round of consultation; frozen (no edits, no reopening) once closed."""

    class Status(models.TextChoices):
        OPEN = "open", "征求中"
        CLOSED = "closed", "已关闭"

    project = models.ForeignKey(
        "delegation.DelegationProject", on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveSmallIntegerField("轮次")
    title = models.CharField("标题", max_length=200, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    items = models.ManyToManyField(
        "delegation.ItemAssessment", verbose_name="征求事项", related_name="rounds"
    )
    due_on = models.DateField("反馈截止日期", null=True, blank=True)
    opened_at = models.DateTimeField("开启时间")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["project", "number"]
        verbose_name = "征求意见轮次"
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="round_unique_number"),
            models.UniqueConstraint(
                fields=["project"], condition=Q(status="open"), name="round_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"第{self.number}轮征求意见"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class RoundRecipient(models.Model):
    """A department or a township asked in a round."""

    round = models.ForeignKey(
        ConsultationRound, on_delete=models.CASCADE, related_name="recipients"
    )
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Division, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["round", "department__name", "township__code"]
        verbose_name = "征求对象"
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=True, township__isnull=False)
                | Q(department__isnull=False, township__isnull=True),
                name="recipient_one_unit",
            ),
            models.UniqueConstraint(
                fields=["round", "department"],
                condition=Q(department__isnull=False),
                name="recipient_unique_department",
            ),
            models.UniqueConstraint(
                fields=["round", "township"],
                condition=Q(township__isnull=False),
                name="recipient_unique_township",
            ),
        ]

    def __str__(self) -> str:
        return str(self.department or self.township)


class DepartmentOpinion(models.Model):
    """A department's opinion on one item in one round."""

    round = models.ForeignKey(ConsultationRound, on_delete=models.CASCADE, related_name="opinions")
    item = models.ForeignKey(
        "delegation.ItemAssessment", on_delete=models.CASCADE, related_name="opinions"
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    can_delegate = models.CharField("能否下放", max_length=12, choices=Answer.choices)
    legal_basis = models.TextField("法律依据", blank=True)
    method = models.CharField("下放方式", max_length=200, blank=True)
    difficulty = models.TextField("承接难点", blank=True)
    training = models.TextField("培训指导安排", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField("反馈时间")
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["round", "item__position", "department__name"]
        verbose_name = "部门意见"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "item", "department"], name="opinion_unique_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department}:{self.get_can_delegate_display()}"


class TownshipFeedback(models.Model):
    """A township's written feedback on one item in one round."""

    class Capacity(models.TextChoices):
        SUFFICIENT = "sufficient", "具备承接能力"
        PARTIAL = "partial", "基本具备,需培训"
        INSUFFICIENT = "insufficient", "不具备承接能力"

    round = models.ForeignKey(ConsultationRound, on_delete=models.CASCADE, related_name="feedback")
    item = models.ForeignKey(
        "delegation.ItemAssessment", on_delete=models.CASCADE, related_name="feedback"
    )
    township = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+")
    willing = models.CharField("是否愿意承接", max_length=12, choices=Answer.choices)
    reason = models.TextField("理由", blank=True)
    capacity = models.CharField("承接能力", max_length=12, choices=Capacity.choices)
    capacity_note = models.TextField("能力说明", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField("反馈时间")
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["round", "item__position", "township__code"]
        verbose_name = "乡镇反馈"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "item", "township"], name="feedback_unique_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.township}:{self.get_willing_display()}"


class Disposition(models.Model):
    """The office's disposition of one department opinion or township feedback."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        NOT_ADOPTED = "not_adopted", "不采纳"

    opinion = models.OneToOneField(
        DepartmentOpinion,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="disposition",
    )
    feedback = models.OneToOneField(
        TownshipFeedback,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="disposition",
    )
    outcome = models.CharField("处理结果", max_length=12, choices=Outcome.choices)
    reason = models.TextField("理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("处理时间")
    row_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "意见处理"
        constraints = [
            models.CheckConstraint(
                condition=Q(opinion__isnull=True, feedback__isnull=False)
                | Q(opinion__isnull=False, feedback__isnull=True),
                name="disposition_one_answer",
            ),
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()


class Meeting(models.Model):
    """A meeting (座谈会, 面对面交流) recorded against items."""

    project = models.ForeignKey(
        "delegation.DelegationProject", on_delete=models.CASCADE, related_name="meetings"
    )
    round = models.ForeignKey(
        ConsultationRound,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    held_on = models.DateField("会议日期")
    title = models.CharField("会议名称", max_length=200)
    attendees = models.TextField("参会人员")
    agreed = models.TextField("议定事项")
    items = models.ManyToManyField(
        "delegation.ItemAssessment", verbose_name="涉及事项", related_name="meetings", blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-held_on", "-id"]
        verbose_name = "会议纪要"

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


class Reminder(models.Model):
    """A reminder sent to a recipient with items outstanding in an open round."""

    recipient = models.ForeignKey(
        RoundRecipient, on_delete=models.CASCADE, related_name="reminders"
    )
    message = models.CharField("提醒内容", max_length=500)
    outstanding = models.PositiveIntegerField("未反馈事项数")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField("提醒时间")

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = "催办提醒"

    def __str__(self) -> str:
        return f"{self.recipient} {self.sent_at:%Y-%m-%d}"
