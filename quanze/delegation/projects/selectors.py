"""Reads of projects, and the project's access choke point.

- the establishment office reads and writes everything of its county's projects;
- the justice bureau reads them (and writes legality reviews);
- a department clerk reads the projects of its county;
- a township clerk reads the projects covering its township;
- other counties and the public see nothing. Missing and forbidden objects give
  the same NotFound; visible but not allowed gives Forbidden.
"""

from django.db.models import Count, F, QuerySet

from quanze.core.errors import Forbidden
from quanze.delegation.permissions import get_visible
from quanze.delegation.projects.models import DelegationProject, ItemAssessment, ItemClass
from quanze.org.roles import is_county_wide, is_department_clerk, is_office, is_township_clerk


def projects_readable(user) -> QuerySet[DelegationProject]:
    qs = DelegationProject.objects.select_related("county", "catalog_version__catalog", "owner")
    if is_county_wide(user):
        return qs.filter(county_id=user.county_id)
    if is_department_clerk(user):
        return qs.filter(county_id=user.county_id)
    if is_township_clerk(user):
        return qs.filter(townships=user.township_id)
    return qs.none()


def access_project(user, project_id, *, for_write: bool = False) -> DelegationProject:
    qs = projects_readable(user)
    if for_write and not is_office(user):
        qs = qs.none()
    return get_visible(qs, project_id, "赋权项目")


def require_county_wide(user, what: str = "评估和审核材料") -> None:
    """Deliberations (scores, progress of every recipient, reviews) are internal."""
    if not is_county_wide(user):
        raise Forbidden(f"只有编办和司法局可以查看{what}")


def access_internal_project(user, project_id) -> DelegationProject:
    project = access_project(user, project_id)
    require_county_wide(user)
    return project


def class_counts(project) -> dict[str, int]:
    """Items per final class, every class named (0 when empty), plus 'total'."""
    rows = ItemAssessment.objects.filter(project=project).values("final_class")
    counted = {r["final_class"]: r["n"] for r in rows.annotate(n=Count("id"))}
    counts = {c: counted.get(c, 0) for c in ItemClass.values}
    counts["total"] = sum(counted.values())
    counts["overridden"] = (
        ItemAssessment.objects.filter(project=project)
        .exclude(final_class=F("proposed_class"))
        .count()
    )
    return counts


def projects_in_progress(user, *, limit: int = 3) -> list[DelegationProject]:
    """The user's county projects not yet closed, most recent first (the workbench's
    progress bars); one query."""
    return list(
        projects_readable(user)
        .exclude(stage=DelegationProject.Stage.CLOSED)
        .order_by("-started_on", "-id")[:limit]
    )


def stage_progress(project: DelegationProject) -> tuple[int, int]:
    """(the project's stage number, counting from 1; the number of stages before closing)."""
    stages = [value for value, _ in DelegationProject.Stage.choices]
    return stages.index(project.stage) + 1, len(stages) - 1
