"""The enforcement workbench's hand-off queues (issue 14): a squad head consent waits for
the township, training requests and certificates to issue for the justice bureau, failed
case files for the unit; each with its count, its date and one link to act, per role."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from quanze.enforcement.casefiles.models import CaseFileJob
from quanze.enforcement.exams import services as exams
from quanze.enforcement.exams.models import Candidate
from quanze.enforcement.squads import services as squads
from quanze.enforcement.tests.world import officer
from quanze.enforcement.training import services as training
from quanze.enforcement.workbench import enforcement_section

ROLES = ("office", "reviewer", "dept_clerk", "town_a_clerk", "town_b_clerk")


def _task(user, label):
    section = enforcement_section(user)
    return next((t for t in section.tasks if t.label.startswith(label)), None)


def test_a_head_consent_waits_for_its_township_only(ew):
    cast = ew.cast
    squad = squads.squad_create(
        by=cast.dept_clerk, township=cast.town_a, established_on=date(2025, 10, 1)
    )
    head = officer(cast, "张队", department=cast.urban, number="CG01")
    squads.member_add(by=cast.dept_clerk, squad=squad, officer=head, joined_on=date(2025, 10, 1))
    consent = squads.consent_request(by=cast.dept_clerk, squad=squad, candidate=head, reason="拟任")
    task = _task(cast.town_a_clerk, "派驻中队负责人任免待本乡镇答复")
    assert task.count == 1 and task.url == reverse("enforcement:squad_detail", args=[squad.pk])
    assert task.note.startswith("最早于")
    assert _task(cast.town_b_clerk, "派驻中队负责人任免").count == 0
    for role in ("office", "reviewer", "dept_clerk"):
        assert _task(getattr(cast, role), "派驻中队负责人任免") is None
    squads.consent_answer(by=cast.town_a_clerk, consent=consent, agree=True)
    assert _task(cast.town_a_clerk, "派驻中队负责人任免").count == 0


def test_training_requests_wait_for_the_justice_bureau(ew):
    cast = ew.cast
    request = training.request_submit(
        by=cast.town_a_clerk, topic="现场检查与调查取证", wanted_on=date(2030, 3, 1)
    )
    task = _task(cast.reviewer, "乡镇培训需求待答复")
    assert (task.count, task.due) == (1, date(2030, 3, 1))
    assert task.url == reverse("enforcement:training_requests")
    for role in ("office", "dept_clerk", "town_a_clerk"):
        assert _task(getattr(cast, role), "乡镇培训需求") is None
    training.request_answer(
        by=cast.reviewer, request=request, accept=False, answer="下季度统一安排"
    )
    assert _task(cast.reviewer, "乡镇培训需求待答复").count == 0


def test_passed_candidates_wait_for_their_certificates(ew):
    cast = ew.cast
    sitting = exams.sitting_create(
        by=cast.reviewer, title="执法资格考试", held_on=date(2025, 6, 14)
    )
    people = [
        officer(cast, n, township=cast.town_a, number=f"T{i}") for i, n in enumerate("甲乙丙")
    ]
    exams.candidates_register(by=cast.town_a_clerk, sitting=sitting, officers_=people)
    Candidate.objects.filter(sitting=sitting).update(score=80, passed=True)
    Candidate.objects.filter(sitting=sitting, officer=people[2]).update(score=40, passed=False)
    task = _task(cast.reviewer, "考试合格人员待核发执法证")
    assert task.count == 2 and task.url == reverse("enforcement:exam_detail", args=[sitting.pk])
    assert "2025-06-14" in task.note
    for role in ("office", "dept_clerk", "town_a_clerk"):
        assert _task(getattr(cast, role), "考试合格人员") is None


def test_a_failed_case_file_waits_for_the_unit_until_a_later_job(ew):
    cast = ew.cast
    failed = CaseFileJob.objects.create(
        case=ew.case_a, status=CaseFileJob.Status.FAILED, fingerprint="x",
        created_by=cast.town_a_clerk, created_at=timezone.now(), error="排版失败",
    )  # fmt: skip
    task = _task(cast.town_a_clerk, "案卷生成失败")
    assert (task.count, task.overdue) == (1, 1)
    assert task.url == reverse("enforcement:case_file_job", args=[failed.pk])
    assert _task(cast.reviewer, "案卷生成失败").count == 1
    assert _task(cast.town_b_clerk, "案卷生成失败").count == 0
    assert _task(cast.office, "案卷生成失败") is None
    CaseFileJob.objects.create(
        case=ew.case_a, status=CaseFileJob.Status.DONE, fingerprint="y",
        created_by=cast.town_a_clerk, created_at=timezone.now(),
    )  # fmt: skip
    assert _task(cast.town_a_clerk, "案卷生成失败").count == 0


def test_the_home_page_shows_the_queue_with_its_link(client, ew):
    cast = ew.cast
    training.request_submit(by=cast.town_a_clerk, topic="现场检查与调查取证")
    client.force_login(cast.reviewer)
    page = client.get("/").content.decode()
    assert "乡镇培训需求待答复" in page and reverse("enforcement:training_requests") in page
