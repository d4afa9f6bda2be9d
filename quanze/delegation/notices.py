"""Who in a unit hears about what the office does in delegation (rules for core/notices.py).

A consultation reminder goes to every active user of the recipient unit (the department's
users, or the township's); returned claims go to the township's users. Each call site in
the services is one line."""

from django.urls import reverse

from quanze.core import notices


def reminder_sent(reminder) -> list:
    """Tell the recipient unit of a reminder how many items it still owes, and where to answer."""
    recipient = reminder.recipient
    round_ = recipient.round
    users = notices.unit_users(
        departments=[recipient.department_id] if recipient.department_id else [],
        townships=[recipient.township_id] if recipient.township_id else [],
    )
    due = f",请于{round_.due_on:%Y年%-m月%-d日}前反馈" if round_.due_on else ""
    body = (
        f"「{round_.project}」{round_}:{recipient}尚有{reminder.outstanding}项"
        f"未反馈意见{due}。\n{reminder.message}"
    )
    return notices.notify(
        users,
        kind=notices.Kind.CONSULTATION_REMINDER,
        title=f"征求意见催办:{round_}尚有{reminder.outstanding}项未反馈",
        body=body,
        link=reverse("delegation:round_answer", args=[round_.pk]),
        at=reminder.sent_at,
    )


def claims_reviewed(*, window, township, accepted: bool, comment: str = "") -> list:
    """A township whose claims were returned hears it, with the office's comment;
    an acceptance needs no action from it and sends nothing."""
    if accepted:
        return []
    return notices.notify(
        notices.unit_users(townships=[township]),
        kind=notices.Kind.CLAIMS_RETURNED,
        title=f"认领被退回:{window}",
        body=f"编办退回了{township}在「{window}」中的认领,请按意见修改后重新提交。"
        + (f"\n退回意见:{comment.strip()}" if (comment or "").strip() else ""),
        link=reverse("delegation:claim_sheet", args=[window.pk, township.pk]),
    )
