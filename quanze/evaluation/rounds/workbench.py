"""The evaluation section of the workbench: the forms a township or a department still
has to fill in rounds collecting inputs; the office's rounds waiting for a decision."""

from django.urls import reverse

from quanze.core.workbench import Section, Task
from quanze.evaluation.rounds.models import Proposal, Round
from quanze.evaluation.rounds.selectors import forms_to_fill, rounds_visible
from quanze.org.roles import is_department_clerk, is_office, is_township_clerk


def evaluation_section(user) -> Section | None:
    if is_township_clerk(user) or is_department_clerk(user):
        form = "round_assessment" if is_township_clerk(user) else "round_opinion"
        label = "承接能力自评" if is_township_clerk(user) else "部门意见"
        tasks = [
            Task(
                f"{row['round'].title}:{label}待填报事项",
                row["missing"],
                reverse(f"evaluation:{form}", args=[row["round"].pk]),
                due=row["round"].end,
            )
            for row in forms_to_fill(user)
        ]
        return Section("质效评估", tasks=tasks) if tasks else None
    if is_office(user):
        waiting = Proposal.objects.filter(
            round__in=rounds_visible(user).filter(status=Round.Status.COMPUTED),
            status=Proposal.Status.PROPOSED,
        ).count()
        return Section(
            "质效评估",
            tasks=[
                Task(
                    "评估建议待审定", waiting, reverse("evaluation:round_list") + "?status=computed"
                )
            ],
            links=[("质效评估", reverse("evaluation:round_list"))],
        )
    return None
