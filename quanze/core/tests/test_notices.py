"""Notices: one INSERT for any number of recipients, e-mail queued after commit for those
with an address and sent by a background task (a failed send logged, recorded on the
notice and swallowed), and each user reading only their own."""

import json
import logging

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from quanze.core import notices
from quanze.core.errors import NotFound
from quanze.core.models import Notice
from quanze.testing import factories as f
from quanze.testing.tasks import MAIL_TASK, queued_kwargs, run_queued

KIND = notices.Kind.CLAIMS_RETURNED


class FailingBackend:
    """A mailer whose server is down."""

    def __init__(self, **options):
        pass

    def __enter__(self):
        raise ConnectionRefusedError("smtp down")

    def __exit__(self, *exc):
        return False


@pytest.fixture
def people(cast):
    cast.town_a_clerk.email = "town_a@example.gov.cn"
    cast.town_a_clerk.save(update_fields=["email"])
    return [cast.town_a_clerk, cast.town_b_clerk, cast.dept_clerk]


def _send(users, **more):
    return notices.notify(users, kind=KIND, title="认领被退回", body="请修改", link="/x/", **more)


def test_it_writes_one_row_per_recipient_in_one_query(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        sent = _send(people + people[:1])  # a user named twice hears it once
    assert sorted(n.recipient_id for n in sent) == sorted(u.pk for u in people)
    assert Notice.objects.filter(read_at__isnull=True).count() == 3


def test_it_queues_mail_after_commit_and_the_task_mails_those_with_an_address(
    people, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.QUANZE_SITE_URL = "https://qz.example.gov.cn"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sent = _send(people)
    assert queued_kwargs(MAIL_TASK) == []  # nothing before the transaction commits
    for callback in callbacks:
        callback()
    own = next(n for n in sent if n.recipient == people[0])
    assert queued_kwargs(MAIL_TASK) == [{"notice_ids": [own.pk]}]
    assert mailoutbox == []  # the request only queued it
    assert run_queued(MAIL_TASK) == [1]
    assert [m.to for m in mailoutbox] == [["town_a@example.gov.cn"]]
    assert mailoutbox[0].subject == "【乡镇赋权扩能】认领被退回"
    assert "请修改" in mailoutbox[0].body
    assert "https://qz.example.gov.cn/x/" in mailoutbox[0].body
    mailed = {n.recipient_id: n for n in Notice.objects.all()}
    assert mailed[people[0].pk].mailed_at is not None
    assert mailed[people[1].pk].mailed_at is None and mailed[people[1].pk].mail_error == ""
    assert run_queued(MAIL_TASK) == [0] and len(mailoutbox) == 1  # a second run resends none


def test_nobody_with_an_address_queues_no_task(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send([cast.town_b_clerk, cast.dept_clerk])
    assert queued_kwargs(MAIL_TASK) == []


def test_a_rolled_back_action_queues_no_mail(people, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _send(people)
        raise RuntimeError("the action failed")
    assert queued_kwargs(MAIL_TASK) == [] and not Notice.objects.exists()


def test_a_failed_send_is_logged_and_recorded_and_a_later_run_sends_it(
    people, settings, caplog, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = _send(people)
    assert len(sent) == 3
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FailingBackend"}}
    with caplog.at_level(logging.ERROR, logger="quanze.core.notices"):
        assert run_queued(MAIL_TASK) == [0]  # logged, not raised
    assert "notice e-mail to 1 of 1 recipient(s) failed" in caplog.text
    notice = Notice.objects.get(recipient=people[0])
    assert notice.mailed_at is None and "smtp down" in notice.mail_error
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert run_queued(MAIL_TASK) == [1] and [m.to for m in mailoutbox] == [[people[0].email]]
    notice.refresh_from_db()
    assert notice.mailed_at is not None and notice.mail_error == ""


def test_a_user_reads_and_marks_only_their_own(people):
    a, b = people[0], people[1]
    (own,) = _send([a])
    (other,) = _send([b])
    assert list(notices.inbox(a)) == [own] and notices.unread_count(a) == 1
    with pytest.raises(NotFound):
        notices.notice_mark_read(by=a, notice_id=other.pk)
    assert notices.notice_mark_read(by=a, notice_id=own.pk).read_at is not None
    assert notices.unread_count(a) == 0 and notices.unread_count(b) == 1
    _send([a, b])
    assert notices.notice_mark_all_read(by=a) == 1
    assert notices.unread_count(b) == 2


def test_user_a_cannot_read_or_mark_user_b_notice_through_page_or_api(client, people):
    a, b = people[0], people[1]
    (theirs,) = _send([b])
    client.force_login(a)
    assert client.post(f"/notices/{theirs.pk}/read/").status_code == 404
    assert client.post(f"/api/notices/{theirs.pk}/read").status_code == 404
    assert theirs.title not in client.get("/notices/").content.decode()
    assert json.loads(client.get("/api/notices").content) == []
    client.post("/notices/read-all/")
    client.post("/api/notices/read-all")
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_the_nav_shows_the_unread_count_with_one_count_query(client, people):
    a = people[0]
    _send([a])
    _send([a])
    client.force_login(a)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()
    # One COUNT for the badge; the home page's workbench sections may read notices too (the
    # law changes a person was told of), which is their own query, not the nav's.
    counts = [q["sql"] for q in queries.captured_queries if "core_notice" in q["sql"]]
    assert sum("COUNT(" in sql.upper() for sql in counts) == 1
    assert 'title="未读通知">2</span>' in page


def test_marking_read_answers_htmx_with_the_row_and_the_badge(client, people):
    a = people[0]
    (first,) = _send([a])
    _send([a])
    client.force_login(a)
    answer = client.post(f"/notices/{first.pk}/read/", headers={"HX-Request": "true"})
    html = answer.content.decode()
    assert f'id="notice-{first.pk}"' in html and "已读" in html
    assert 'hx-swap-oob="true"' in html and 'title="未读通知">1</span>' in html


def test_going_to_a_notice_marks_it_read_and_follows_its_link(client, people):
    a = people[0]
    (notice,) = _send([a])
    client.force_login(a)
    answer = client.post(f"/notices/{notice.pk}/read/", {"go": "1"})
    assert answer.status_code == 302 and answer.url == "/x/"
    assert Notice.objects.get(pk=notice.pk).read_at is not None


def test_the_api_lists_counts_and_marks(client, people):
    a = people[0]
    (notice,) = _send([a])
    client.force_login(a)
    assert json.loads(client.get("/api/notices/unread-count").content) == {"unread": 1}
    listed = json.loads(client.get("/api/notices?unread=true").content)
    assert [n["id"] for n in listed] == [notice.pk] and listed[0]["title"] == "认领被退回"
    assert json.loads(client.post(f"/api/notices/{notice.pk}/read").content)["read_at"]
    assert json.loads(client.get("/api/notices?unread=true").content) == []
    assert json.loads(client.post("/api/notices/read-all").content) == {"changed": 0}


def test_unit_users_are_the_active_users_of_the_units(cast):
    f.UserFactory(username="urban_gone", department=cast.urban, is_active=False)
    urban2 = f.UserFactory(username="urban2", department=cast.urban)
    found = set(notices.unit_users(departments=[cast.urban], townships=[cast.town_b]))
    assert found == {cast.dept_clerk, urban2, cast.town_b_clerk}
    assert not notices.unit_users().exists()
