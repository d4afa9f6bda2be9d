"""Who in a unit hears about what the office does in delegation (rules for core/notices.py).

A consultation reminder goes to every active user of the recipient unit (the department's
users, or the township's); returned claims go to the township's users. Each call site in
the services is one line."""

from django.urls import reverse

from quanze.core import notices
from quanze.org.roles import Role, county_users


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


def _office(county_id):
    return county_users(county_id, Role.ESTABLISHMENT_OFFICE)


def batch_sent_for_review(batch) -> list:
    """The county's justice bureau hears that a batch waits for its legality review."""
    return notices.notify(
        county_users(batch.project.county_id, Role.JUSTICE_REVIEWER),
        kind=notices.Kind.REVIEW_REQUESTED,
        title=f"合法性审核:{batch}待审核",
        body=f"编办将「{batch.project}」{batch}({batch.items.count()}项)提交合法性审核,请逐项审核后完成审核。",
        link=reverse("delegation:batch_detail", args=[batch.pk]),
    )


def batch_review_completed(batch, counts: dict) -> list:
    """The office hears the review is done, and how many items did not pass."""
    rejected = counts["verdicts"].get("reject", 0)
    todo = (
        f"其中{rejected}项不通过,请移出这些事项后提请常务会审议。"
        if rejected
        else "全部事项通过,可以提请常务会审议。"
    )
    return notices.notify(
        _office(batch.project.county_id),
        kind=notices.Kind.REVIEW_COMPLETED,
        title=f"合法性审核完成:{batch}",
        body=f"司法局完成了「{batch.project}」{batch}的合法性审核。{todo}",
        link=reverse("delegation:batch_detail", args=[batch.pk]),
    )


def batch_item_removed(batch, power, reason: str) -> list:
    """The power's department and the justice bureau hear an item left the batch."""
    users = list(
        notices.unit_users(departments=[power.department_id] if power.department_id else [])
    )
    users += list(county_users(batch.project.county_id, Role.JUSTICE_REVIEWER))
    return notices.notify(
        users,
        kind=notices.Kind.BATCH_ITEM_REMOVED,
        title=f"事项移出批次:{power}",
        body=f"编办将“{power}”移出「{batch.project}」{batch}。\n理由:{reason.strip()}",
        link=reverse("delegation:batch_detail", args=[batch.pk]),
    )


def round_opened(round_) -> list:
    """Every unit asked for opinions in a new round hears it, with the due date."""
    recipients = list(round_.recipients.all())
    users = notices.unit_users(
        departments=[r.department_id for r in recipients if r.department_id],
        townships=[r.township_id for r in recipients if r.township_id],
    )
    due = f",请于{round_.due_on:%Y年%-m月%-d日}前反馈" if round_.due_on else ""
    return notices.notify(
        users,
        kind=notices.Kind.CONSULTATION_OPENED,
        title=f"征求意见:「{round_.project}」{round_}",
        body=f"编办就「{round_.project}」发起{round_}({round_.items.count()}项){due}。",
        link=reverse("delegation:round_answer", args=[round_.pk]),
    )


def claims_submitted(*, window, township) -> list:
    """The office hears a township submitted its claims and waits for review."""
    return notices.notify(
        _office(window.county_id),
        kind=notices.Kind.CLAIMS_SUBMITTED,
        title=f"认领待审核:{township}",
        body=f"{township}已提交「{window}」中的认领,请审核。",
        link=reverse("delegation:claim_sheet", args=[window.pk, township.pk]),
    )
