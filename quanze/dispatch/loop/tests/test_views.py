"""The loop's pages: the event page and acting on it, stale pages, work queues."""

from quanze.dispatch.events.models import Event
from quanze.dispatch.intake.tests.builders import raise_event


def test_the_event_page_shows_why_and_the_department_accepts(client, cast, dispatched):
    client.force_login(cast.dept_clerk)
    page = client.get(f"/dispatch/{dispatched.pk}/").content.decode()
    assert "派发依据" in page and "平阴县城市管理局" in page and "action-accept" in page
    response = client.post(
        f"/dispatch/{dispatched.pk}/act/accept/",
        {"row_version": dispatched.row_version},
        follow=True,
    )
    assert "已接收" in response.content.decode()
    # The same stale page submitted again: told, nothing changes.
    response = client.post(
        f"/dispatch/{dispatched.pk}/act/accept/",
        {"row_version": dispatched.row_version},
        follow=True,
    )
    assert "事件已被他人处理" in response.content.decode()
    assert Event.objects.get(pk=dispatched.pk).log.filter(action="accept").count() == 1


def test_queues_show_a_department_only_its_events(client, cast, matters, dispatched):
    raise_event(cast, by=cast.town_b_clerk, township=cast.town_b, text="另一镇的事件")
    client.force_login(cast.dept_clerk)
    page = client.get("/dispatch/?queue=new").content.decode()
    assert dispatched.number in page and "另一镇的事件" not in page
    client.force_login(cast.other_dept_clerk)
    assert dispatched.number not in client.get("/dispatch/?queue=all").content.decode()
