"""The appraisal section of the workbench: the sheets the unit still has to submit, and for
the office the rounds being scored with how many sheets are outstanding."""

from django.db.models import Count, Min, Q
from django.urls import reverse

from quanze.core.workbench import Section, Task
from quanze.evaluation.appraisal.models import AppraisalRound
from quanze.evaluation.appraisal.selectors import is_clerk, pending_sheets
from quanze.org.roles import is_office


def appraisal_section(user) -> Section | None:
    links = [("双向互评", reverse("evaluation:appraisal_rounds"))]
    if is_clerk(user):
        row = pending_sheets(user).aggregate(n=Count("id"), due=Min("round__due_on"))
        task = Task(
            "双向互评表待填写", row["n"], reverse("evaluation:appraisal_sheets"), due=row["due"]
        )
        return Section("双向互评", tasks=[task], links=links)
    if is_office(user):
        row = AppraisalRound.objects.filter(
            county_id=user.county_id, status=AppraisalRound.Status.OPEN
        ).aggregate(
            rounds=Count("id", distinct=True),
            outstanding=Count("sheets", filter=Q(sheets__submitted_at__isnull=True)),
            due=Min("due_on"),
        )
        task = Task(
            "双向互评评分中",
            row["rounds"],
            reverse("evaluation:appraisal_rounds") + "?status=open",
            due=row["due"],
            note=f"尚有 {row['outstanding']} 份互评表未提交",
        )
        return Section("双向互评", tasks=[task], links=links)
    return None
