"""The e-mail copies of notices, sent by a background task, never inside a request.

`notices.notify_each` enqueues one `send_notice_mails` task per call once the action's
transaction commits; `quanze db_worker` runs it. With SMTP's timeout at ten seconds and
two threads per web worker, a slow mail server sending inside the request would stall
intake and every other action that notifies. The task sends over one connection and
records the outcome on each notice (`mailed_at`, or `mail_error`), so an office can see
whether a mail went out; a failure is logged and never raised, because the notice is
already in the inbox and the action already done.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.utils import timezone

from quanze.core.models import Notice

logger = logging.getLogger("quanze.core.notices")
SUBJECT_PREFIX = "【乡镇赋权扩能】"


def send_notice_mails(notice_ids: list[int]) -> int:
    """Send the notices not mailed yet, over one connection; returns how many went out.

    Each notice gets `mailed_at` once its mail is handed to the server. On the first
    failure the rest are not tried (the server is down or refusing) and each unsent
    notice gets the error in `mail_error`; a later run of the same ids sends only those."""
    pending = list(
        Notice.objects.filter(pk__in=notice_ids, mailed_at__isnull=True)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("pk")
    )
    sent: list[Notice] = []
    error = ""
    try:
        with mailers.default as connection:
            for notice in pending:
                connection.send_messages([_mail(notice)])
                sent.append(notice)
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
        logger.exception(
            "notice e-mail to %d of %d recipient(s) failed", len(pending) - len(sent), len(pending)
        )
    if sent:
        Notice.objects.filter(pk__in=[n.pk for n in sent]).update(
            mailed_at=timezone.now(), mail_error=""
        )
    if error:
        done = {n.pk for n in sent}
        unsent = [n.pk for n in pending if n.pk not in done]
        Notice.objects.filter(pk__in=unsent).update(mail_error=error)
    return len(sent)


def _mail(notice: Notice) -> EmailMessage:
    lines = [notice.body]
    if notice.link:
        lines += ["", f"查看:{settings.QUANZE_SITE_URL}{notice.link}"]
    lines += ["", "(本邮件由乡镇赋权扩能事项清单系统自动发送,请登录系统处理。)"]
    return EmailMessage(
        subject=f"{SUBJECT_PREFIX}{notice.title}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.recipient.email],
    )
