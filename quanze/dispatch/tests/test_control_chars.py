"""Every dispatch write that stores text refuses control characters with the field's
Chinese name (issue 9): through the services, so the pages, the API and the CLI alike."""

from quanze.dispatch.disputes import services as disputes
from quanze.dispatch.events import machine
from quanze.dispatch.intake import services as intake
from quanze.dispatch.loop import services as loop
from quanze.testing.textchecks import assert_refuses_control_chars


def test_every_text_writing_service_refuses_control_characters(db):
    proved = assert_refuses_control_chars(
        intake.event_create,
        loop.event_dispatch,
        loop.event_whistle,
        loop.event_handle,
        loop.event_feedback,
        disputes.event_send_back,
        disputes.event_dispute,
        disputes.event_fallback,
        disputes.dispute_rule,
        machine.transition,
    )
    assert proved == 13


def test_the_event_form_names_the_field_and_stores_nothing(client, cast, matters):
    from django.utils import timezone

    from quanze.dispatch.events.models import Event

    client.force_login(cast.town_a_clerk)
    response = client.post(
        "/dispatch/new/",
        {
            "source": "township",
            "township": cast.town_a.pk,
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "description": "垃圾桶满溢\x01没人清运",
        },
    )
    assert response.status_code == 200
    assert "诉求内容:含有不可见的控制字符 U+0001(第6个字符)" in response.content.decode()
    assert not Event.objects.exists()
