"""推荐承办单位 on an event whose matter is not confirmed: the units the list in force
names for the suggested matters in the event's township, the township itself always
among them, weighed more in a village; shown on the event page with the reasons."""

from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.suggestion import selectors
from quanze.dispatch.tests.lists import item, publish


def _list(cast):
    publish(
        cast,
        [
            item("占道经营管理", cast.urban, cast.urban, "摆摊 小摊 占道"),
            item(
                "违法占地建房查处",
                cast.land,
                cast.land,
                "占地 建房 耕地",
                field="自然资源",
                co_departments=[(cast.urban, "配合拆除")],
            ),
        ],
    )
    selectors.forget()


def test_a_street_gets_the_department_first_and_the_township_among_the_units(cast, client):
    _list(cast)
    event = raise_event(cast, text="东关街路口有人摆摊占道")
    units = selectors.suggested_units(event)
    assert [u["unit"] for u in units][:1] == ["平阴县城市管理局"]
    assert "锦水街道" in [u["unit"] for u in units]
    assert units[0]["reasons"][0] == "事项「占道经营管理」主办"
    client.force_login(cast.town_a_clerk)
    page = client.get(f"/dispatch/{event.pk}/").content.decode()
    assert "推荐承办单位" in page and "属地乡镇(街道)" in page


def test_a_village_weighs_the_township_more_and_a_confirmed_event_gets_none(cast):
    _list(cast)
    street = raise_event(cast, text="东关街路口有人摆摊占道")
    village = raise_event(
        cast, township=cast.town_b, by=cast.town_b_clerk, text="西王村口有人摆摊占道"
    )
    in_street = {u["unit"]: u["score"] for u in selectors.suggested_units(street)}
    in_village = {u["unit"]: u["score"] for u in selectors.suggested_units(village)}
    assert list(in_village)[:2] == ["平阴县城市管理局", "玫瑰镇"]
    assert in_village["玫瑰镇"] > 3 * in_street["锦水街道"]
    village.matter_id = village.suggestions[0]["matter_id"]
    assert selectors.suggested_units(village) == []
