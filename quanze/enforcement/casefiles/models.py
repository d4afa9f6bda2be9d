"""The case file (案卷) rendered in the background and kept as a file."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from quanze.enforcement.cases.models import Case

ACTIVE = ("queued", "running")


class JobQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE)


class CaseFileJob(models.Model):
    """One rendering of a case's file: queued, run by the task worker, done (the PDF is
    stored) or failed (why, in Chinese). `fingerprint` is the state of the case (and of the
    county's templates) the file was rendered from: when the case changes the stored file
    is stale and is rendered again (`selectors.case_file_fingerprint`). At most one job per
    case is queued or running."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "生成中"
        DONE = "done", "已生成"
        FAILED = "failed", "失败"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="case_file_jobs")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    fingerprint = models.CharField("案件状态摘要", max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提交人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("提交时间")
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    total_sections = models.PositiveIntegerField("文书总数", default=0)
    done_sections = models.PositiveIntegerField("已排版文书", default=0)
    file = models.FileField("案卷文件", upload_to="enforcement/case-files/%Y/%m/", blank=True)
    size = models.PositiveIntegerField("大小(字节)", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    error = models.TextField("失败原因", blank=True)
    # Liveness of a running job (quanze/core/heartbeat.py).
    worker = models.CharField("工作进程", max_length=100, blank=True, default="")
    heartbeat_at = models.DateTimeField("最近心跳", null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "案卷生成任务"
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status__in=list(ACTIVE)),
                name="case_file_job_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"案卷生成任务 #{self.pk}"

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    @property
    def percent(self) -> int:
        return 100 * self.done_sections // self.total_sections if self.total_sections else 0
