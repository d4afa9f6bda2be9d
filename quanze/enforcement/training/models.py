"""Training (培训): the lecturer group (讲师团), courses, attendance, and the townships'
"菜单式" requests with the bureau's answer."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from quanze.enforcement.officers.models import Officer
from quanze.org.models import Division

HOURS = [MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("200"))]


class Lecturer(models.Model):
    """A member of the county's lecturer group (行政执法业务培训讲师团)."""

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("姓名", max_length=50)
    organisation = models.CharField("工作单位", max_length=100)
    topics = models.CharField("擅长领域", max_length=200, blank=True)
    active = models.BooleanField("在册", default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "讲师"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enforcement:training_lecturers")


class TrainingRequest(models.Model):
    """A township's request for a course chosen from the menu (菜单式选学)."""

    class State(models.TextChoices):
        PENDING = "pending", "待答复"
        ACCEPTED = "accepted", "已安排"
        DECLINED = "declined", "不予安排"

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Division, verbose_name="乡镇(街道)", on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField("选学专题", max_length=100)
    wanted_on = models.DateField("希望日期", null=True, blank=True)
    attendees = models.PositiveIntegerField("预计人数", default=10)
    notes = models.CharField("具体需求", max_length=500, blank=True)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.PENDING)
    answer = models.CharField("答复", max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
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
        verbose_name = "培训需求"

    def __str__(self) -> str:
        return f"{self.township.name}:{self.topic}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:training_requests")


class Course(models.Model):
    """One course held on a day, with its hours (学时) and lecturer."""

    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("课程名称", max_length=100)
    held_on = models.DateField("培训日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1, validators=HOURS)
    lecturer = models.ForeignKey(
        Lecturer,
        verbose_name="讲师",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="courses",
    )
    request = models.ForeignKey(
        TrainingRequest,
        verbose_name="培训需求",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    place = models.CharField("地点", max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "培训课程"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enforcement:training_course", args=[self.pk])


class TrainingAttendance(models.Model):
    """An officer's attendance of a course (one 人次) and the hours credited."""

    course = models.ForeignKey(
        Course, verbose_name="课程", on_delete=models.CASCADE, related_name="attendances"
    )
    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="attendances"
    )
    hours = models.DecimalField("计入学时", max_digits=5, decimal_places=1, validators=HOURS)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["course", "officer"]
        verbose_name = "参训记录"
        constraints = [
            models.UniqueConstraint(fields=["course", "officer"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.officer.name} · {self.course.title}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:training_course", args=[self.course_id])
