"""Filing a citizen's request: it becomes a dispatch event through dispatch's intake,
routed like any other; bad input is refused in Chinese and writes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from quanze.core.errors import NotFound
from quanze.dispatch.events.models import Event, EventLog
from quanze.dispatch.intake.models import Attachment
from quanze.dispatch.loop import services as loop
from quanze.dispatch.measures.selectors import unit_measures
from quanze.portal.requests import services
from quanze.portal.requests.guard import TooManyRequests
from quanze.portal.requests.models import CitizenRequest
from quanze.portal.requests.selectors import public_view, request_by_number
from quanze.portal.requests.tests.photos import fake_photo, jpeg, oversized, png

WEB = CitizenRequest.Channel.WEB


def submit(cast, **more):
    given = {
        "channel": WEB,
        "address": "10.0.0.1",
        "county": cast.county,
        "description": "人民路垃圾桶满溢三天没人清运",
        "place_text": "人民路",
    }
    return services.request_submit(**(given | more))


def nothing_written():
    return not (
        Event.objects.exists()
        or EventLog.objects.exists()
        or CitizenRequest.objects.exists()
        or Attachment.objects.exists()
    )


def test_a_request_becomes_an_event_placed_by_the_gazetteer(cast, places):
    done = submit(cast, name="张三", phone="13800001234", photos=[png(), jpeg()])
    event = done.request.event
    assert event.source == Event.Source.WEB and event.raised_by is None
    assert event.township == cast.town_a and event.state == Event.State.CALLED
    assert event.reporter_name == "张三" and event.reporter_phone == "13800001234"
    assert event.attachments.count() == 2
    assert event.suggestions[0]["name"] == "生活垃圾收集清运"
    assert done.request.number.startswith("SQ") and len(done.request.number) == 12
    assert done.request.key_digest == services.key_digest(done.key) != done.key
    assert EventLog.objects.get(event=event).unit == "公众"


def test_a_village_name_sets_the_village(cast, places):
    event = submit(cast, place_text="东关社区门口").request.event
    assert (event.township, event.village) == (cast.town_a, places["village"])


def test_the_township_chosen_decides_and_must_be_of_the_county(cast, places):
    event = submit(cast, township=cast.town_b, place_text="").request.event
    assert event.township == cast.town_b
    foreign = cast.other_county.children.create(
        code="370126001000", name="许商街道", level="township"
    )
    with pytest.raises(ValidationError) as refused:
        submit(cast, township=foreign, description="另一件事")
    assert refused.value.message_dict["place"] == [f"地点:「许商街道」不在「{cast.county}」范围内"]


def test_a_place_outside_the_county_is_refused_and_nothing_written(cast, places):
    with pytest.raises(ValidationError) as refused:
        submit(cast, place_text="北京市朝阳区建国路")
    assert "不在「平阴县」范围内或无法确定所在乡镇(街道)" in refused.value.message_dict["place"][0]
    assert nothing_written()


def test_a_road_in_two_townships_asks_which(cast, places):
    with pytest.raises(ValidationError) as refused:
        submit(cast, place_text="长青路")
    assert refused.value.message_dict["place"] == [
        "地点:「长青路」可能在「锦水街道」「玫瑰镇」,请选择乡镇(街道)"
    ]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (oversized, "照片:「大图.jpg」大小5.0MB,超过5MB"),
        (fake_photo, "照片:「现场.jpg」不是JPG或PNG图片,请上传照片文件"),
    ],
)
def test_a_bad_photo_is_refused_and_nothing_written(cast, places, upload, message):
    with pytest.raises(ValidationError) as refused:
        submit(cast, photos=[png(), upload()])
    assert refused.value.message_dict["photos"] == [message]
    assert nothing_written()


def test_more_than_three_photos_are_refused(cast, places):
    with pytest.raises(ValidationError, match="最多3张"):
        submit(cast, photos=[png(), png(), png(), png()])
    assert nothing_written()


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>垃圾",
        "垃圾<img src=x onerror=alert(1)>",
        "点这里 javascript:alert(1)",
    ],
)
def test_script_in_the_text_is_refused(cast, places, text):
    with pytest.raises(ValidationError) as refused:
        submit(cast, description=text)
    assert refused.value.message_dict["description"] == [
        "诉求内容:不能包含网页代码或脚本(如 <script>),请只写文字"
    ]
    assert nothing_written()


def test_control_characters_and_empty_text_are_refused(cast, places):
    with pytest.raises(ValidationError, match="诉求内容"):
        submit(cast, description="垃圾\x00满溢")
    with pytest.raises(ValidationError, match="诉求内容:不能为空"):
        submit(cast, description="   ")
    with pytest.raises(ValidationError, match="联系电话"):
        submit(cast, phone="打我电话")
    assert nothing_written()


def test_an_unknown_category_is_refused(cast, places):
    with pytest.raises(ValidationError) as refused:
        submit(cast, service="999999")
    assert refused.value.message_dict["service_code"] == [
        "诉求类别:「999999」不是「平阴县」清单中的事项"
    ]
    assert nothing_written()


def test_the_category_chosen_is_a_suggestion_not_a_confirmed_matter(cast, places, matters):
    event = submit(cast, service=str(matters["stalls"].pk)).request.event
    assert event.matter is None
    assert event.suggestions[0]["matter_id"] == matters["stalls"].pk
    assert event.suggestions[0]["reasons"] == ["反映人选择的类别"]


def test_the_same_text_in_the_same_township_is_a_duplicate(cast, places):
    first = submit(cast).request
    with pytest.raises(ValidationError) as refused:
        submit(cast, description="人民路垃圾桶满溢,三天没人清运!", address="10.0.0.2")
    assert f"受理编号{first.number}" in refused.value.message_dict["description"][0]
    assert CitizenRequest.objects.count() == 1
    # Another township, or after the window, is a new request.
    submit(cast, township=cast.town_b, place_text="")
    with override_settings(QUANZE_PORTAL_DUPLICATE_HOURS=0):
        submit(cast)
    assert CitizenRequest.objects.count() == 3


@override_settings(QUANZE_PORTAL_REQUESTS_PER_HOUR=2)
def test_an_address_is_limited_per_hour(cast, places):
    submit(cast, description="第一件")
    submit(cast, description="第二件")
    with pytest.raises(TooManyRequests, match="每小时最多提交2件"):
        submit(cast, description="第三件")
    submit(cast, description="第三件", address="10.0.0.9")  # another address is not limited
    assert CitizenRequest.objects.count() == 3


def test_the_request_is_routed_and_the_citizen_follows_and_rates_it(cast, places, matters):
    done = submit(
        cast, name="张三", phone="13800001234", description="人民路垃圾满溢,电话13800001234"
    )
    event = done.request.event
    event = loop.event_confirm_matter(by=cast.town_a_clerk, event=event, matter=matters["garbage"])
    event = loop.event_dispatch(by=cast.town_a_clerk, event=event)
    event = loop.event_accept(by=cast.dept_clerk, event=event)
    event = loop.event_handle(by=cast.dept_clerk, event=event, result="已清运,内部备注:联系人张三")
    view = public_view(request_by_number(done.request.number))
    assert view["units"] == ["平阴县城市管理局"] and view["can_rate"]
    assert [s["label"] for s in view["stages"]] == [
        "诉求已受理", "已确认诉求类别", "已派发承办单位", "承办单位已接收", "承办单位已办结",
    ]  # fmt: skip
    shown = repr(view)
    assert "13800001234" not in shown and "138****" in view["description"]
    with pytest.raises(NotFound):
        services.request_rate(number=done.request.number, key="wrong", rating=5, satisfied=True)
    services.request_rate(number=done.request.number, key=done.key, rating=2, satisfied=False)
    event.refresh_from_db()
    assert (event.state, event.rating, event.satisfied) == (Event.State.IN_PROGRESS, 2, False)
    assert event.log.last().reason == "反映人评价:不满意,退回重办"
    event = loop.event_handle(by=cast.dept_clerk, event=event, result="再次清运")
    services.request_rate(number=done.request.number, key=done.key, rating=5, satisfied=True)
    event.refresh_from_db()
    assert event.state == Event.State.FEEDBACK
    now = timezone.now()
    (urban,) = unit_measures(
        departments=[cast.urban.pk], start=now - timedelta(days=1), end=now + timedelta(days=1)
    )
    assert (urban.rated, urban.satisfied, urban.mean_rating) == (1, 1, 5.0)


def test_a_rating_before_handling_is_refused(cast, places):
    done = submit(cast)
    with pytest.raises(ValidationError, match="不能反馈评价"):
        services.request_rate(number=done.request.number, key=done.key, rating=5, satisfied=True)
