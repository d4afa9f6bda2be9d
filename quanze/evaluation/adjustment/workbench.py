"""The workbench section of adjustment projects (动态调整): the office sees its county's
projects to start and those in review to complete, and the open events whose re-routing
waits for the new list's effective date; the justice bureau the projects in review; a
department or township the projects under way that concern it. Fixed number of queries.
"""

from urllib.parse import urlencode

from django.db.models import Min
from django.urls import reverse

from quanze.core.workbench import Section, Task
from quanze.evaluation.adjustment.models import AdjustmentProject, Handover
from quanze.evaluation.adjustment.selectors import projects_readable
from quanze.org.roles import is_department_clerk, is_office, is_reviewer, is_township_clerk


def adjustment_section(user) -> Section | None:
    listing = reverse("evaluation:adjustment_list")
    links = [("动态调整", listing)]
    projects = projects_readable(user)
    S = AdjustmentProject.Status
    if is_office(user):
        counts = dict.fromkeys(S.values, 0)
        for status in projects.values_list("status", flat=True):
            counts[status] += 1
        pending = Handover.objects.filter(
            change__project__in=projects,
            kind=Handover.Kind.EVENT_PENDING,
            done_at__isnull=True,
        )
        first = pending.order_by("due_on", "pk").values("change__project_id", "due_on").first()
        n_pending = pending.count()
        tasks = [
            Task(
                "动态调整项目待启动", counts[S.OPEN], f"{listing}?{urlencode({'q': S.OPEN.label})}"
            ),
            Task(
                "动态调整项目待实施(合法性审核中)",
                counts[S.IN_REVIEW],
                f"{listing}?{urlencode({'q': S.IN_REVIEW.label})}",
            ),
            Task(
                "事件待生效日改派",
                n_pending,
                reverse("evaluation:adjustment_detail", args=[first["change__project_id"]])
                if first
                else listing,
                due=first["due_on"] if first else None,
            ),
        ]
        return Section("动态调整", tasks=tasks, links=links)
    if is_reviewer(user) or is_department_clerk(user) or is_township_clerk(user):
        states = [S.IN_REVIEW] if is_reviewer(user) else [S.OPEN, S.IN_REVIEW]
        under_way = projects.filter(status__in=states)
        row = under_way.aggregate(first=Min("pk"))
        n = under_way.count()
        label = "动态调整项目合法性审核中" if is_reviewer(user) else "动态调整项目涉及本单位"
        url = reverse("evaluation:adjustment_detail", args=[row["first"]]) if n == 1 else listing
        return Section("动态调整", tasks=[Task(label, n, url)], links=links)
    return None
