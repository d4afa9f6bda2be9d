"""Reads of adjustment projects and the access choke point: the county's office and justice
bureau read all of the county's projects; a department clerk or township clerk reads only the
projects with a change concerning its unit; anyone else sees nothing (404)."""

from django.db.models import Count, Q, QuerySet

from quanze.core.errors import NotFound
from quanze.evaluation.adjustment.models import AdjustmentChange, AdjustmentProject, Handover
from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.org.roles import is_department_clerk, is_office, is_reviewer, is_township_clerk

K = ChangeKind


def projects_readable(user) -> QuerySet[AdjustmentProject]:
    rows = AdjustmentProject.objects.all()
    if not user.is_authenticated:
        return rows.none()
    if is_office(user) or is_reviewer(user):
        return rows.filter(county_id=user.county_id)
    if is_department_clerk(user):
        d = user.department_id
        mine = (
            Q(changes__power__department_id=d)
            | Q(changes__unit_id=d)
            | Q(changes__unit_before_id=d)
        )
        return rows.filter(mine, county_id=user.county_id).distinct()
    if is_township_clerk(user):
        return rows.filter(changes__townships=user.township_id).distinct()
    return rows.none()


def access_project(user, project_id) -> AdjustmentProject:
    """The project if `user` may read it; the same NotFound whether missing or forbidden."""
    project = projects_readable(user).filter(pk=project_id).first()
    if project is None:
        raise NotFound("找不到该调整项目")
    return project


def projects_from(origin: str, county_id: int | None = None) -> QuerySet[AdjustmentProject]:
    """The projects opened from `origin` ("evaluation.round:3", "evaluation.lawchange:5"),
    in a county when given, cancelled ones excluded."""
    rows = AdjustmentProject.objects.filter(origin=origin).exclude(
        status=AdjustmentProject.Status.CANCELLED
    )
    return rows.filter(county_id=county_id) if county_id is not None else rows


def access_change(user, change_id) -> AdjustmentChange:
    """A change of a project `user` may read (NotFound otherwise, as for the project)."""
    change = AdjustmentChange.objects.filter(
        pk=change_id, project__in=projects_readable(user)
    ).first()
    if change is None:
        raise NotFound("找不到该调整事项")
    return change


def project_rows(user) -> list[dict]:
    """One row per project for the list page (core.listing sorts, filters and pages it)."""
    rows = projects_readable(user).annotate(n=Count("changes", distinct=True))
    return [
        {
            "id": p.pk,
            "title": p.title,
            "origin": p.origin,
            "status": p.get_status_display(),
            "opened_at": p.opened_at.date().isoformat(),
            "document_number": p.document_number,
            "changes": p.n,
        }
        for p in rows
    ]


def project_diff(project) -> list[dict]:
    """Before and after, per list: the township lists (items off or on), the territorial
    list (primary unit) and the catalog (legal basis)."""
    rows = []
    changes = project.changes.select_related(
        "power", "matter", "unit", "unit_before", "list_version"
    ).prefetch_related("townships", "catalog_versions__catalog")
    for c in changes:
        if c.kind in (K.RETURN, K.ADD):
            on = c.kind == K.ADD
            for town in c.townships.all():
                rows.append(
                    {
                        "list": f"{town}赋权事项清单",
                        "item": str(c.power),
                        "before": "不在清单" if on else "在清单",
                        "after": "列入清单" if on else "移出清单(收回县级)",
                        "position": c.position,
                    }
                )
        elif c.kind == K.TRANSFER:
            rows.append(
                {
                    "list": str(c.list_version) if c.list_version else "属地管理责任清单",
                    "item": str(c.matter),
                    "before": f"主体责任:{c.unit_before}",
                    "after": f"主体责任:{c.unit}",
                    "position": c.position,
                }
            )
        elif c.kind == K.AMEND_BASIS:
            lists = "、".join(str(v.catalog) for v in c.catalog_versions.all()) or "权力事项"
            rows.append(
                {
                    "list": lists,
                    "item": str(c.power),
                    "before": c.basis_before,
                    "after": c.new_basis or "(待填写)",
                    "position": c.position,
                }
            )
    return rows


def project_progress(project) -> list[dict]:
    """The delegation batches carrying the project's returns and additions, with their state."""
    seen, rows = set(), []
    for c in project.changes.filter(in_batch=True).select_related(
        "batch_item__batch__project", "power"
    ):
        batch = c.batch_item.batch if c.batch_item else None
        if batch is None or batch.pk in seen:
            continue
        seen.add(batch.pk)
        rows.append(
            {
                "batch": batch,
                "direction": batch.get_direction_display(),
                "status": batch.get_status_display(),
            }
        )
    return rows


def handovers(project):
    return Handover.objects.filter(change__project=project).select_related("change")
