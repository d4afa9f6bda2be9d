"""The one change log every domain write goes through."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ChangeRecord(models.Model):
    """Who changed what, when, and the field values before and after.

    Services write one row per created, changed or deleted object, explicitly
    (no signals), so bulk writes can record in bulk too.
    """

    class Action(models.TextChoices):
        CREATE = "create", "新建"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"
        PUBLISH = "publish", "发布"
        SUPERSEDE = "supersede", "废止"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.BigIntegerField()
    object_repr = models.CharField(max_length=300)
    action = models.CharField(max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(db_index=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        keys = list(dict.fromkeys([*self.before.keys(), *self.after.keys()]))
        return [
            (key, self.before.get(key), self.after.get(key))
            for key in keys
            if self.before.get(key) != self.after.get(key)
        ]


class Notice(models.Model):
    """An in-app notice to one user (通知): a reminder, a returned claim, an event sent to
    their unit. Written in bulk by `core/notices.py`, one row per recipient, so reading
    and marking read never touch another user's rows."""

    class Kind(models.TextChoices):
        CONSULTATION_REMINDER = "consultation_reminder", "征求意见催办"
        CLAIMS_RETURNED = "claims_returned", "认领退回"
        EVENT_ASSIGNED = "event_assigned", "事件派发"
        CASE_OVERDUE = "case_overdue", "执法案件超期督办"
        CASE_REVIEW = "case_review", "案卷评查结果"
        CERTIFICATE_EXPIRING = "certificate_expiring", "执法证到期提醒"
        EXAM_RESULTS = "exam_results", "执法资格考试成绩"
        TRAINING_REQUEST = "training_request", "培训需求"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField("类型", max_length=32, choices=Kind.choices)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    link = models.CharField("链接", max_length=500, blank=True)
    created_at = models.DateTimeField("时间")
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    # The e-mail copy, sent by a background task (`core/notice_mail.py`): when it went
    # out, or why it did not; both empty while it waits or when the user has no address.
    mailed_at = models.DateTimeField("邮件发送时间", null=True, blank=True)
    mail_error = models.CharField("邮件发送失败原因", max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "通知"
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notice_inbox"),
            models.Index(fields=["recipient", "read_at"], name="notice_unread"),
        ]

    def __str__(self) -> str:
        return self.title
