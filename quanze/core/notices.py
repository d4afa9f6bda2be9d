"""In-app notices (通知) and their e-mail copies.

Domain apps decide who hears about what (`delegation/notices.py`, `dispatch/notices.py`)
and call `notify` or `notify_each`. This module writes one row per recipient in one
INSERT, queues the e-mail copies for the recipients who have an address once the
transaction commits (a background task sends them, `core/notice_mail.py`; a rolled-back
action queues nothing), and reads and marks a user's own notices.

Notices are messages, not records: reading one sets `read_at` and writes no
ChangeRecord; the action that caused a notice (a reminder, a returned claim, a
dispatch) keeps its own event row and change record.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from quanze.core.errors import NotFound
from quanze.core.models import Notice
from quanze.core.tasks import send_notice_mails as send_task

Kind = Notice.Kind


@dataclass(frozen=True)
class Message:
    """One notice to one user, before it is written."""

    user: object
    title: str
    body: str = ""
    link: str = ""


def mail_after_commit(notices: list[Notice]) -> None:
    """Once the current transaction commits, queue the mail of the notices whose recipient
    has an address (a rolled-back action queues nothing); the worker sends them
    (`core/notice_mail.py`)."""
    ids = [n.pk for n in notices if n.recipient.email]
    if ids:
        transaction.on_commit(lambda: send_task.enqueue(notice_ids=ids), robust=True)


# ---- who belongs to a unit -------------------------------------------------------------


def unit_users(*, departments=(), townships=()):
    """The active users of the given departments and townships, in one query."""
    department_ids = [getattr(d, "pk", d) for d in departments]
    township_ids = [getattr(t, "pk", t) for t in townships]
    if not department_ids and not township_ids:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(
        Q(department_id__in=department_ids) | Q(township_id__in=township_ids), is_active=True
    )


# ---- writes ------------------------------------------------------------------------------


def notify(users: Iterable, *, kind: str, title: str, body: str = "", link: str = "", at=None):
    """The same notice to each of `users` (each user once): one INSERT, then queue e-mail."""
    return notify_each([Message(user, title, body, link) for user in users], kind=kind, at=at)


def notify_each(messages: Iterable[Message], *, kind: str, at=None) -> list[Notice]:
    """Possibly different notices to several users: one INSERT for all, then queue e-mail.

    A user named twice gets the first message only."""
    if kind not in Kind.values:
        raise ValueError(f"unknown notice kind {kind!r}")
    now = at or timezone.now()
    seen, rows = set(), []
    for message in messages:
        user = message.user
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        rows.append(
            Notice(
                recipient=user,
                kind=kind,
                title=message.title[:200],
                body=message.body,
                link=message.link[:500],
                created_at=now,
            )
        )
    if not rows:
        return []
    notices = Notice.objects.bulk_create(rows)
    mail_after_commit(notices)
    return notices


def notice_mark_read(*, by, notice_id: int) -> Notice:
    """Mark one of `by`'s own notices read; another user's notice is NotFound."""
    notice = access_notice(by, notice_id)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=notice.read_at)
    return notice


def notice_mark_all_read(*, by) -> int:
    """Mark every unread notice of `by` read; returns how many changed."""
    return Notice.objects.filter(recipient_id=by.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# ---- reads -------------------------------------------------------------------------------


def access_notice(user, notice_id: int) -> Notice:
    """A notice of `user`'s own; anyone else's (or none) is the same NotFound."""
    if not user.is_authenticated:
        raise NotFound("通知不存在")
    notice = Notice.objects.filter(pk=notice_id, recipient_id=user.pk).first()
    if notice is None:
        raise NotFound("通知不存在")
    return notice


def inbox(user, *, unread_only: bool = False):
    """`user`'s notices, newest first."""
    rows = Notice.objects.filter(recipient_id=user.pk)
    return rows.filter(read_at__isnull=True) if unread_only else rows


def unread_count(user) -> int:
    """One COUNT query for a signed-in user, none for a visitor."""
    if not user.is_authenticated:
        return 0
    return Notice.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
