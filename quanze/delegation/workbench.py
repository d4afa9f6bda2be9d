"""The delegation section of the workbench: batches to review or submit, opinions to give
or dispose of, claim sheets to fill or confirm, and the office's project progress."""

from django.urls import reverse

from quanze.core.workbench import Figure, Section, Task, rate
from quanze.delegation.claims.selectors import claim_progress, sheets_waiting
from quanze.delegation.consultation.selectors import answers_outstanding, dispositions_outstanding
from quanze.delegation.projects.selectors import projects_in_progress, stage_progress
from quanze.delegation.review.models import Batch
from quanze.delegation.review.selectors import batches_blocked, batches_waiting
from quanze.org.roles import is_department_clerk, is_office, is_reviewer, is_township_clerk


def delegation_section(user) -> Section | None:
    if is_office(user):
        return _office(user)
    if is_reviewer(user):
        return Section("放权赋权 · 合法性审核", tasks=[_batches(user, reviewer=True)])
    if is_department_clerk(user):
        return Section("放权赋权 · 征求意见", tasks=[_answers(user, "事项意见待反馈")])
    if is_township_clerk(user):
        return Section(
            "放权赋权 · 反馈与认领",
            tasks=[_answers(user, "承接意愿待反馈"), _sheets(user, "认领表待填写提交")],
        )
    return None


def _office(user) -> Section:
    opinions = dispositions_outstanding(user)
    first = opinions["first"]
    tasks = [
        _batches(user, reviewer=False),
        _blocked(user),
        _submitted(user),
        Task(
            "部门意见、乡镇反馈待处理(采纳与否)",
            opinions["count"],
            reverse("delegation:round_detail", args=[first])
            if first
            else reverse("delegation:project_list"),
        ),
        _sheets(user, "乡镇已提交认领待确认"),
    ]
    figures = []
    for project in projects_in_progress(user):
        number, stages = stage_progress(project)
        figures.append(
            Figure(
                project.name,
                project.get_stage_display(),
                note=f"第{number}/{stages}阶段",
                url=reverse("delegation:project_detail", args=[project.pk]),
                ratio=number / stages,
            )
        )
    progress = claim_progress(user)
    ratio = rate(progress["in"], progress["sheets"])
    figures.append(
        Figure(
            "认领进度(进行中的认领)",
            "暂无认领" if ratio is None else f"{progress['in']}/{progress['sheets']}个乡镇已提交",
            url=reverse("delegation:claim_window_list"),
            ratio=ratio,
        )
    )
    links = [("新建赋权项目", reverse("delegation:project_create"))]
    return Section("放权赋权", tasks=tasks, figures=figures, links=links)


def _batches(user, *, reviewer: bool) -> Task:
    status = Batch.Status.IN_REVIEW if reviewer else Batch.Status.REVIEWED
    row = batches_waiting(user, status)
    url = (
        reverse("delegation:batch_detail", args=[row["first"]])
        if row["first"]
        else reverse("delegation:project_list")
    )
    if reviewer:
        return Task("批次待合法性审核", row["count"], url, note=_unreviewed(row["unreviewed"]))
    return Task("批次审核完成,待提请常务会审议", row["count"], url)


def _blocked(user) -> Task:
    row = batches_blocked(user)
    url = (
        reverse("delegation:batch_detail", args=[row["first"]])
        if row["first"]
        else reverse("delegation:project_list")
    )
    note = f"共{row['rejected']}个事项合法性审核不通过,移出后才能提请常务会" if row["count"] else ""
    return Task("批次含审核不通过的事项,待移出", row["count"], url, overdue=row["count"], note=note)


def _unreviewed(n: int) -> str:
    return f"尚有{n}个事项未审核" if n else ""


def _submitted(user) -> Task:
    row = batches_waiting(user, Batch.Status.SUBMITTED)
    url = (
        reverse("delegation:decision_create", args=[row["first"]])
        if row["first"]
        else reverse("delegation:decision_list")
    )
    return Task("已提请常务会,待录入审议决定", row["count"], url)


def _answers(user, label: str) -> Task:
    rounds = answers_outstanding(user)
    dues = [r["due_on"] for r in rounds if r["due_on"]]
    url = (
        reverse("delegation:round_answer", args=[rounds[0]["round"]])
        if rounds
        else reverse("delegation:project_list")
    )
    items = sum(r["outstanding"] for r in rounds)
    return Task(
        label,
        len(rounds),
        url,
        due=min(dues, default=None),
        note=f"共{items}个事项未反馈" if items else "",
    )


def _sheets(user, label: str) -> Task:
    sheets = sheets_waiting(user)
    if sheets:
        first = sheets[0]
        url = reverse("delegation:claim_sheet", args=[first["window"], first["township"]])
    else:
        url = reverse("delegation:claim_window_list")
    return Task(label, len(sheets), url, due=sheets[0]["deadline"] if sheets else None)
