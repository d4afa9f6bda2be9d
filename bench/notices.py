"""Notices benchmark: `python -m bench.notices measure --recipients N --repeat R`.

- notify: `core.notices.notify` to N users (one per township at full size), median of
  R runs, against one hand-written multi-row INSERT of the same rows; its query count
  (one, whatever N). Then the same with every second user holding an e-mail address:
  the request only queues one mail task (`core/notice_mail.py`), so that figure is the
  INSERT plus the task row; the worker's `send_notice_mails` for those N/2 notices is
  timed apart, through Django's locmem mailer (building and handing over the messages
  and marking the notices mailed; an SMTP server's own time is not in it).
- unread: the nav's unread COUNT for a user with 1,000 notices, against the raw COUNT.
"""

import argparse
import os
import statistics
import time

from bench.env import setup_django
from bench.steps import report


def _median(call, repeat: int) -> float:
    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def step_measure(args) -> None:
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    setup_django()
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from quanze.core import notice_mail, notices
    from quanze.core.models import Notice
    from quanze.org.models import User

    n = args.recipients
    User.objects.bulk_create(User(username=f"bench{i}") for i in range(n))
    users = list(User.objects.filter(username__startswith="bench").order_by("pk"))
    kind, title, body, link = notices.Kind.EVENT_ASSIGNED, "事件派发:基准", "内容" * 60, "/x/"

    def ours():
        notices.notify(users, kind=kind, title=title, body=body, link=link)

    table = Notice._meta.db_table
    columns = "recipient_id, kind, title, body, link, created_at, read_at, mail_error"

    def raw():
        now = timezone.now()
        rows = [(u.pk, kind, title, body, link, now, None, "") for u in users]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * 8)})", rows
            )

    with CaptureQueriesContext(connection) as queries:
        ours()
    ours_s, raw_s = _median(ours, args.repeat), _median(raw, args.repeat)
    report("notices.notify.median", round(ours_s * 1000, 2), "ms", ratio=ours_s / raw_s,
           note=f"{n} 名接收人,无邮件")  # fmt: skip
    report("notices.notify.raw_sql", round(raw_s * 1000, 2), "ms", note="手写 INSERT,同样的行")
    report("notices.notify.queries", len(queries), "queries", note="不随接收人数增长")

    for i, user in enumerate(users):
        user.email = f"bench{i}@example.gov.cn" if i % 2 else ""
    User.objects.bulk_update(users, ["email"])
    mailed = _median(ours, args.repeat)
    report("notices.notify_mail.median", round(mailed * 1000, 2), "ms", ratio=mailed / raw_s,
           note=f"{n // 2} 封邮件排入后台任务(请求内不发信)")  # fmt: skip

    latest = notices.notify(users, kind=kind, title=title, body=body, link=link)
    ids = [row.pk for row in latest if row.recipient.email]
    times = []
    for _ in range(args.repeat):
        Notice.objects.filter(pk__in=ids).update(mailed_at=None)
        mail.outbox = []
        started = time.perf_counter()
        sent = notice_mail.send_notice_mails(ids)
        times.append(time.perf_counter() - started)
    task_s = statistics.median(times)
    report("notices.mail_task.median", round(task_s * 1000, 2), "ms", ratio=task_s / raw_s,
           note=f"后台任务发送 {sent} 封(locmem,不含 SMTP 服务器用时),发出 {len(mail.outbox)} 封")  # fmt: skip

    reader = users[0]
    Notice.objects.bulk_create(
        Notice(recipient=reader, kind=kind, title=title, created_at=timezone.now())
        for _ in range(1000)
    )

    def count_raw():
        with connection.cursor() as cursor:
            sql = f"SELECT COUNT(*) FROM {table} WHERE recipient_id = %s AND read_at IS NULL"
            cursor.execute(sql, [reader.pk])
            return cursor.fetchone()

    counted = _median(lambda: notices.unread_count(reader), args.repeat * 20)
    counted_raw = _median(count_raw, args.repeat * 20)
    report("notices.unread_count.median", round(counted * 1000, 3), "ms",
           ratio=counted / counted_raw, note=f"{notices.unread_count(reader)} 条未读")  # fmt: skip
    report("notices.unread_count.raw_sql", round(counted_raw * 1000, 3), "ms")


def notices_figures(size: dict, database, work) -> list[dict]:
    from bench.delegation import _run
    from bench.env import child_env

    with database(work / "notices") as url:
        env = child_env(work / "notices", url)
        return _run(
            "measure",
            env,
            f"--recipients={size['townships']}",
            f"--repeat={size['repeat']}",
            module="bench.notices",
        )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.notices")
    parser.add_argument("step", choices=["measure"])
    parser.add_argument("--recipients", type=int, default=2500)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    step_measure(args)


if __name__ == "__main__":
    main()
