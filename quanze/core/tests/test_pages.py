"""Everything in Chinese: Django's English leftovers replaced by the project's own."""

from django import forms
from django.db import models
from django.utils import translation


def test_a_missing_page_is_the_chinese_page_even_with_debug(client, db, settings):
    settings.DEBUG = True
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.text
    assert "URLconf" not in response.text


def test_a_missing_object_is_the_chinese_page_even_with_debug(client, cast, settings):
    settings.DEBUG = True
    client.force_login(cast.office)
    response = client.get("/dispatch/999999/")
    assert response.status_code == 404
    assert "页面不存在" in response.text and "Traceback" not in response.text


def test_a_missing_api_route_answers_json_in_chinese(client, db, settings):
    settings.DEBUG = True
    response = client.get("/api/no-such-route")
    assert response.status_code == 404
    assert response.json() == {"detail": "接口不存在"}


def test_an_optional_choice_offers_please_choose_in_chinese():
    class Sample(models.Model):
        kind = models.CharField(max_length=4, blank=True, choices=[("a", "甲")])

        class Meta:
            app_label = "core"

        def __str__(self) -> str:
            return self.kind

    form_class = forms.modelform_factory(Sample, fields=["kind"])
    with translation.override("zh-hans"):
        choices = [str(label) for _, label in form_class().fields["kind"].choices]
    assert choices == ["请选择", "甲"]


def test_a_recorded_dict_shows_only_its_filled_entries_by_name():
    from quanze.core.views import shown

    labels = {"extra": "其他列", "name": "名称"}
    assert shown({"name": "甲", "extra": {}}, labels=labels) == "名称:甲"
    assert shown("basic", {"basic": "基本盘"}) == "基本盘"


def test_a_browser_preferring_english_still_gets_chinese(client, cast):
    client.force_login(cast.town_a_clerk)
    page = client.post(
        "/dispatch/new/", {"description": ""}, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"
    ).text
    assert "这个字段是必填项" in page
    assert "This field is required" not in page
