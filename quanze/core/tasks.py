"""Background tasks of the core app (Django's tasks framework, database-backed worker:
run `quanze db_worker`)."""

from django.tasks import task

from quanze.core import notice_mail


@task
def send_notice_mails(notice_ids: list[int]) -> int:
    """E-mail the copies of notices written by one `notify` call (see `core/notice_mail.py`)."""
    return notice_mail.send_notice_mails(notice_ids)
