"""Background publication of a decision's township lists (see services.py and run.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

ACTIVE = ("queued", "running")


class JobQuerySet(models.QuerySet):
    def active(self):
        """Jobs still queued or running (at most one per decision): `decision.publication_jobs
        .active()` is how a publication sees another one in progress."""
        return self.filter(status__in=ACTIVE)


class PublicationJob(models.Model):
    """One press of 发布 on a decision: queued, run by the task worker, done or failed.

    At most one job per decision is queued or running (a partial unique constraint backs
    the service's check). The job says who asked, when, how far it got (townships done
    of total) and, when it failed, why in Chinese; a failed publication wrote nothing.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "发布中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    decision = models.ForeignKey(
        "delegation.Decision", on_delete=models.CASCADE, related_name="publication_jobs"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("提交时间")
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    total_townships = models.PositiveIntegerField("乡镇(街道)总数", default=0)
    done_townships = models.PositiveIntegerField("已处理乡镇(街道)", default=0)
    result = models.CharField("结果", max_length=500, blank=True)
    error = models.TextField("失败原因", blank=True)
    # Liveness of a running job (quanze/core/heartbeat.py).
    worker = models.CharField("工作进程", max_length=100, blank=True, default="")
    heartbeat_at = models.DateTimeField("最近心跳", null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "发布任务"
        constraints = [
            models.UniqueConstraint(
                fields=["decision"],
                condition=Q(status__in=list(ACTIVE)),
                name="publication_job_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"发布任务 #{self.pk}"

    @property
    def active(self) -> bool:
        return self.status in ACTIVE

    @property
    def percent(self) -> int:
        return 100 * self.done_townships // self.total_townships if self.total_townships else 0
