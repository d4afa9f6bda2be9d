"""Open311 GeoReport v2, checked against the specification's examples
(http://wiki.open311.org/GeoReport_v2, as restated in mySociety's "Open311 FMS Complete
Spec", https://github.com/mysociety/fixmystreet/wiki/Open311-FMS---Complete-Spec): the
same element names, nesting and types in JSON and XML, errors as a list of
{code, description}, jurisdiction_id. Requests go through the web form's service."""

import json
from xml.etree import ElementTree

import pytest
from django.test import override_settings

from quanze.dispatch.events.models import Event
from quanze.dispatch.loop import services as loop
from quanze.portal.requests.models import CitizenRequest
from quanze.portal.requests.tests.photos import fake_photo, png

V2 = "/open311/v2"
# The spec's example bodies name these fields, in this order.
SERVICE_FIELDS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
ATTRIBUTE_FIELDS = [
    "variable", "code", "datatype", "required", "datatype_description", "order", "description", "values",
]  # fmt: skip
REQUEST_FIELDS = [
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
    "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
]  # fmt: skip
CREATED_FIELDS = ["service_request_id", "service_notice", "account_id"]


def xml(response):
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ElementTree.fromstring(response.content)


def post(client, cast, matter, fmt="json", **more):
    data = {
        "jurisdiction_id": "370124",
        "service_code": str(matter.pk),
        "address_string": "人民路",
        "description": "人民路垃圾桶满溢",
    } | more
    return client.post(f"{V2}/requests.{fmt}", data)


def test_service_list_json_and_xml(client, cast, matters):
    found = client.get(f"{V2}/services.json", {"jurisdiction_id": "370124"}).json()
    assert [list(s) for s in found] == [SERVICE_FIELDS] * 2
    garbage = next(s for s in found if s["service_name"] == "生活垃圾收集清运")
    assert garbage | {"keywords": ""} == {
        "service_code": str(matters["garbage"].pk),
        "service_name": "生活垃圾收集清运",
        "description": "城市管理领域:生活垃圾收集清运",
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": "城市管理",
    }
    root = xml(client.get(f"{V2}/services.xml"))  # one county: jurisdiction_id optional
    assert root.tag == "services"
    assert [[child.tag for child in service] for service in root] == [SERVICE_FIELDS] * 2
    assert root.find("service/metadata").text == "true"


def test_service_definition_json_and_xml(client, cast, matters):
    code = matters["garbage"].pk
    found = client.get(f"{V2}/services/{code}.json").json()
    assert list(found) == ["service_code", "attributes"]
    (attribute,) = found["attributes"]
    assert list(attribute) == ATTRIBUTE_FIELDS
    assert attribute["datatype"] == "singlevaluelist"
    assert {"key": "370124001", "name": "锦水街道"} in attribute["values"]
    root = xml(client.get(f"{V2}/services/{code}.xml"))
    assert root.tag == "service_definition"
    assert root.find("attributes/attribute/values/value/key").text == "370124001"


def test_errors_in_open311s_own_format(client, cast, matters):
    answer = client.get(f"{V2}/services/999999.json")
    assert answer.status_code == 404
    assert answer.json() == [
        {"code": 404, "description": "service_code:「999999」不是「平阴县」清单中的事项"}
    ]
    root = xml(client.get(f"{V2}/services.xml", {"jurisdiction_id": "999999"}))
    assert root.tag == "errors"
    assert [c.tag for c in root.find("error")] == ["code", "description"]
    assert root.find("error/code").text == "404"


def test_jurisdiction_is_required_when_there_are_several(client, cast, matters):
    from types import SimpleNamespace

    from quanze.dispatch.tests.lists import item, publish

    publish(
        SimpleNamespace(county=cast.other_county),
        [item("道路清扫", cast.other_dept, cast.other_dept)],
    )
    answer = client.get(f"{V2}/services.json")
    assert answer.status_code == 400
    assert answer.json()[0]["description"].startswith("jurisdiction_id:请指定辖区")
    assert [
        s["service_name"]
        for s in client.get(f"{V2}/services.json", {"jurisdiction_id": "370126"}).json()
    ] == ["道路清扫"]


def test_post_files_a_request_through_the_web_forms_service(client, cast, places, matters):
    answer = post(client, cast, matters["garbage"], first_name="三", last_name="张", phone="13800001234",
                  lat="36.28", long="116.45", media=png())  # fmt: skip
    assert answer.status_code == 201
    (created,) = answer.json()
    assert list(created) == CREATED_FIELDS and created["account_id"] is None
    request = CitizenRequest.objects.get(number=created["service_request_id"])
    event = request.event
    assert request.channel == CitizenRequest.Channel.OPEN311 and event.source == Event.Source.API
    assert event.township == cast.town_a and event.reporter_name == "张 三"
    assert event.attachments.count() == 1 and str(event.latitude) == "36.280000"
    assert event.suggestions[0]["matter_id"] == matters["garbage"].pk
    root = xml(post(client, cast, matters["stalls"], fmt="xml", description="人民路有人摆摊"))
    assert root.tag == "service_requests"
    assert [c.tag for c in root.find("request")] == CREATED_FIELDS


@pytest.mark.parametrize(
    ("more", "status", "message"),
    [
        ({"service_code": "424242"}, 404, "service_code:「424242」不是「平阴县」清单中的事项"),
        (
            {"address_string": "北京市朝阳区"},
            400,
            "地点:「北京市朝阳区」不在「平阴县」范围内或无法确定所在乡镇(街道),请选择乡镇(街道)或填写本县的村(社区)、街道名称",
        ),
        (
            {"address_string": "", "lat": "36.2", "long": "116.4"},
            400,
            "address_string:本系统按地名确定乡镇(街道)",
        ),
        (
            {"description": "<script>alert(1)</script>"},
            400,
            "诉求内容:不能包含网页代码或脚本(如 <script>),请只写文字",
        ),
        ({"media": "fake"}, 400, "照片:「现场.jpg」不是JPG或PNG图片,请上传照片文件"),
        ({"media_url": "http://example.com/a.jpg"}, 400, "media_url:不接受外部图片地址"),
        ({"lat": "abc"}, 400, "lat:「abc」不是数字"),
        ({"attribute[township]": "无名镇"}, 400, "attribute[township]:「平阴县」没有「无名镇」"),
    ],
)
def test_bad_requests_get_open311_errors_and_write_nothing(
    client, cast, places, matters, more, status, message
):
    if more.get("media") == "fake":
        more = {"media": fake_photo()}
    answer = post(client, cast, matters["garbage"], **more)
    assert answer.status_code == status
    (error,) = answer.json()
    assert error["code"] == status and error["description"].startswith(message)
    assert not CitizenRequest.objects.exists() and not Event.objects.exists()


@override_settings(QUANZE_PORTAL_REQUESTS_PER_HOUR=1)
def test_the_rate_limit_answers_429(client, cast, places, matters):
    assert post(client, cast, matters["garbage"]).status_code == 201
    answer = post(client, cast, matters["garbage"], description="另一件")
    assert answer.status_code == 429 and answer.json()[0]["code"] == 429


def test_get_requests_and_one_request(client, cast, places, matters):
    number = post(
        client,
        cast,
        matters["garbage"],
        phone="13800001234",
        description="垃圾满溢,请打13800001234",
    ).json()[0]["service_request_id"]
    event = CitizenRequest.objects.get(number=number).event
    event = loop.event_confirm_matter(by=cast.town_a_clerk, event=event, matter=matters["garbage"])
    loop.event_dispatch(by=cast.town_a_clerk, event=event)
    (record,) = client.get(f"{V2}/requests.json").json()
    assert list(record) == REQUEST_FIELDS
    assert record["service_request_id"] == number and record["status"] == "open"
    assert record["service_code"] == str(matters["garbage"].pk)
    assert record["agency_responsible"] == "平阴县城市管理局"
    assert record["status_notes"] == "已派发承办单位"
    assert "13800001234" not in json.dumps(record, ensure_ascii=False)
    assert client.get(f"{V2}/requests/{number}.json").json() == [record]
    root = xml(client.get(f"{V2}/requests/{number}.xml"))
    assert [c.tag for c in root.find("request")] == REQUEST_FIELDS
    assert root.find("request/lat").text is None  # <lat/>: no coordinates given
    assert client.get(f"{V2}/requests.json", {"status": "closed"}).json() == []
    assert client.get(f"{V2}/requests.json", {"service_request_id": number}).json() == [record]
    bad = client.get(f"{V2}/requests.json", {"start_date": "yesterday"})
    assert bad.status_code == 400 and bad.json()[0]["description"].startswith("start_date:")
    missing = client.get(f"{V2}/requests/SQNOPE.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404
