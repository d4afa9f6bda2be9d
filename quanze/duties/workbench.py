"""The duties section of the workbench: admission requests to decide or revise, and the
township duty lists whose rounds wait for a department's opinion."""

from django.urls import reverse

from quanze.core.workbench import Section, Task
from quanze.duties.admission.selectors import admissions_waiting
from quanze.duties.dutylists.selectors import rounds_awaiting_opinion
from quanze.org.roles import is_department_clerk, is_office


def duties_section(user) -> Section | None:
    if not (is_office(user) or is_department_clerk(user)):
        return None
    row = admissions_waiting(user)
    url = (
        reverse("duties:admission_detail", args=[row["first"]])
        if row["first"]
        else reverse("duties:admission_list")
    )
    label = "准入申请待审核决定" if is_office(user) else "准入申请被退回,待修改"
    tasks = [Task(label, row["count"], url)]
    if is_department_clerk(user):
        rounds = rounds_awaiting_opinion(user)
        url = (
            reverse("duties:dutyversion_detail", args=[rounds["first"]])
            if rounds["first"]
            else reverse("duties:dutylist_index")
        )
        tasks.append(Task("乡镇履职清单征求意见待提出", rounds["count"], url))
    return Section("属地责任 · 履职清单", tasks=tasks)
