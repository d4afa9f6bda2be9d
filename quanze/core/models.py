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
        SQUAD_CONSENT = "squad_consent", "派驻中队负责人任免征求意见"
        STAFFING = "staffing", "编制与派驻中队"
        CONSULTATION_OPENED = "consultation_opened", "征求意见"
        REVIEW_REQUESTED = "review_requested", "合法性审核申请"
        REVIEW_COMPLETED = "review_completed", "合法性审核完成"
        BATCH_ITEM_REMOVED = "batch_item_removed", "批次事项移出"
        CLAIMS_SUBMITTED = "claims_submitted", "认领提交"
        ADMISSION_FILED = "admission_filed", "准入申请"
        ADMISSION_DECIDED = "admission_decided", "准入决定"
        DUTY_ROUND_OPENED = "duty_round_opened", "三上三下"
        EVENT_HANDLED = "event_handled", "事件办结"
        EVENT_SENT_BACK = "event_sent_back", "事件退回"
        EVENT_DISPUTED = "event_disputed", "事件争议"
        EVENT_OVERDUE = "event_overdue", "事件超期"
        IMPORT_CONFIRMATION = "import_confirmation", "导入待确认"
        CASE_FILE = "case_file", "案卷生成"
        BENCHMARK_PUBLISHED = "benchmark_published", "裁量基准发布"
        LEGAL_REVIEW = "legal_review", "法制审核"
        CERTIFICATE_EXPIRING = "certificate_expiring", "执法证到期提醒"
        EXAM_RESULTS = "exam_results", "执法资格考试成绩"
        TRAINING_REQUEST = "training_request", "培训需求"
        EVALUATION_INPUT = "evaluation_input", "评估意见征集"
        EVALUATION_COMPUTED = "evaluation_computed", "评估测算完成"
        EVALUATION_DECIDED = "evaluation_decided", "评估建议审定"
        APPRAISAL_OPENED = "appraisal_opened", "双向互评开始评分"
        APPRAISAL_CLOSED = "appraisal_closed", "双向互评结果"
        LAW_CHANGED = "law_changed", "法规立改废释"
        ADJUSTMENT_STARTED = "adjustment_started", "动态调整启动"
        ADJUSTMENT_COMPLETED = "adjustment_completed", "动态调整完成"

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
