"""The workbench sections 法规立改废释 and 动态调整: counts per role, one click to act, and
a change no longer waiting once an adjustment project is opened from it."""

from datetime import date

import pytest
from django.urls import reverse

from quanze.core.workbench import workbench_for
from quanze.evaluation.adjustment import services
from quanze.evaluation.adjustment.models import AdjustmentChange, Handover
from quanze.evaluation.adjustment.specs import ChangeKind, ChangeSpec
from quanze.evaluation.adjustment.workbench import adjustment_section
from quanze.evaluation.lawchange import services as laws
from quanze.evaluation.lawchange.tests.builders import build
from quanze.evaluation.lawchange.workbench import lawchange_section

pytestmark = pytest.mark.django_db


def _task(section, label):
    return next(t for t in section.tasks if t.label == label)


@pytest.fixture
def w(cast):
    w = build(cast)
    w.change = laws.change_record_save(
        by=cast.reviewer, act=w.act, kind="amend", effective_from=date(2027, 1, 1),
        articles=["42"], document_number="国令第1号",
    )  # fmt: skip
    return w


def _open(cast, w, origin):
    return services.project_open(
        actor=cast.office, county=cast.county, title="法规修改后的调整", origin=origin,
        changes=[ChangeSpec(ChangeKind.AMEND_BASIS, w.p42.pk, "法规修改", source=origin)],
    )  # fmt: skip


def test_a_law_change_waits_for_an_adjustment_then_not(cast, w, django_assert_max_num_queries):
    impact = reverse("evaluation:lawchange_detail", args=[w.change.pk])
    with django_assert_max_num_queries(4):
        office = lawchange_section(cast.office)
    task = _task(office, "法规变更待启动动态调整")
    assert (task.count, task.url) == (1, impact)
    town = _task(lawchange_section(cast.town_a_clerk), "法规变更涉及本单位清单,待调整")
    assert (town.count, town.url) == (1, impact)
    bureau = _task(lawchange_section(cast.reviewer), "法规变更影响待启动调整")
    assert (bureau.count, bureau.url) == (1, impact) and "已通知受影响单位 5 个" in bureau.note
    assert _task(lawchange_section(cast.town_b_clerk), "法规变更涉及本单位清单,待调整").count == 0
    project = _open(cast, w, f"evaluation.lawchange:{w.change.pk}")
    assert _task(lawchange_section(cast.office), "法规变更待启动动态调整").count == 0
    assert _task(lawchange_section(cast.reviewer), "法规变更影响待启动调整").count == 0
    # 商河县 cites the article too: its own office still has to act.
    assert _task(lawchange_section(cast.outsider), "法规变更待启动动态调整").count == 1
    services.project_cancel(by=cast.office, project=project, reason="重复立项")
    assert _task(lawchange_section(cast.office), "法规变更待启动动态调整").count == 1


def test_adjustment_projects_and_pending_handovers_wait_for_the_office(
    cast, w, django_assert_max_num_queries
):
    project = _open(cast, w, "evaluation.round:1")
    Handover.objects.create(
        change=AdjustmentChange.objects.get(project=project), kind=Handover.Kind.EVENT_PENDING,
        subject="事件 E1", due_on=date(2027, 1, 1),
    )  # fmt: skip
    with django_assert_max_num_queries(4):
        office = adjustment_section(cast.office)
    opened = _task(office, "动态调整项目待启动")
    assert (
        opened.count == 1 and opened.url == "/evaluation/adjustments/?q=%E5%B7%B2%E7%AB%8B%E9%A1%B9"
    )
    pending = _task(office, "事件待生效日改派")
    assert (pending.count, pending.url, pending.due) == (
        1, project.get_absolute_url(), date(2027, 1, 1),
    )  # fmt: skip
    assert _task(office, "动态调整项目待实施(合法性审核中)").count == 0
    dept = _task(adjustment_section(cast.dept_clerk), "动态调整项目涉及本单位")
    assert (dept.count, dept.url) == (1, project.get_absolute_url())
    assert _task(adjustment_section(cast.reviewer), "动态调整项目合法性审核中").count == 0
    assert adjustment_section(cast.outsider).tasks[0].count == 0
    titles = [s.title for s in workbench_for(cast.office)]
    assert "动态调整" in titles and "法规立改废释" in titles


def test_the_office_goes_from_the_workbench_to_the_work(client, cast, w):
    _open(cast, w, "evaluation.round:1")
    client.force_login(cast.office)
    home = client.get("/").content.decode()
    assert "动态调整项目待启动" in home and "法规变更待启动动态调整" in home
    listed = client.get(_task(adjustment_section(cast.office), "动态调整项目待启动").url)
    assert "法规修改后的调整" in listed.content.decode()
