"""The dispatch section of the workbench: the unit's event queues with their deadlines, and
its three rates over the last 30 days."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from quanze.core.workbench import Figure, Section, Task, rate
from quanze.dispatch.intake.services import raises_events
from quanze.dispatch.loop.selectors import QUEUES, queue_summary
from quanze.dispatch.measures.selectors import rates_overview
from quanze.org.roles import is_county_wide, is_department_clerk, is_office, is_township_clerk

# What each role is asked to do about each queue (the queue's own name when absent).
LABELS = {
    "new": "待确认事项并派发(含被退回)",
    "disputed": "争议待裁定",
    "overdue": "已超期未办结",
    "due": "24小时内到期",
    "feedback": "已办结待评价",
    "open": "办理中",
    "accept": "本乡镇队伍待接收(属地承办)",
}
DEPARTMENT_LABELS = LABELS | {"new": "待接收或报到"}
ROLE_QUEUES = {
    "office": ("new", "disputed", "overdue", "due"),
    "reviewer": ("overdue", "disputed"),
    "department": ("new", "overdue", "due", "open"),
    "township": ("new", "accept", "feedback", "overdue", "due"),
}
RATE_DAYS = 30


def _role(user) -> str | None:
    if is_office(user):
        return "office"
    if is_county_wide(user):
        return "reviewer"
    if is_department_clerk(user):
        return "department"
    if is_township_clerk(user):
        return "township"
    return None


def dispatch_section(user) -> Section | None:
    role = _role(user)
    if role is None:
        return None
    now = timezone.now()
    names = ROLE_QUEUES[role]
    labels = DEPARTMENT_LABELS if role == "department" else LABELS
    summary = queue_summary(user, names, now=now)
    queue_url = reverse("dispatch:event_list")
    tasks = [
        Task(
            label=labels.get(name, QUEUES[name]),
            count=summary[name]["count"],
            url=f"{queue_url}?queue={name}",
            due=summary[name]["due"],
            overdue=summary[name]["count"] if name == "overdue" else 0,
        )
        for name in names
    ]
    rates = rates_overview(user, start=now - timedelta(days=RATE_DAYS), end=now)
    measures_url = reverse("dispatch:measures") if role != "township" else ""
    figures = [
        Figure("派发事件(近30天)", str(rates["dispatched"]), url=measures_url),
        _rate_figure("响应率", rates["accepted_in_time"], rates["dispatched"], "按时接收"),
        _rate_figure("办结率", rates["resolved"], rates["dispatched"], "办结且未评不满意"),
        _rate_figure("满意率", rates["satisfied"], rates["rated"], "已评价中满意"),
    ]
    links = [("全部事件", f"{queue_url}?queue=all")]
    if raises_events(user):
        links.insert(0, ("登记事件", reverse("dispatch:event_create")))
    return Section("吹哨报到 · 事件", tasks=tasks, figures=figures, links=links)


def _rate_figure(label: str, part: int, whole: int, note: str) -> Figure:
    ratio = rate(part, whole)
    value = "暂无数据" if ratio is None else f"{ratio * 100:.1f}%"
    return Figure(label, value, note=f"{note}:{part}/{whole}", ratio=ratio)
