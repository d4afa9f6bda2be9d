"""批量派发 from the queue (issue 14): each ticked event through `event_dispatch`, all or none;
and the queue's list tools (search, sort, pages, print view)."""

import pytest
from django.core.exceptions import ValidationError

from quanze.dispatch.events.models import Event
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import services

S = Event.State


@pytest.fixture
def three(cast, matters):
    return [
        raise_event(cast, matter=matters["garbage"], text="东关街垃圾桶满溢"),
        raise_event(cast, matter=matters["stalls"], text="西关街流动摊贩占道"),
        raise_event(cast, by=cast.office, township=cast.town_b, matter=matters["garbage"],
                    text="玫瑰镇垃圾清运不及时"),
    ]  # fmt: skip


def _picks(events):
    return [f"{e.pk}:{e.row_version}" for e in events]


def test_the_office_dispatches_many_events_at_once_each_logged(client, cast, three):
    client.force_login(cast.office)
    response = client.post(
        "/dispatch/dispatch-many/", {"pick": _picks(three), "back": "?queue=new"}
    )
    assert response.url == "/dispatch/?queue=new"
    for event in three:
        event.refresh_from_db()
        assert event.state == S.DISPATCHED and event.primary_department == cast.urban
        assert event.log.filter(action="dispatch", actor=cast.office).count() == 1


def test_one_event_that_cannot_go_stops_the_batch_and_is_named(client, cast, three):
    unknown = raise_event(cast, text="说不清的事")  # no matter confirmed: the list cannot route it
    client.force_login(cast.office)
    response = client.post(
        "/dispatch/dispatch-many/", {"pick": _picks([*three, unknown])}, follow=True
    )
    text = response.content.decode()
    assert f"批量派发:{unknown.number}" in text and "未派发任何事件" in text
    assert set(Event.objects.values_list("state", flat=True)) == {S.CALLED}
    assert not Event.objects.filter(log__action="dispatch").exists()


def test_a_township_dispatches_only_its_own_events(cast, three):
    with pytest.raises(ValidationError, match=f"事件{three[2].pk}不存在或无权查看"):
        services.events_dispatch_many(
            by=cast.town_a_clerk, versions={e.pk: e.row_version for e in three}
        )
    assert set(Event.objects.values_list("state", flat=True)) == {S.CALLED}
    done = services.events_dispatch_many(
        by=cast.town_a_clerk, versions={e.pk: e.row_version for e in three[:2]}
    )
    assert [e.state for e in done] == [S.DISPATCHED, S.DISPATCHED]
    with pytest.raises(ValidationError, match="未派发任何事件"):  # a stale page: already gone
        services.events_dispatch_many(by=cast.town_a_clerk, versions={three[0].pk: 1})


def test_a_department_gets_no_bulk_dispatch_and_cannot_post_one(client, cast, three):
    client.force_login(cast.dept_clerk)
    assert 'id="bulk-dispatch"' not in client.get("/dispatch/?queue=new").content.decode()
    client.post("/dispatch/dispatch-many/", {"pick": _picks(three)})
    assert set(Event.objects.values_list("state", flat=True)) == {S.CALLED}


def test_the_queue_searches_sorts_and_prints(client, cast, three):
    client.force_login(cast.office)
    page = client.get("/dispatch/?queue=new").content.decode()
    assert page.count('name="pick"') == 3 and 'id="bulk-dispatch"' in page
    page = client.get("/dispatch/?queue=new&q=摊贩").content.decode()
    assert three[1].number in page and three[0].number not in page
    page = client.get("/dispatch/?queue=new&sort=number").content.decode()
    assert page.index(three[0].number) < page.index(three[2].number)
    page = client.get("/dispatch/?queue=new&sort=-number").content.decode()
    assert page.index(three[2].number) < page.index(three[0].number)
    page = client.get("/dispatch/?queue=new&print=1").content.decode()
    assert "返回列表" in page and all(e.number in page for e in three)


def test_one_query_counts_every_queue_as_each_queue_holds(cast, three, django_assert_num_queries):
    from quanze.dispatch.loop import selectors

    services.events_dispatch_many(by=cast.office, versions={e.pk: e.row_version for e in three})
    services.event_accept(by=cast.dept_clerk, event=Event.objects.get(pk=three[0].pk))
    users = (cast.office, cast.town_a_clerk, cast.town_b_clerk, cast.dept_clerk,
             cast.other_dept_clerk)  # fmt: skip
    for user in users:
        each = {n: selectors.queue(user, n).count() for n in selectors.queues_for(user)}
        with django_assert_num_queries(1):
            counts = selectors.queue_counts(user)
        assert counts == {n: c for n, c in each.items() if n != "all"}, user.username
        summary = selectors.queue_summary(user, list(each))
        assert {n: s["count"] for n, s in summary.items()} == each, user.username
    assert selectors.queue_counts(cast.dept_clerk)["new"] == 2  # the third is accepted


def test_the_newest_first_order_breaks_ties_newest_first(client, cast, three):
    Event.objects.update(created_at=three[0].created_at)  # one moment: the id decides
    client.force_login(cast.office)
    page = client.get("/dispatch/?queue=new").content.decode()
    assert page.index(three[2].number) < page.index(three[1].number) < page.index(three[0].number)
