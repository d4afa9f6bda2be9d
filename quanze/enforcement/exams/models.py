"""Qualification exams (执法资格考试): a sitting, the candidates units register, their
results and the certificate issued from a pass."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from quanze.enforcement.officers.models import Certificate, Officer
from quanze.org.models import Division

PASS_MARK = Decimal("60")
SCORE = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class Sitting(models.Model):
    """One sitting of the exam a county's justice bureau organises."""

    class State(models.TextChoices):
        REGISTERING = "registering", "报名中"
        SCORED = "scored", "已录入成绩"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("考试名称", max_length=100)
    held_on = models.DateField("考试日期")
    pass_mark = models.DecimalField(
        "合格分数线", max_digits=5, decimal_places=1, default=PASS_MARK, validators=SCORE
    )
    state = models.CharField(
        "状态", max_length=16, choices=State.choices, default=State.REGISTERING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "执法资格考试"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enforcement:exam_detail", args=[self.pk])


class Candidate(models.Model):
    """An officer registered for a sitting by the officer's unit, and the result."""

    sitting = models.ForeignKey(
        Sitting, verbose_name="考试", on_delete=models.CASCADE, related_name="candidates"
    )
    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="exam_entries"
    )
    ticket = models.CharField("准考证号", max_length=20)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报名人", on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField("报名时间", auto_now_add=True)
    absent = models.BooleanField("缺考", default=False)
    score = models.DecimalField(
        "成绩", max_digits=5, decimal_places=1, null=True, blank=True, validators=SCORE
    )
    passed = models.BooleanField("合格", null=True, blank=True)
    certificate = models.OneToOneField(
        Certificate,
        verbose_name="核发的执法证",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exam_entry",
    )

    class Meta:
        ordering = ["sitting", "ticket"]
        verbose_name = "考生"
        constraints = [
            models.UniqueConstraint(fields=["sitting", "officer"], name="candidate_once"),
            models.UniqueConstraint(fields=["sitting", "ticket"], name="candidate_ticket"),
        ]

    def __str__(self) -> str:
        return f"{self.ticket} {self.officer.name}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:exam_detail", args=[self.sitting_id])
