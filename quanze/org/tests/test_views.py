import pytest
from django.urls import reverse

from quanze.core.history import history_for
from quanze.org.models import Department, Division
from quanze.testing import factories as f


def test_the_division_page_groups_townships_under_their_county(client, cast):
    client.force_login(cast.town_a_clerk)
    response = client.get(reverse("org:division_list"))
    tree = dict(response.context["tree"])
    assert [d.name for d in tree[cast.county]] == ["锦水街道", "玫瑰镇"]
    assert cast.other_county not in tree
    assert "经济发达镇" in response.text and "街道" in response.text
    assert "新建区划" not in response.text


def test_the_office_creates_a_township(client, cast):
    client.force_login(cast.office)
    response = client.post(
        reverse("org:division_create"),
        {
            "code": "370124101",
            "name": "孔村镇",
            "level": "township",
            "parent": cast.county.pk,
            "kind": "town",
        },
    )
    assert response.status_code == 302
    town = Division.objects.get(code="370124101000")
    assert history_for(town).get().actor == cast.office


def test_a_township_code_outside_the_county_is_refused_in_chinese(client, cast):
    client.force_login(cast.office)
    response = client.post(
        reverse("org:division_create"),
        {
            "code": "370125101",
            "name": "外县镇",
            "level": "township",
            "parent": cast.county.pk,
            "kind": "town",
        },
    )
    assert response.status_code == 200
    assert "应以上级代码370124开头" in response.text
    assert not Division.objects.filter(name="外县镇").exists()


def test_the_office_flags_a_township_as_pilot(client, cast):
    client.force_login(cast.office)
    url = reverse("org:division_edit", args=[cast.town_a.pk])
    response = client.post(
        url, {"name": "锦水街道", "kind": "subdistrict", "pilot": "on", "reason": "列入试点"}
    )
    assert response.status_code == 302
    cast.town_a.refresh_from_db()
    assert cast.town_a.pilot is True
    assert history_for(cast.town_a).get().reason == "列入试点"


def test_a_township_clerk_may_not_edit_divisions(client, cast):
    client.force_login(cast.town_a_clerk)
    url = reverse("org:division_edit", args=[cast.town_a.pk])
    assert client.post(url, {"name": "改名", "kind": "town"}).status_code == 403
    assert client.get(reverse("org:division_edit", args=[cast.other_county.pk])).status_code == 404


def test_the_office_creates_and_renames_a_department(client, cast):
    client.force_login(cast.office)
    response = client.post(
        reverse("org:department_create"),
        {"division": cast.county.pk, "name": "平阴县水务局", "short_name": "县水务局"},
    )
    assert response.status_code == 302
    dept = Department.objects.get(name="平阴县水务局")
    url = reverse("org:department_edit", args=[dept.pk])
    response = client.post(url, {"name": "平阴县水利局", "short_name": "县水利局"})
    assert response.status_code == 302
    assert history_for(dept).first().after == {"name": "平阴县水利局", "short_name": "县水利局"}


def test_a_bad_credit_code_is_refused_and_nothing_changes(client, cast):
    client.force_login(cast.office)
    url = reverse("org:department_edit", args=[cast.urban.pk])
    response = client.post(url, {"name": cast.urban.name, "credit_code": "11370124MB1234567X"})
    assert response.status_code == 200
    assert "统一社会信用代码" in response.text
    cast.urban.refresh_from_db()
    assert cast.urban.credit_code == ""


def test_the_department_page_shows_the_departments_in_reach(client, cast):
    client.force_login(cast.dept_clerk)
    response = client.get(reverse("org:department_list"))
    names = {d.name for d in response.context["departments"]}
    assert names == {"平阴县城市管理局", "平阴县自然资源局"}


@pytest.mark.parametrize("count", [2, 30])
def test_the_org_lists_do_not_query_per_row(client, cast, count, django_assert_max_num_queries):
    for n in range(count):
        f.township(cast.county, f"370124{200 + n:03d}000", f"测试镇{n}")
        f.DepartmentFactory(division=cast.county, name=f"平阴县测试局{n}")
    client.force_login(cast.office)
    with django_assert_max_num_queries(5):
        assert client.get(reverse("org:division_list")).status_code == 200
    with django_assert_max_num_queries(5):
        response = client.get(reverse("org:department_list"))
    assert len(response.context["departments"]) == count + 2
