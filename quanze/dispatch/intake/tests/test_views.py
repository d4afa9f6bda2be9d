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


def test_a_photo_attached_before_a_validation_error_is_kept(
    client, cast, matters, settings, tmp_path
):
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(cast.town_a_clerk)
    form = {
        "source": "township",
        "township": cast.town_a.pk,
        "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "description": "",
    }
    first = client.post(
        "/dispatch/new/", {**form, "files": [SimpleUploadedFile("现场.jpg", b"jpeg")]}
    )
    page = first.content.decode()
    assert first.status_code == 200 and "已保留先前选择的附件" in page and "现场.jpg" in page
    token = re.search(r'name="kept_files" value="([^"]+)"', page).group(1)
    # Another user cannot take the kept file with the token.
    client.force_login(cast.town_b_clerk)
    other = client.post("/dispatch/new/", {**form, "kept_files": token}).content.decode()
    assert "现场.jpg" not in other
    client.force_login(cast.town_a_clerk)
    response = client.post(
        "/dispatch/new/", {**form, "description": "垃圾桶满溢", "kept_files": token}
    )
    event = Event.objects.get()
    assert response.status_code == 302
    attachment = Attachment.objects.get(event=event)
    assert attachment.name == "现场.jpg"
    assert (tmp_path / attachment.file.name).read_bytes() == b"jpeg"
    assert not list((tmp_path / "dispatch" / "pending").rglob("*.jpg"))  # moved, not copied
