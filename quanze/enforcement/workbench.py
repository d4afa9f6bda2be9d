"""The enforcement section of the workbench: a team's cases near or past their time limit,
the justice bureau's legal reviews, and certificates about to expire."""

from django.urls import reverse
from django.utils import timezone

from quanze.core.workbench import Section, Task
from quanze.enforcement.cases.selectors import queue_summary, reviews_waiting
from quanze.enforcement.officers.selectors import certificates_expiring_summary
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
