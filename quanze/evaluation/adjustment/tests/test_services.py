"""The rules of adjustment projects: who may, what is refused (in Chinese, naming the change
and the field, nothing written), the order of states, and hand-over from a later date."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quanze.core.errors import Forbidden
from quanze.dispatch.events.models import Event
from quanze.duties.territorial import routing
from quanze.evaluation.adjustment import handover, services
from quanze.evaluation.adjustment.models import AdjustmentChange, AdjustmentProject, Handover
from quanze.evaluation.adjustment.specs import ChangeKind as K
from quanze.evaluation.adjustment.specs import ChangeSpec
from quanze.evaluation.adjustment.tests.test_flow import complete
from quanze.evaluation.adjustment.tests.world import adjustment_world
from quanze.testing.textchecks import assert_refuses_control_chars


@pytest.fixture
def aw(cast):
    return adjustment_world(cast)


def open_(aw, *changes, by=None):
    c = aw.cast
    return services.project_open(
        actor=by or c.office, county=c.county, title="评估调整", origin="evaluation.round:1",
        changes=list(changes),
    )  # fmt: skip


def test_it_refuses_every_bad_change_by_number_and_field_and_writes_nothing(aw):
    c = aw.cast
    with pytest.raises(ValidationError) as refused:
        open_(
            aw,
            ChangeSpec(K.RETURN, aw.added.pk, "乡镇不能承担", township_id=c.town_a.pk),
            ChangeSpec(K.ADD, aw.returned.pk, "", township_id=c.town_b.pk),
            ChangeSpec(K.TRANSFER, None, "效率低下", matter_id=aw.matter.pk, unit_id=c.urban.pk),
            ChangeSpec(K.KEEP, 999999, "保留"),
            ChangeSpec(K.ADD, aw.added.pk, "需要"),
        )
    errors = refused.value.message_dict
    assert errors["changes.1.township_id"] == [
        f"第1项乡镇(街道):「锦水街道」的清单中没有「{aw.added}」,无从收回"
    ]
    assert errors["changes.2.reason"] == ["第2项理由:不能为空"]
    assert errors["changes.2.township_id"] == [
        f"第2项乡镇(街道):「玫瑰镇」的清单中已有「{aw.returned}」"
    ]
    assert errors["changes.3.unit_id"][0].startswith("第3项调整后主责部门:「平阴县城市管理局」已是")
    assert errors["changes.4.power_id"] == ["第4项事项:本县没有编号为999999的权力事项"]
    assert errors["changes.5.township_id"] == [
        "第5项乡镇(街道):新增赋权必须指定需要该事项的乡镇(街道)"
    ]
    assert not AdjustmentProject.objects.exists() and not AdjustmentChange.objects.exists()


def test_it_refuses_an_empty_project_and_a_blank_title(aw):
    with pytest.raises(ValidationError) as refused:
        open_(aw)
    assert refused.value.message_dict == {"changes": ["调整事项:至少一项"]}
    with pytest.raises(ValidationError, match="项目名称:不能为空"):
        services.project_open(
            actor=aw.cast.office, county=aw.cast.county, title=" ", origin="",
            changes=[ChangeSpec(K.KEEP, aw.amended.pk, "保留")],
        )  # fmt: skip


def test_only_the_county_office_runs_adjustments(aw):
    c = aw.cast
    keep = ChangeSpec(K.KEEP, aw.amended.pk, "保留")
    for user in (c.reviewer, c.dept_clerk, c.town_a_clerk, c.outsider):
        with pytest.raises(Forbidden, match="只有本县"):
            open_(aw, keep, by=user)
    project = open_(aw, keep)
    for user in (c.reviewer, c.dept_clerk, c.outsider):
        with pytest.raises(Forbidden):
            services.project_cancel(by=user, project=project, reason="不需要")
    assert AdjustmentProject.objects.get().status == "open"


def test_a_return_waits_for_the_review_and_nothing_changes_before(aw):
    c = aw.cast
    project = open_(aw, ChangeSpec(K.RETURN, aw.returned.pk, "不能承担", township_id=c.town_a.pk))
    with pytest.raises(ValidationError, match="须先启动并经合法性审核"):
        complete(aw, project)
    project = services.project_start(by=c.office, project=project)
    with pytest.raises(ValidationError, match="尚未完成合法性审核"):
        complete(aw, project)
    project.refresh_from_db()
    assert project.status == "in_review" and project.document_number == ""
    with pytest.raises(ValidationError, match="不能再启动"):
        services.project_start(by=c.office, project=project)
    with pytest.raises(ValidationError, match="只有已立项的项目可以撤销"):
        services.project_cancel(by=c.office, project=project, reason="x")


def test_an_amended_basis_must_be_filled_in_before_it_is_carried_out(aw):
    c = aw.cast
    project = open_(aw, ChangeSpec(K.AMEND_BASIS, aw.amended.pk, "法律修订"))
    with pytest.raises(ValidationError) as refused:
        complete(aw, project)
    assert refused.value.message_dict == {
        "changes.1.new_basis": ["第1项新法律依据:依据变更须先填写新的法律依据"]
    }
    change = project.changes.get()
    with pytest.raises(ValidationError, match="新法律依据:不能为空"):
        services.change_set_basis(by=c.office, change=change, new_basis="  ")
    services.change_set_basis(by=c.office, change=change, new_basis="《某法》第十条")
    project = complete(aw, project)
    aw.amended.refresh_from_db()
    assert project.status == "done" and aw.amended.legal_basis == "《某法》第十条"


def test_a_transfer_from_a_later_date_reroutes_open_events_on_that_day(aw):
    c = aw.cast
    later = timezone.localdate() + timedelta(days=10)
    project = open_(
        aw,
        ChangeSpec(
            K.TRANSFER, None, "群众不满意", "满意率 40 %", matter_id=aw.matter.pk,
            unit_id=c.land.pk, effective_from=later,
        ),
    )  # fmt: skip
    complete(aw, project)
    routing.clear_cache()
    row = Handover.objects.get(kind="event_pending")
    assert (row.event_id, row.due_on, row.to_unit) == (aw.event.pk, later, str(c.land))
    assert Event.objects.get(pk=aw.event.pk).primary_department == c.urban
    assert handover.handover_due(by=None, on=later - timedelta(days=1)) == 0
    assert handover.handover_due(by=None, on=later) == 1
    assert Event.objects.get(pk=aw.event.pk).primary_department == c.land
    assert Handover.objects.get(pk=row.pk).kind == "event_rerouted"


def test_every_text_writing_service_refuses_control_characters(db):
    from quanze.dispatch.routing.rerouting import event_reroute
    from quanze.enforcement.cases.handover import clue_hand_over

    proved = assert_refuses_control_chars(
        services.project_open,
        services.change_set_basis,
        services.project_complete,
        services.project_cancel,
        event_reroute,
        clue_hand_over,
    )
    assert proved == 8


def test_a_batch_whose_only_item_is_rejected_is_emptied_and_the_project_completes(aw):
    from quanze.delegation.models import Batch
    from quanze.delegation.review import services as review
    from quanze.delegation.review.selectors import batches_waiting

    c = aw.cast
    project = open_(aw, ChangeSpec(K.RETURN, aw.returned.pk, "乡镇不能承担",
                                   township_id=c.town_a.pk))  # fmt: skip
    project = services.project_start(by=c.office, project=project)
    [batch] = Batch.objects.filter(project__in=project.delegation_projects.all())
    [item] = batch.items.all()
    review.review_save(by=c.reviewer, batch_item=item, mode=batch.mode, legal_route="",
                       verdict="reject", comment="收回须经省政府同意")  # fmt: skip
    review.batch_review_complete(by=c.reviewer, batch=batch)
    with pytest.raises(ValidationError, match="合法性审核不通过"):
        complete(aw, project)
    review.batch_remove_item(by=c.office, batch_item=item, reason="审核不通过,暂不收回")
    assert not Batch.objects.get(pk=batch.pk).items.exists()
    assert batches_waiting(c.office, Batch.Status.REVIEWED)["count"] == 0
    project = complete(aw, AdjustmentProject.objects.get(pk=project.pk))
    assert project.status == AdjustmentProject.Status.DONE
    assert project.changes.get().outcome == "合法性审核不通过,已移出批次,未实施"
    assert Batch.objects.get(pk=batch.pk).status == Batch.Status.REVIEWED  # never submitted
