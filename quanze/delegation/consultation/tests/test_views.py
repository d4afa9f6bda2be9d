"""Pages and API of assessment, consultation and review: what each clerk sees and saves."""

import json

import pytest

from quanze.delegation.consultation import services as consultation
from quanze.delegation.consultation.models import TownshipFeedback
from quanze.delegation.tests.project_world import build_project
from quanze.testing.world import build_world


@pytest.fixture
def w(cast):
    return build_project(build_world(cast))


def test_a_department_clerk_sees_only_its_own_items(client, w):
    client.force_login(w.cast.dept_clerk)
    page = client.get(f"/delegation/rounds/{w.round.pk}/answer/").content.decode()
    assert w.urban_power.name in page
    assert w.land_power.name not in page


def test_a_township_clerk_answers_every_item_for_its_township(client, w):
    client.force_login(w.cast.town_a_clerk)
    data = {
        f"i{w.urban_item.pk}-willing": "yes",
        f"i{w.urban_item.pk}-capacity": "sufficient",
        f"i{w.urban_item.pk}-row_version": 0,
        f"i{w.land_item.pk}-row_version": 0,
    }
    response = client.post(f"/delegation/rounds/{w.round.pk}/answer/", data)
    assert response.status_code == 302
    saved = TownshipFeedback.objects.get()
    assert (saved.township, saved.item, saved.answered_by) == (
        w.cast.town_a,
        w.urban_item,
        w.cast.town_a_clerk,
    )


def test_the_second_of_two_page_saves_is_refused_with_a_message(client, w):
    client.force_login(w.cast.town_a_clerk)
    url = f"/delegation/rounds/{w.round.pk}/answer/"
    key = f"i{w.urban_item.pk}"
    hidden = {f"i{w.land_item.pk}-row_version": 0}  # every row posts its version, as a browser does
    first = {
        **hidden,
        f"{key}-willing": "yes",
        f"{key}-capacity": "sufficient",
        f"{key}-row_version": 0,
    }
    second = {
        **hidden,
        f"{key}-willing": "no",
        f"{key}-reason": "人手不足",
        f"{key}-capacity": "insufficient",
        f"{key}-row_version": 0,
    }
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)  # opened before the first save: still at version 0
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    assert TownshipFeedback.objects.get().willing == "yes"


def test_a_closed_round_shows_answers_read_only_and_refuses_saves(client, w):
    consultation.round_close(by=w.cast.office, round_=w.round)
    client.force_login(w.cast.town_a_clerk)
    url = f"/delegation/rounds/{w.round.pk}/answer/"
    page = client.get(url).content.decode()
    assert "已关闭,反馈已冻结" in page and "保存反馈" not in page
    assert client.post(url, {}).status_code == 403


def test_the_api_answers_409_on_a_stale_row_version(client, w):
    client.force_login(w.cast.town_a_clerk)
    url = f"/api/delegation/rounds/{w.round.pk}/answers"
    row = {"item": w.urban_item.pk, "row_version": 0, "willing": "yes", "capacity": "sufficient"}
    ok = client.post(url, json.dumps({"rows": [row]}), content_type="application/json")
    assert ok.status_code == 200 and ok.json() == {"saved": 1}
    stale = client.post(
        url,
        json.dumps({"rows": [{**row, "willing": "no", "reason": "无"}]}),
        content_type="application/json",
    )
    assert stale.status_code == 409
    mine = client.get(url).json()
    assert [r["answer"]["willing"] if r["answer"] else None for r in mine] == ["yes", None]


def test_the_office_reads_the_rule_in_plain_chinese_and_the_matrix(client, w):
    client.force_login(w.cast.office)
    rule = client.get(f"/delegation/projects/{w.project.pk}/rule/").content.decode()
    assert "必要性不低于 4.00 分且难度指数不高于 2.50 分的,建议“第一批承接”" in rule
    matrix = client.get(f"/api/delegation/projects/{w.project.pk}/matrix").json()
    cells = {
        (r["necessity"][0], i): c["total"]
        for r in matrix["rows"]
        for i, c in enumerate(r["cells"])
        if c["total"]
    }
    assert cells == {("4", 2): 1, ("3", 3): 1}


def test_progress_shows_answered_and_outstanding_per_recipient(client, w):
    consultation.answers_save(
        by=w.cast.town_a_clerk, recipient=w.town_a_recipient,
        rows=[{"item": w.urban_item.pk, "row_version": 0, "willing": "yes", "capacity": "sufficient"}],
    )  # fmt: skip
    client.force_login(w.cast.reviewer)
    progress = {
        p["unit"]: (p["answered"], p["outstanding"])
        for p in client.get(f"/api/delegation/rounds/{w.round.pk}/progress").json()
    }
    assert progress == {
        "平阴县城市管理局": (0, 1),
        "平阴县自然资源局": (0, 1),
        "锦水街道": (1, 1),
        "玫瑰镇": (0, 2),
    }


def test_the_office_opens_the_next_round_for_chosen_items(client, w):
    client.force_login(w.cast.office)
    url = f"/delegation/projects/{w.project.pk}/rounds/new/"
    refused = client.post(url, {"positions": "1"})
    assert "上一轮征求意见尚未关闭" in refused.content.decode()
    consultation.round_close(by=w.cast.office, round_=w.round)
    assert "本项目没有序号9" in client.post(url, {"positions": "1,9"}).content.decode()
    response = client.post(
        url, {"positions": str(w.land_item.position), "townships": [w.cast.town_b.pk]}
    )
    assert response.status_code == 302
    second = w.project.rounds.get(number=2)
    assert list(second.items.all()) == [w.land_item]
    units = {str(r) for r in second.recipients.all()}
    assert units == {"平阴县自然资源局", "玫瑰镇"}
