"""The citizen's pages, without login: the form, the status page, the rating."""

import re

from django.test import override_settings
from django.urls import reverse

from quanze.dispatch.events.models import Event
from quanze.dispatch.loop import services as loop
from quanze.portal.requests.models import CitizenRequest
from quanze.portal.requests.tests.photos import fake_photo, png

NEW = "/portal/requests/new/"


def form(cast, **more):
    return {
        "county": cast.county.pk,
        "township": "",
        "place": "人民路",
        "description": "人民路垃圾满溢",
    } | more


def test_the_form_is_open_to_anybody(client, cast, places):
    page = client.get(reverse("portal:request_new"))
    assert page.status_code == 200 and reverse("portal:request_new") == NEW
    assert "提交诉求" in page.content.decode() and "不会公开" in page.content.decode()


def test_filing_redirects_to_the_status_page_with_the_key(client, cast, places):
    answer = client.post(NEW, form(cast, name="张三", phone="13800001234", photos=[png()]))
    assert answer.status_code == 302
    request = CitizenRequest.objects.get()
    assert answer.url.startswith(f"/portal/requests/{request.number}/?key=")
    page = client.get(answer.url)
    text = page.content.decode()
    assert request.number in text and "诉求已受理" in text and "锦水街道" in text
    assert "张三" not in text and "13800001234" not in text
    assert request.event.attachments.count() == 1


def test_bad_input_shows_the_message_and_writes_nothing(client, cast, places):
    cases = [
        (form(cast, photos=[fake_photo()]), "不是JPG或PNG图片"),
        (form(cast, description="<script>alert(1)</script>"), "不能包含网页代码或脚本"),
        (form(cast, place="上海市浦东新区"), "不在「平阴县」范围内"),
        (form(cast, place=""), "请选择乡镇(街道),或填写村(社区)、街道或地标名称"),
        (form(cast, description=""), "这个字段是必填项"),
    ]
    for data, message in cases:
        page = client.post(NEW, data)
        assert page.status_code == 400, message
        assert message in page.content.decode(), message
    assert not CitizenRequest.objects.exists() and not Event.objects.exists()


@override_settings(QUANZE_PORTAL_REQUESTS_PER_HOUR=1)
def test_too_many_from_one_address_is_429(client, cast, places):
    assert client.post(NEW, form(cast)).status_code == 302
    page = client.post(NEW, form(cast, description="另一件事"))
    assert page.status_code == 429 and "提交过于频繁" in page.content.decode()


def test_the_status_page_shows_the_stages_and_takes_the_rating(client, cast, places, matters):
    url = client.post(NEW, form(cast)).url
    request = CitizenRequest.objects.get()
    event = loop.event_confirm_matter(
        by=cast.town_a_clerk, event=request.event, matter=matters["garbage"]
    )
    event = loop.event_dispatch(by=cast.town_a_clerk, event=event)
    page = client.get(url).content.decode()
    assert "已派发承办单位" in page and "平阴县城市管理局" in page and "提交评价" not in page
    event = loop.event_accept(by=cast.dept_clerk, event=event)
    loop.event_handle(by=cast.dept_clerk, event=event, result="已清运")
    status_url = f"/portal/requests/{request.number}/"
    assert "提交评价" not in client.get(status_url).content.decode()  # no key: no form
    page = client.get(url).content.decode()
    assert "提交评价" in page and "已清运" in page
    key = re.search(r"key=([\w-]+)", url).group(1)
    wrong = client.post(status_url, {"key": "x" + key, "rating": 5, "satisfied": "yes"})
    assert wrong.status_code == 400 and "查询码不正确" in wrong.content.decode()
    done = client.post(status_url, {"key": key, "rating": 5, "satisfied": "yes"})
    assert done.status_code == 302
    event.refresh_from_db()
    assert (event.state, event.rating, event.satisfied) == (Event.State.FEEDBACK, 5, True)
    assert "5分,满意" in client.get(status_url).content.decode()


def test_an_unknown_number_is_a_404_and_the_tracker_redirects(client, db):
    assert client.get("/portal/requests/SQNOSUCH/").status_code == 404
    answer = client.get("/portal/requests/track/", {"number": " sq123 "})
    assert answer.status_code == 302 and answer.url == "/portal/requests/SQ123/"


def test_the_category_picker_and_the_open_base(client, cast, places, matters):
    text = client.get(NEW).content.decode()
    # The portal's own page: skip link, portal nav, footer; the picker's script from static.
    assert 'class="skip"' in text and 'href="/portal/lookup/"' in text and "portal-footer" in text
    assert "portal/picker.js" in text and "<script>" not in text  # no inline script (CSP)
    # A labelled <select> grouped by field that works without script, and a labelled filter.
    assert '<label for="id_category"' in text and '<select name="category"' in text
    assert '<optgroup label="城市管理">' in text
    garbage = matters["garbage"].pk
    assert (
        f'<option value="{garbage}" data-keywords="垃圾桶 垃圾满溢 环卫">生活垃圾收集清运</option>'
        in text
    )
    assert '<label for="id_category_filter">' in text and 'aria-controls="id_category"' in text
    assert 'role="status"' in text
    answer = client.post(NEW, form(cast, category=str(garbage)))
    assert answer.status_code == 302
    first = CitizenRequest.objects.get().event.suggestions[0]
    assert first["matter_id"] == garbage and first["reasons"] == ["反映人选择的类别"]
    page = client.get(answer.url).content.decode()
    assert "诉求已受理,受理编号" in page  # the message the open base shows after the redirect
    refused = client.post(NEW, form(cast, category="999999", description="另一件事"))
    assert refused.status_code == 400 and "诉求类别:请从列表中选择" in refused.content.decode()
