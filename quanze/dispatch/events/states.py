"""The event's states and the actions between them: which action may start from which states,
and what each is called. Pure rules: the model takes its state choices from here and
`machine.transition` applies them."""

from django.db import models


class State(models.TextChoices):
    CALLED = "called", "已呼叫"
    DISPATCHED = "dispatched", "已派发"
    ACCEPTED = "accepted", "已接收"
    IN_PROGRESS = "in_progress", "办理中"
    HANDLED = "handled", "已办结"
    FEEDBACK = "feedback", "已反馈"
    CLOSED = "closed", "已关闭"
    SENT_BACK = "sent_back", "已退回"
    DISPUTED = "disputed", "争议中"
    ESCALATED = "escalated", "已超期"


S = State
OPEN = (S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS, S.ESCALATED)

# action: (Chinese label, states it may start from)
ACTIONS = {
    "confirm_matter": ("确认事项", (S.CALLED, S.SENT_BACK)),
    "dispatch": ("派发", (S.CALLED, S.SENT_BACK)),
    "whistle": ("吹哨", (S.CALLED, *OPEN)),
    "report": ("报到", (S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS, S.ESCALATED)),
    "accept": ("接收", (S.DISPATCHED, S.ESCALATED)),
    "start": ("开始办理", (S.ACCEPTED, S.ESCALATED)),
    "handle": ("办结", (S.ACCEPTED, S.IN_PROGRESS, S.ESCALATED)),
    "feedback": ("反馈评价", (S.HANDLED,)),
    "close": ("关闭", (S.FEEDBACK,)),
    "send_back": ("退回", (S.DISPATCHED, S.ESCALATED)),
    "dispute": ("提出争议", (S.SENT_BACK,)),
    "rule": ("裁定争议", (S.DISPUTED,)),
    "fallback": ("交兜底部门", (S.ESCALATED, S.SENT_BACK)),
    "escalate": ("超期升级", (S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS)),
    "reroute": ("按新清单改派", OPEN),
}
ACTION_LABELS = {name: label for name, (label, _) in ACTIONS.items()} | {"create": "登记"}
