"""The enforcement section of the workbench: a team's cases past their time limit, the
justice bureau's legal reviews, certificates about to expire; in a fixed number of queries."""

from datetime import timedelta

from django.utils import timezone

from quanze.enforcement.cases.models import Case
from quanze.enforcement.officers.selectors import certificates_expiring
from quanze.enforcement.tests.world import officer
from quanze.enforcement.workbench import enforcement_section


def _task(section, label):
    return next(task for task in section.tasks if task.label.startswith(label))


def test_the_township_team_sees_its_case_past_its_time_limit(ew):
    cast = ew.cast
    case = Case.objects.get(pk=ew.case_a.pk)
    Case.objects.filter(pk=case.pk).update(due_on=timezone.localdate() - timedelta(days=2))
    task = _task(enforcement_section(cast.town_a_clerk), "案件已超过办案时限")
    assert (task.count, task.overdue) == (1, 1)
    assert task.due == timezone.localdate() - timedelta(days=2)
    assert _task(enforcement_section(cast.town_b_clerk), "案件已超过办案时限").count == 0


def test_the_justice_bureau_sees_a_case_waiting_for_legal_review(ew):
    cast = ew.cast
    assert _task(enforcement_section(cast.reviewer), "案件待法制审核").count == 0
    Case.objects.filter(pk=ew.case_a.pk).update(state="investigated", review_required=True)
    task = _task(enforcement_section(cast.reviewer), "案件待法制审核")
    assert task.count == 1 and task.url.endswith(f"/cases/{ew.case_a.pk}/")


def test_a_certificate_about_to_expire_is_on_the_office_and_the_team_lists(ew):
    cast = ew.cast
    today = timezone.localdate()
    officer(cast, "孙伟", township=cast.town_a, number="37012400077",
            valid=(today - timedelta(days=300), today + timedelta(days=20)))  # fmt: skip
    for user in (cast.office, cast.town_a_clerk):
        task = _task(enforcement_section(user), "执法证已过期或60日内到期")
        # The count is the count of the queue it links to (expired-but-unrenewed included).
        queue = certificates_expiring(user, on=today, within=60)
        assert task.count == queue.count() and "37012400077" in {c.number for c in queue}
        assert task.due == min(c.valid_to for c in queue)
    assert _task(enforcement_section(cast.town_b_clerk), "执法证已过期或60日内到期").count == 0


def test_the_section_counts_in_constant_queries(ew, django_assert_max_num_queries):
    cast = ew.cast
    for user in (cast.office, cast.reviewer, cast.dept_clerk, cast.town_a_clerk):
        # one query per line of work (the hand-off queues are one aggregate each)
        with django_assert_max_num_queries(5):
            enforcement_section(user)
