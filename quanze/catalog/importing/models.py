"""The import job table: one upload, its dry run, then its progress and outcome."""

from django.conf import settings
from django.db import models

from quanze.catalog.catalogs.models import Catalog, CatalogVersion


class ImportJob(models.Model):
    """One upload: its dry-run plan, then its progress and outcome when run."""

    class Status(models.TextChoices):
        PLANNED = "planned", "已预检"
        QUEUED = "queued", "排队中"
        RUNNING = "running", "导入中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    catalog = models.ForeignKey(Catalog, on_delete=models.PROTECT, related_name="imports")
    file_name = models.CharField("文件名", max_length=255)
    file_path = models.CharField(max_length=500)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PLANNED)
    create_departments = models.BooleanField("自动新建部门", default=False)
    mode = models.CharField(
        "导入方式",
        max_length=8,
        choices=[("merge", "新增/更新"), ("replace", "替换")],
        default="merge",
    )
    update_shared = models.BooleanField("同时修改其他目录中的事项", default=False)
    summary = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    version = models.ForeignKey(
        CatalogVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Liveness of a running job (quanze/core/heartbeat.py).
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    worker = models.CharField("工作进程", max_length=100, blank=True, default="")
    heartbeat_at = models.DateTimeField("最近心跳", null=True, blank=True)
    # Failed because its worker died or it stalled (importing/recovery.py), not for its file.
    halted = models.BooleanField("已停滞中止", default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"导入 {self.file_name}"
