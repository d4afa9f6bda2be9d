"""The power register's pages: search, detail, edit."""

import pytest
from django.urls import reverse

from quanze.catalog.powers import services
from quanze.catalog.powers.models import Power
from quanze.core.history import history_for
from quanze.testing import factories as f
from quanze.testing.world import build_world


@pytest.fixture
def world(cast):
    return build_world(cast)


def _codes(response) -> set[str]:
    return {p.code for p in response.context["page"]}


def test_it_finds_two_character_words_and_codes(client, world):
    client.force_login(world.cast.office)
    url = reverse("catalog:power_list")
    f.PowerFactory(owner=world.cast.county, code="CG-1", name="城管部门对户外广告的检查")
    assert _codes(client.get(url, {"q": "执法"})) == {"330217D01"}  # not the other county's
    assert _codes(client.get(url, {"q": "审批"})) == {"XK-0001", "XK-0002"}
    assert _codes(client.get(url, {"q": "城管"})) == {"CG-1"}
    assert _codes(client.get(url, {"q": "xk-0002"})) == {"XK-0002"}
    assert _codes(client.get(url, {"q": "审批 临时"})) == {"XK-0002"}


def test_it_filters_by_type_field_department_and_set(client, world):
    client.force_login(world.cast.office)
    url = reverse("catalog:power_list")
    licence = f.power_type("行政许可").pk
    assert _codes(client.get(url, {"power_type": licence})) == {"XK-0001", "XK-0002"}
    assert _codes(client.get(url, {"field": f.field("城市管理").pk})) == {"330217D01", "330217D02"}
    assert _codes(client.get(url, {"department": world.cast.land.pk})) == {"XK-0001", "XK-0002"}
    published = world.published.pk
    assert _codes(client.get(url, {"version": published})) == {"330217D01", "XK-0001"}
    assert _codes(client.get(url, {"version": published, "set_kind": "basic"})) == {"330217D01"}
    assert _codes(client.get(url, {"version": published, "set_kind": "optional"})) == {"XK-0001"}


def test_it_asks_for_a_version_before_filtering_by_set(client, world):
    client.force_login(world.cast.office)
    response = client.get(reverse("catalog:power_list"), {"set_kind": "basic"})
    assert "按盘类筛选时请先选择目录版本" in response.text


def test_an_htmx_search_swaps_only_the_table(client, world):
    client.force_login(world.cast.office)
    response = client.get(
        reverse("catalog:power_list"), {"q": "审批"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in response.text
    assert "建设用地审批" in response.text
    assert "对违法建设行为的行政执法" not in response.text


def test_it_pages_fifty_powers_at_a_time(client, cast):
    f.PowerFactory.create_batch(120, owner=cast.county, department=cast.urban)
    client.force_login(cast.office)
    response = client.get(reverse("catalog:power_list"), {"page": 3})
    page = response.context["page"]
    assert (page.paginator.count, page.number, len(page.object_list)) == (120, 3, 20)
    assert "第 3 页 / 共 3 页" in response.text


@pytest.mark.parametrize("count", [3, 50])
def test_the_power_list_query_count_does_not_grow_with_the_page(
    client, cast, count, django_assert_max_num_queries
):
    f.PowerFactory.create_batch(count, owner=cast.county, department=cast.urban, field=f.field())
    client.force_login(cast.office)
    # 11: the text search counts its index matches first to choose its plan.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("catalog:power_list"), {"q": "处罚"})
    assert response.context["page"].paginator.count == count


def test_the_detail_shows_citations_catalogs_and_history_link(client, world):
    client.force_login(world.cast.office)
    response = client.get(reverse("catalog:power_detail", args=[world.urban_power.pk]))
    text = response.text
    assert "《中华人民共和国城乡规划法》" in text
    assert "2019" in text and "<td>64</td>" in text
    assert "平阴县赋权乡镇指导目录" in text and "基本盘" in text
    assert reverse("history", args=["power", world.urban_power.pk]) in text


def test_the_edit_form_saves_through_the_service(client, world):
    power = world.urban_power
    client.force_login(world.cast.dept_clerk)
    url = reverse("catalog:power_edit", args=[power.pk])
    form = client.get(url).context["form"]
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in form.initial.items() if v is not None}
    data.update(name="对违法建设行为的处罚", reason="按新文件更名")
    response = client.post(url, data)
    assert response.status_code == 302
    power.refresh_from_db()
    assert power.name == "对违法建设行为的处罚"
    assert history_for(power).first().reason == "按新文件更名"


def test_a_browser_s_crlf_line_endings_are_not_a_change(client, world):
    from quanze.catalog.powers.models import Power as PowerModel

    services.power_update(by=None, power=world.urban_power, duties="1.立案责任。\n2.调查责任。")
    client.force_login(world.cast.office)
    url = reverse("catalog:power_edit", args=[world.urban_power.pk])
    form = client.get(url).context["form"]
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in form.initial.items() if v is not None}
    data.update(duties="1.立案责任。\r\n2.调查责任。", notes="只改备注")
    assert client.post(url, data).status_code == 302
    assert history_for(PowerModel.objects.get(pk=world.urban_power.pk)).first().after == {
        "notes": "只改备注"
    }


def test_a_stale_edit_is_refused_with_a_chinese_message(client, world):
    power = world.urban_power
    client.force_login(world.cast.office)
    url = reverse("catalog:power_edit", args=[power.pk])
    form = client.get(url).context["form"]
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in form.initial.items() if v is not None}
    services.power_update(by=world.cast.dept_clerk, power=power, notes="他人先改了")
    data.update(name="我的修改")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "该事项已被他人修改,请刷新后重试" in response.text
    assert Power.objects.get(pk=power.pk).name == "对违法建设行为的行政执法"


def test_an_empty_name_is_refused_and_nothing_changes(client, world):
    power = world.urban_power
    client.force_login(world.cast.office)
    url = reverse("catalog:power_edit", args=[power.pk])
    form = client.get(url).context["form"]
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in form.initial.items() if v is not None}
    data["name"] = "   "
    response = client.post(url, data)
    assert response.status_code == 200
    assert "事项名称" in response.text
    assert Power.objects.get(pk=power.pk).name == power.name


def test_the_history_page_names_fields_in_chinese(client, world):
    services.power_update(
        by=world.cast.office, power=world.urban_power, notes="新备注", reason="补充"
    )
    client.force_login(world.cast.office)
    response = client.get(reverse("history", args=["power", world.urban_power.pk]))
    text = response.text
    assert "<th>备注</th>" in text and "新备注" in text and "补充" in text
