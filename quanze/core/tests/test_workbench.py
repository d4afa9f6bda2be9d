from datetime import UTC, date, datetime

from django.urls import reverse

from quanze.core import registry
from quanze.core.workbench import Figure, Section, Task, workbench_for


def test_the_public_home_page_is_the_front_page(client, db):
    response = client.get(reverse("home"))
    assert "查看已发布的目录与清单" in response.text
    assert "工作台" not in response.text


def test_every_role_gets_its_workbench_in_chinese(client, cast):
    for user in (cast.office, cast.reviewer, cast.dept_clerk, cast.town_a_clerk):
        client.force_login(user)
        response = client.get(reverse("home"))
        assert response.status_code == 200
        assert "<h1>工作台</h1>" in response.text
        assert "吹哨报到 · 事件" in response.text


def test_a_registered_section_shows_its_tasks_counts_and_figures(client, cast, monkeypatch):
    monkeypatch.setattr(registry, "_workbench_sections", {})

    def provider(user):
        if user != cast.office:
            return None
        return Section(
            "测试分区",
            tasks=[
                Task("待审核的样例", 3, "/somewhere/", overdue=1, due=date(2020, 5, 6)),
                Task("待办的样例", 0, "/there/", due=datetime(2030, 1, 2, 1, 30, tzinfo=UTC)),
            ],
            figures=[Figure("样例比例", "50.0%", ratio=0.5)],
        )

    registry.register_workbench_section("sample", provider)
    client.force_login(cast.office)
    text = client.get(reverse("home")).text
    assert "测试分区" in text and "待审核的样例" in text
    assert 'href="/somewhere/"' in text and "超期 1" in text
    assert '<meter min="0" max="100" value="50"' in text
    assert "待办 <strong>3</strong> 件" in text
    assert "2020-05-06" in text and "已过期" in text
    assert "2030-01-02 09:30" in text  # in the county's time
    assert workbench_for(cast.town_a_clerk) == []


def test_sections_come_in_their_registered_order(monkeypatch):
    monkeypatch.setattr(registry, "_workbench_sections", {})
    registry.register_workbench_section("b", lambda user: None, order=2)
    registry.register_workbench_section("a", lambda user: None, order=5)
    registry.register_workbench_section("c", lambda user: None, order=1)
    assert [name for name, _ in registry.workbench_sections()] == ["c", "b", "a"]


def test_the_menu_is_grouped_by_task(client, cast):
    client.force_login(cast.dept_clerk)
    text = client.get(reverse("home")).text
    for head in ("清单", "赋权", "办事", "机构", "公开"):
        assert f'<span class="navhead">{head}</span>' in text


def test_sections_with_work_waiting_come_first(cast, monkeypatch):
    monkeypatch.setattr(registry, "_workbench_sections", {})
    registry.register_workbench_section(
        "idle", lambda user: Section("无事", tasks=[Task("无", 0, "/")]), order=1
    )
    registry.register_workbench_section(
        "busy", lambda user: Section("有事", tasks=[Task("有", 2, "/")]), order=2
    )
    assert [s.title for s in workbench_for(cast.office)] == ["有事", "无事"]
