"""The delegation section of the workbench: what waits for each role, in a fixed number of
queries."""

from datetime import date

from django.urls import reverse

from quanze.delegation.claims.models import Claim
from quanze.delegation.claims.windows import window_open
from quanze.delegation.consultation.services import round_open
from quanze.delegation.review.models import Batch
from quanze.delegation.tests import builders as b
from quanze.delegation.workbench import delegation_section


def _task(section, label):
    return next(task for task in section.tasks if task.label.startswith(label))


def _world(cast):
    version = b.guiding_version(cast, n=4)
    project = b.project(cast, version)
    return version, project


def test_the_reviewer_sees_the_batch_in_review_with_its_unreviewed_items(cast):
    _, project = _world(cast)
    batch = b.batch(cast, project, status=Batch.Status.IN_REVIEW, verdicts=("pass", None, None))
    task = _task(delegation_section(cast.reviewer), "批次待合法性审核")
    assert task.count == 1
    assert task.note == "尚有2个事项未审核"
    assert task.url == reverse("delegation:batch_detail", args=[batch.pk])


def test_the_office_sees_a_reviewed_batch_to_submit_and_claims_to_confirm(cast):
    version, project = _world(cast)
    batch = b.batch(cast, project, status=Batch.Status.REVIEWED)
    window = window_open(
        by=cast.office, county=cast.county, catalog_version=version, title="第一批认领",
        deadline=b.deadline(5), townships=[cast.town_a, cast.town_b],
    )  # fmt: skip
    Claim.objects.filter(window=window, township=cast.town_a).update(status="submitted")
    section = delegation_section(cast.office)
    submit = _task(section, "批次审核完成")
    assert (submit.count, submit.url) == (1, reverse("delegation:batch_detail", args=[batch.pk]))
    confirm = _task(section, "乡镇已提交认领待确认")
    assert confirm.count == 1
    assert confirm.url == reverse("delegation:claim_sheet", args=[window.pk, cast.town_a.pk])
    assert confirm.due == window.deadline
    progress = next(f for f in section.figures if f.label.startswith("认领进度"))
    assert progress.value == "1/2个乡镇已提交" and progress.ratio == 0.5
    # The township that has not submitted sees its sheet to fill, with the deadline.
    town_b = _task(delegation_section(cast.town_b_clerk), "认领表待填写提交")
    assert town_b.count == 1 and town_b.due == window.deadline
    assert _task(delegation_section(cast.town_a_clerk), "认领表待填写提交").count == 0


def test_a_department_sees_the_round_it_owes_opinions_in(cast):
    _, project = _world(cast)
    round_ = round_open(
        by=cast.office, project=project, items=list(project.items.all()), due_on=date(2030, 1, 1)
    )
    task = _task(delegation_section(cast.dept_clerk), "事项意见待反馈")
    assert task.count == 1 and task.due == date(2030, 1, 1)
    assert task.note == "共3个事项未反馈"  # three of the four items are 城管局's
    assert task.url == reverse("delegation:round_answer", args=[round_.pk])
    assert _task(delegation_section(cast.town_a_clerk), "承接意愿待反馈").note == "共4个事项未反馈"


def test_the_section_counts_in_constant_queries(cast, django_assert_max_num_queries):
    version, project = _world(cast)
    b.batch(cast, project, status=Batch.Status.IN_REVIEW, verdicts=(None, None, None, None))
    round_open(by=cast.office, project=project, items=list(project.items.all()))
    window_open(
        by=cast.office, county=cast.county, catalog_version=version, title="认领",
        deadline=b.deadline(5), townships=[cast.town_a, cast.town_b],
    )  # fmt: skip
    limits = {cast.office: 10, cast.reviewer: 1, cast.dept_clerk: 1, cast.town_a_clerk: 2}
    for user, limit in limits.items():
        with django_assert_max_num_queries(limit):
            delegation_section(user)


def test_the_office_sees_a_batch_blocked_by_a_rejected_item(cast):
    _, project = _world(cast)
    batch = b.batch(cast, project, status=Batch.Status.REVIEWED, verdicts=("pass", "reject"))
    task = _task(delegation_section(cast.office), "批次含审核不通过的事项")
    assert (task.count, task.overdue) == (1, 1)
    assert task.url == reverse("delegation:batch_detail", args=[batch.pk])
    assert task.note.startswith("共1个事项合法性审核不通过")
    for user in (cast.reviewer, cast.dept_clerk, cast.town_a_clerk):
        assert all(
            not t.label.startswith("批次含审核不通过") for t in delegation_section(user).tasks
        )
    Batch.objects.filter(pk=batch.pk).update(status=Batch.Status.SUBMITTED)
    assert _task(delegation_section(cast.office), "批次含审核不通过的事项").count == 0
