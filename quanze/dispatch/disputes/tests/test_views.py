"""The send-back on the event page: refused without a citation of the list."""

from quanze.dispatch.events.models import Event


def test_a_send_back_without_citation_is_refused_on_the_page(client, cast, dispatched):
    client.force_login(cast.dept_clerk)
    response = client.post(
        f"/dispatch/{dispatched.pk}/act/send_back/",
        {"row_version": dispatched.row_version, "reason": "不归我们"},
        follow=True,
    )
    assert "退回失败:退回依据:必须引用清单" in response.content.decode()
    assert Event.objects.get(pk=dispatched.pk).state == Event.State.DISPATCHED
