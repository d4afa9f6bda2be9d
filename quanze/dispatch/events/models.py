"""Whistle-and-report events (吹哨报到、接诉即办): the event, who must act on it, and its log."""

from django.conf import settings
from django.db import models

from quanze.dispatch.events.states import ACTION_LABELS, State
from quanze.org.models import Department, Division


class Event(models.Model):
    """One problem reported in one place, routed by the responsibility list in force that day."""

    State = State

    class Source(models.TextChoices):
        TOWNSHIP = "township", "乡镇(街道)上报"
        GRID = "grid", "网格员上报"
        WEB = "web", "网上表单"
        API = "api", "系统接口"
        HOTLINE = "hotline", "12345热线"

    source = models.CharField("来源", max_length=16, choices=Source.choices)
    external_ref = models.CharField("来源编号", max_length=64, blank=True)
    description = models.TextField("诉求内容")
    county = models.ForeignKey(
        Division, verbose_name="县(市、区)", on_delete=models.PROTECT, related_name="+"
    )
    township = models.ForeignKey(
        Division, verbose_name="乡镇(街道)", on_delete=models.PROTECT, related_name="events"
    )
    village = models.ForeignKey(
        Division,
        verbose_name="村(社区)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField("详细地址", max_length=200, blank=True)
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)
    occurred_at = models.DateTimeField("发生时间")
    reporter_name = models.CharField("反映人", max_length=50, blank=True)
    reporter_phone = models.CharField("联系电话", max_length=30, blank=True)
    grid = models.CharField("网格", max_length=100, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    matter = models.ForeignKey(
        "duties.Matter",
        verbose_name="事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    matter_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="事项确认人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    suggestions = models.JSONField("推荐事项", default=list, blank=True)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.CALLED)
    row_version = models.PositiveIntegerField("版本号", default=1)
    primary_department = models.ForeignKey(
        Department,
        verbose_name="主体责任单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    fallback_department = models.ForeignKey(
        Department,
        verbose_name="兜底部门",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    routing = models.JSONField("派发依据", default=dict, blank=True)
    accept_due = models.DateTimeField("接收时限", null=True, blank=True)
    handle_due = models.DateTimeField("办结时限", null=True, blank=True)
    dispatched_at = models.DateTimeField("派发时间", null=True, blank=True)
    handled_at = models.DateTimeField("办结时间", null=True, blank=True)
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)
    result = models.TextField("办理结果", blank=True)
    rating = models.PositiveSmallIntegerField("满意度评分", null=True, blank=True)
    satisfied = models.BooleanField("是否满意", null=True, blank=True)
    fallback_acted = models.BooleanField("兜底部门办理", default=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "事件"
        indexes = [
            models.Index(fields=["state", "accept_due"], name="event_state_accept_due"),
            models.Index(fields=["state", "handle_due"], name="event_state_handle_due"),
            models.Index(fields=["township", "created_at"], name="event_township_created"),
            models.Index(fields=["county", "created_at"], name="event_county_created"),
            # The county's queue counts read only this index (a county's year: tens of
            # thousands of events scattered over the table; docs/performance.md).
            models.Index(fields=["county", "state", "handle_due"], name="event_county_state_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_ref"],
                condition=~models.Q(external_ref=""),
                name="event_unique_external_ref",
                violation_error_message="来源编号:该工单已登记",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="event_rating_range",
                violation_error_message="满意度评分:应为1至5分",
            ),
        ]

    def __str__(self) -> str:
        return f"事件{self.pk}"

    @property
    def number(self) -> str:
        return f"SJ{self.pk:08d}"


class Assignment(models.Model):
    """A department told to act on an event: the primary unit, a cooperating or summoned one,
    or the fallback. The dates make the measures (time to accept, to handle)."""

    class Role(models.TextChoices):
        PRIMARY = "primary", "主体责任"
        COOPERATING = "cooperating", "配合责任"
        SUMMONED = "summoned", "吹哨报到"
        FALLBACK = "fallback", "兜底"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(
        Department, verbose_name="部门", on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField("责任类型", max_length=16, choices=Role.choices)
    task = models.TextField("应做工作", blank=True)
    assigned_at = models.DateTimeField("派发时间")
    accept_due = models.DateTimeField("接收时限")
    handle_due = models.DateTimeField("办结时限")
    accepted_at = models.DateTimeField("接收时间", null=True, blank=True)
    handled_at = models.DateTimeField("办结时间", null=True, blank=True)
    # Seconds from assignment, kept as integers so percentiles are the same SQL everywhere.
    accept_seconds = models.IntegerField("接收用时(秒)", null=True, blank=True)
    handle_seconds = models.IntegerField("办结用时(秒)", null=True, blank=True)
    accepted_in_time = models.BooleanField("按时接收", null=True, blank=True)
    sent_back = models.BooleanField("已退回", default=False)
    escalated = models.BooleanField("曾超期", default=False)
    active = models.BooleanField("有效", default=True)

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = "派发"
        indexes = [
            models.Index(fields=["department", "assigned_at"], name="assignment_dept_assigned"),
            models.Index(fields=["department", "active"], name="assignment_dept_active"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.department}"


class EventLog(models.Model):
    """One row per transition: who, when, from, to, why."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField("时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.CharField("单位", max_length=100, blank=True)
    action = models.CharField("操作", max_length=32)
    from_state = models.CharField("原状态", max_length=16, blank=True)
    to_state = models.CharField("新状态", max_length=16)
    reason = models.TextField("说明", blank=True)
    data = models.JSONField("附加信息", default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "事件记录"

    def __str__(self) -> str:
        return f"{self.event} {self.from_state}→{self.to_state}"

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def from_label(self) -> str:
        return Event.State(self.from_state).label if self.from_state else "—"

    @property
    def to_label(self) -> str:
        return Event.State(self.to_state).label
