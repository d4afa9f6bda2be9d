"""The intake pages: raising an event with an attachment, a grid report without its grid."""

from django.utils import timezone

from quanze.dispatch.events.models import Event
from quanze.dispatch.intake.models import Attachment


def test_a_township_raises_an_event_with_a_photo_and_sees_suggestions(
    client, cast, matters, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.town_a_clerk)
    response = client.post(
        "/dispatch/new/",
        {
            "source": "grid",
            "township": cast.town_a.pk,
            "grid": "东关社区第3网格",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "description": "垃圾桶满溢没人清运,苍蝇很多",
            "files": [SimpleUploadedFile("现场.jpg", b"jpeg-bytes")],
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == f"/dispatch/{event.pk}/"
    attachment = Attachment.objects.get(event=event)
    assert (tmp_path / attachment.file.name).read_bytes() == b"jpeg-bytes"
    page = client.get(f"/dispatch/{event.pk}/").content.decode()
    assert "系统推荐事项" in page and "生活垃圾收集清运" in page and "确认事项" in page


def test_a_grid_report_needs_its_grid(client, cast, matters):
    client.force_login(cast.town_a_clerk)
    response = client.post(
        "/dispatch/new/",
        {
            "source": "grid",
            "township": cast.town_a.pk,
            "description": "路灯不亮",
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 200 and "网格员上报须填写网格" in response.content.decode()
    assert not Event.objects.exists()
