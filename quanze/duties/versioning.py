"""What every versioned list of this app shares (the catalog's rules, own rows)."""

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    SUPERSEDED = "superseded", "已废止"


class VersionBase(models.Model):
    number = models.PositiveIntegerField("版本号")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT)
    effective_date = models.DateField("生效日期", null=True, blank=True)
    document_number = models.CharField("文号", max_length=100, blank=True)
    note = models.CharField("说明", max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    Status = Status

    class Meta:
        abstract = True

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED
