"""Units' public contact details and the county's exercise-figures switch: edited by the
office (service, page, API), checked field by field, recorded in history."""

import pytest
from django.core.exceptions import ValidationError

from quanze.core.errors import Forbidden
from quanze.core.history import history_for
from quanze.org import services

CONTACT = {
    "contact_phone": "0531-87881234",
    "contact_address": "平阴县锦水大街1号",
    "office_hours": "工作日 9:00-17:00",
    "website": "https://www.pingyin.gov.cn",
}


def test_the_office_sets_a_departments_contact_and_history_keeps_it(cast):
    services.department_update(by=cast.office, department=cast.urban, reason="公开", **CONTACT)
    cast.urban.refresh_from_db()
    assert cast.urban.contact_phone == "0531-87881234" and cast.urban.has_contact
    record = history_for(cast.urban).first()
    assert record.actor == cast.office and record.reason == "公开"
    assert ("website", "", "https://www.pingyin.gov.cn") in record.changed_fields()


def test_a_townships_contact_and_full_width_digits(cast):
    services.division_update(
        by=cast.office, division=cast.town_a, contact_phone="０５３１－８７８８１２３４"
    )
    cast.town_a.refresh_from_db()
    assert cast.town_a.contact_phone == "0531-87881234"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_phone", "请拨打<script>", "咨询电话"),
        ("website", "javascript:alert(1)", "网站"),
        ("website", "www.example.cn", "网站"),
    ],
)
def test_a_bad_contact_is_refused_naming_the_field(cast, field, value, message):
    with pytest.raises(ValidationError) as error:
        services.department_update(by=cast.office, department=cast.urban, **{field: value})
    assert message in str(error.value)
    cast.urban.refresh_from_db()
    assert getattr(cast.urban, field) == ""


def test_only_the_office_edits_contacts(cast):
    with pytest.raises(Forbidden):
        services.department_update(by=cast.dept_clerk, department=cast.urban, **CONTACT)
    with pytest.raises(Forbidden):
        services.division_update(by=cast.outsider, division=cast.town_a, **CONTACT)


def test_the_exercise_switch_is_the_countys_and_recorded(cast):
    assert cast.county.publish_exercise_figures is False  # off by default
    services.division_update(
        by=cast.office, division=cast.county, publish_exercise_figures=True, reason="公开行权"
    )
    cast.county.refresh_from_db()
    assert cast.county.publish_exercise_figures
    record = history_for(cast.county).first()
    assert record.changed_fields() == [("publish_exercise_figures", False, True)]
    services.division_update(by=cast.office, division=cast.town_a, publish_exercise_figures=True)
    cast.town_a.refresh_from_db()
    assert cast.town_a.publish_exercise_figures is False  # a township has no such switch


def test_the_edit_pages_carry_the_contact_and_the_switch(client, cast):
    client.force_login(cast.office)
    form = client.get(f"/org/divisions/{cast.county.pk}/edit/").content.decode()
    assert "publish_exercise_figures" in form and "咨询电话" in form
    assert (
        "publish_exercise_figures"
        not in client.get(f"/org/divisions/{cast.town_a.pk}/edit/").content.decode()
    )
    response = client.post(
        f"/org/departments/{cast.urban.pk}/edit/",
        {"name": cast.urban.name, "short_name": "县城管局", **CONTACT, "reason": "公开"},
    )
    assert response.status_code == 302
    cast.urban.refresh_from_db()
    assert cast.urban.office_hours == "工作日 9:00-17:00"
    bad = client.post(
        f"/org/departments/{cast.urban.pk}/edit/",
        {"name": cast.urban.name, **CONTACT, "website": "ftp://x"},
    ).content.decode()
    assert "网站:请填写以 http:// 或 https:// 开头的网址" in bad


def test_the_api_reads_and_patches_contacts(client, cast):
    client.force_login(cast.office)
    response = client.patch(
        f"/api/org/departments/{cast.urban.pk}",
        {"contact_phone": "0531-87880000"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["contact_phone"] == "0531-87880000"
    county = client.patch(
        f"/api/org/divisions/{cast.county.pk}",
        {"publish_exercise_figures": True},
        content_type="application/json",
    )
    assert county.json()["publish_exercise_figures"] is True
