"""The enforcement section of the workbench: a team's cases near or past their time limit,
the justice bureau's legal reviews, certificates about to expire, and the hand-offs that
wait: squad head consents, training requests, certificates to issue, failed case files."""

from django.urls import reverse
from django.utils import timezone

from quanze.core.workbench import Section, Task
from quanze.enforcement.casefiles.selectors import jobs_failed
from quanze.enforcement.cases.selectors import queue_summary, reviews_waiting
from quanze.enforcement.exams.selectors import certificates_to_issue
from quanze.enforcement.officers.selectors import certificates_expiring_summary
from quanze.enforcement.squads.selectors import consents_waiting
from quanze.enforcement.training.selectors import requests_waiting
from quanze.org.roles import is_department_clerk, is_office, is_reviewer, is_township_clerk

CERTIFICATE_DAYS = 60


def enforcement_section(user) -> Section | None:
    if not (
        is_office(user) or is_reviewer(user) or is_department_clerk(user) or is_township_clerk(user)
    ):
        return None
    today = timezone.localdate()
    tasks = []
    cases_url = reverse("enforcement:case_list")
    if is_reviewer(user):
        row = reviews_waiting(user)
        url = reverse("enforcement:case_detail", args=[row["first"]]) if row["first"] else cases_url
        tasks.append(Task("案件待法制审核", row["count"], url, due=row["due"]))
    if is_department_clerk(user) or is_township_clerk(user):
        summary = queue_summary(user, ("overdue", "due"), today=today)
        tasks += [
            Task(
                "案件已超过办案时限",
                summary["overdue"]["count"],
                f"{cases_url}?queue=overdue",
                due=summary["overdue"]["due"],
                overdue=summary["overdue"]["count"],
            ),
            Task(
                "案件3日内到期",
                summary["due"]["count"],
                f"{cases_url}?queue=due",
                due=summary["due"]["due"],
            ),
        ]
    tasks += _waiting(user)
    certificates = certificates_expiring_summary(user, on=today, days=CERTIFICATE_DAYS)
    tasks.append(
        Task(
            f"执法证已过期或{CERTIFICATE_DAYS}日内到期,需换证",
            certificates["count"],
            f"{reverse('enforcement:certificate_expiring')}?days={CERTIFICATE_DAYS}",
            due=certificates["due"],
        )
    )
    return Section("综合行政执法", tasks=tasks)


def _waiting(user) -> list[Task]:
    """Hand-offs waiting for this role: a consent to answer (a township), requests to answer
    and certificates to issue (the justice bureau), case files that failed (a unit)."""
    tasks = []
    if is_township_clerk(user):
        row = consents_waiting(user)
        url = (
            reverse("enforcement:squad_detail", args=[row["first"]])
            if row["first"]
            else reverse("enforcement:squad_list")
        )
        note = f"最早于{timezone.localtime(row['since']):%Y-%m-%d}提请" if row["since"] else ""
        tasks.append(Task("派驻中队负责人任免待本乡镇答复", row["count"], url, note=note))
    if is_reviewer(user):
        row = requests_waiting(user)
        tasks.append(
            Task(
                "乡镇培训需求待答复",
                row["count"],
                reverse("enforcement:training_requests"),
                due=row["due"],
            )
        )
        row = certificates_to_issue(user)
        url = (
            reverse("enforcement:exam_detail", args=[row["first"]])
            if row["first"]
            else reverse("enforcement:exam_list")
        )
        note = f"最早一场考试于{row['held_on']:%Y-%m-%d}举行" if row["held_on"] else ""
        tasks.append(Task("考试合格人员待核发执法证", row["count"], url, note=note))
    if is_department_clerk(user) or is_township_clerk(user) or is_reviewer(user):
        row = jobs_failed(user)
        url = (
            reverse("enforcement:case_file_job", args=[row["first"]])
            if row["first"]
            else reverse("enforcement:case_list")
        )
        tasks.append(Task("案卷生成失败,待重新生成", row["count"], url, overdue=row["count"] or 0))
    return tasks
