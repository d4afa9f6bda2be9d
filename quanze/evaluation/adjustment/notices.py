"""Who an adjustment project tells (通知): every township and department a change concerns,
and the county's establishment office and justice bureau; each notice lists the changes
with their facts and reasons."""

from django.urls import reverse

from quanze.core.models import Notice
from quanze.core.notices import notify, unit_users
from quanze.org.models import User
from quanze.org.roles import county_users

Kind = Notice.Kind


def concerned(project) -> tuple[set[int], set[int]]:
    """The township and department ids the project's changes concern."""
    townships, departments = set(), set()
    for change in project.changes.select_related("power").prefetch_related("townships"):
        townships |= {t.pk for t in change.townships.all()}
        for dep in (
            change.power.department_id if change.power else None,
            change.unit_id,
            change.unit_before_id,
        ):
            if dep:
                departments.add(dep)
    return townships, departments


def _body(project) -> str:
    lines = [f"来源:{project.origin or '—'}"]
    for c in project.changes.select_related("power", "matter", "unit"):
        what = c.power or c.matter or ""
        line = f"{c.position}. {c.get_kind_display()}「{what}」:{c.reason}"
        if c.facts:
            line += f"(事实:{c.facts})"
        if c.outcome:
            line += f";结果:{c.outcome}"
        lines.append(line)
    return "\n".join(lines)


def _tell(project, *, kind: str, title: str) -> int:
    townships, departments = concerned(project)
    users = (
        unit_users(townships=townships, departments=departments)
        | county_users(project.county_id, User.Role.ESTABLISHMENT_OFFICE)
        | county_users(project.county_id, User.Role.JUSTICE_REVIEWER)
    ).distinct()
    recipients = list(users)
    notify(
        recipients,
        kind=kind,
        title=title,
        body=_body(project),
        link=reverse("evaluation:adjustment_detail", args=[project.pk]),
    )
    return len(recipients)


def opened(project) -> int:
    """立项 from an evaluation round or a law change: the units concerned learn what will be
    adjusted before it goes to review (kind 动态调整启动, the project's first step)."""
    return _tell(project, kind=Kind.ADJUSTMENT_STARTED, title=f"动态调整立项:{project.title}")


def started(project) -> int:
    return _tell(project, kind=Kind.ADJUSTMENT_STARTED, title=f"动态调整启动:{project.title}")


def completed(project) -> int:
    return _tell(
        project,
        kind=Kind.ADJUSTMENT_COMPLETED,
        title=f"动态调整完成:{project.title}({project.document_number})",
    )
