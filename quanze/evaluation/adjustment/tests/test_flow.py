"""An adjustment end to end through the real services: a return, an add, a transfer with an
open event re-routed and a filed case staying, an amended basis, a keep and a report upward;
the justice bureau reviews the batches; the meeting's decision publishes the new versions."""

import pytest
from django.utils import timezone

from quanze.catalog.models import Catalog, CatalogVersion
from quanze.core.models import ChangeRecord, Notice
from quanze.delegation.models import Batch
from quanze.delegation.review import services as review
from quanze.dispatch.events.models import Event, EventLog
from quanze.duties.corrections.selectors import current_item
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.models import Case
from quanze.evaluation.adjustment import services
from quanze.evaluation.adjustment.models import AdjustmentProject, Handover
from quanze.evaluation.adjustment.selectors import project_diff
from quanze.evaluation.adjustment.specs import ChangeKind as K
from quanze.evaluation.adjustment.specs import ChangeSpec
from quanze.evaluation.adjustment.tests.world import adjustment_world

NEW_BASIS = "【法律】《中华人民共和国固体废物污染环境防治法》(2020年修订)第一百一十一条"


@pytest.fixture
def aw(cast):
    return adjustment_world(cast)


def township_list(township) -> set[str]:
    version = CatalogVersion.objects.get(
        catalog__owner=township,
        catalog__kind=Catalog.Kind.TOWNSHIP_LIST,
        status=CatalogVersion.Status.PUBLISHED,
    )
    return set(version.entries.values_list("power__code", flat=True))


def specs(aw):
    c = aw.cast
    return [
        ChangeSpec(K.RETURN, aw.returned.pk, "乡镇不能承担", "行权率 0 %(12个月)", township_id=c.town_a.pk),
        ChangeSpec(K.ADD, aw.added.pk, "清单中没有但基层需要", "玫瑰镇申请承接", township_id=c.town_b.pk),
        ChangeSpec(
            K.TRANSFER, None, "效率低下、群众不满意", "满意率 40 %", matter_id=aw.matter.pk,
            unit_id=c.land.pk,
        ),
        ChangeSpec(K.AMEND_BASIS, aw.amended.pk, "法律修订", source="evaluation.lawchange:5",
                   new_basis=NEW_BASIS),
        ChangeSpec(K.KEEP, aw.amended.pk, "运行良好"),
        ChangeSpec(K.REPORT_UPWARD, aw.added.pk, "省级事项,建议省政府调整"),
    ]  # fmt: skip


def review_all(aw, project):
    for batch in Batch.objects.filter(project__in=project.delegation_projects.all()):
        for item in batch.items.all():
            review.review_save(
                by=aw.cast.reviewer,
                batch_item=item,
                mode=batch.mode,
                legal_route="《行政处罚法》第二十四条",
                verdict="pass",
            )
        review.batch_review_complete(by=aw.cast.reviewer, batch=batch)


def complete(aw, project, **more):
    today = timezone.localdate()
    return services.project_complete(
        by=aw.cast.office,
        project=project,
        meeting_date=today,
        document_number="平政发〔2026〕3号",
        effective_date=today,
        **more,
    )


def test_it_carries_out_every_kind_of_change_through_the_real_services(aw):
    c = aw.cast
    project = services.project_open(
        actor=c.office, county=c.county, title="2026年度评估调整", origin="evaluation.round:3",
        changes=specs(aw),
    )  # fmt: skip
    assert project.status == AdjustmentProject.Status.OPEN
    project = services.project_start(by=c.office, project=project)
    batches = Batch.objects.filter(project__in=project.delegation_projects.all())
    assert {(b.direction, b.status) for b in batches} == {
        ("withdraw", "in_review"),
        ("grant", "in_review"),
    }
    review_all(aw, project)
    project = complete(aw, project)
    assert project.status == AdjustmentProject.Status.DONE

    # return and add: new township list versions through the delegation publication
    assert "CG-000" not in township_list(c.town_a)
    assert township_list(c.town_b) == {"CG-000", "CG-001", "CG-002"}
    assert {b.decision.status for b in batches} == {"published"}

    # transfer: a new territorial version; the open event goes to the new unit
    assert current_item(county=c.county, matter=aw.matter).primary_department == c.land
    event = Event.objects.get(pk=aw.event.pk)
    assert event.primary_department == c.land
    assert EventLog.objects.filter(event=event, action="reroute").count() == 1
    assert event.assignments.get(active=True, role="primary").department == c.land

    # the filed case stays with the body that filed it; the clue goes with the item
    case = Case.objects.get(pk=aw.case.pk)
    assert (case.department, case.state) == (c.urban, m.FILED)
    clue = Case.objects.get(pk=aw.clue.pk)
    assert (clue.township, clue.department, clue.mode) == (None, c.urban, Case.Mode.OWN)
    assert clue.steps.filter(action="hand_over").exists()
    kinds = set(Handover.objects.filter(change__project=project).values_list("kind", flat=True))
    assert kinds == {"event_rerouted", "case_stays", "clue_moved"}

    # amended basis: the power and a new catalog version
    aw.amended.refresh_from_db()
    assert aw.amended.legal_basis == NEW_BASIS
    guiding = CatalogVersion.objects.get(
        catalog__name="指导目录CG", status=CatalogVersion.Status.PUBLISHED
    )
    assert guiding.number == 2 and guiding.document_number == "平政发〔2026〕3号"

    # outcomes, diff, history and notices
    outcomes = dict(project.changes.values_list("kind", "outcome"))
    assert outcomes["keep"] == "保留,不作调整"
    assert "收回" in outcomes["return"] and "线索随事项移交1件" in outcomes["return"]
    assert "改派在办事件1件" in outcomes["transfer"]
    diff = {(d["list"], d["item"]): (d["before"], d["after"]) for d in project_diff(project)}
    assert diff[("锦水街道赋权事项清单", str(aw.returned))] == ("在清单", "移出清单(收回县级)")
    assert (
        ChangeRecord.objects.filter(
            content_type__model="adjustmentproject", object_id=project.pk
        ).count()
        == 3
    )
    told = set(
        Notice.objects.filter(kind="adjustment_completed").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"office", "reviewer", "urban", "land", "town_a", "town_b"} <= told
    assert "outsider" not in told
