"""A delegation project on the shared test world (quanze.testing.world), for the
service tests and the permission matrix: two items, one open round, one batch."""

from datetime import date
from types import SimpleNamespace

from quanze.delegation.assessment import services as assessing
from quanze.delegation.consultation import services as consultation
from quanze.delegation.projects import services as projects
from quanze.delegation.review import services as review


def build_project(world):
    """A copy of the world with the project's objects added (a copy, so names such as
    `round` or `batch` do not collide with other apps' additions to the shared world)."""
    w = SimpleNamespace(**vars(world))
    c = w.cast
    w.project = projects.project_create(
        by=c.office,
        county=c.county,
        name="平阴县赋权测试项目",
        catalog_version=w.published,
        townships=[c.town_a, c.town_b],
        started_on=date(2025, 5, 1),
    )
    items = {i.power_id: i for i in w.project.items.all()}
    w.urban_item = assessing.assessment_update(
        by=c.office,
        item=items[w.urban_power.pk],
        expected_row_version=1,
        difficulty="2",
        necessity="4.5",
    )
    w.land_item = assessing.assessment_update(
        by=c.office,
        item=items[w.land_power.pk],
        expected_row_version=1,
        difficulty="3",
        necessity="3",
    )
    w.round = consultation.round_open(
        by=c.office, project=w.project, items=[w.urban_item, w.land_item]
    )
    recipients = {(r.department_id, r.township_id): r for r in w.round.recipients.all()}
    w.urban_recipient = recipients[(c.urban.pk, None)]
    w.land_recipient = recipients[(c.land.pk, None)]
    w.town_a_recipient = recipients[(None, c.town_a.pk)]
    w.batch = review.batch_create(
        by=c.office, project=w.project, title="第一批", mode="entrustment", items=[w.urban_item]
    )
    w.batch_item = w.batch.items.get()
    return w
