"""The API of projects. Reads go through the access choke points."""

from datetime import date

from ninja import Router, Schema
from ninja.security import django_auth

from quanze.delegation.projects import selectors
from quanze.org.roles import is_county_wide

router = Router(tags=["赋权:评估、征求意见与合法性审核"], auth=django_auth)


class ProjectOut(Schema):
    id: int
    name: str
    county_id: int
    catalog_version_id: int
    stage: str
    started_on: date
    due_on: date | None


class ProjectDetailOut(ProjectOut):
    township_ids: list[int]
    class_counts: dict[str, int] | None


@router.get("/projects", response=list[ProjectOut], summary="可查看的赋权项目")
def project_list(request):
    return list(selectors.projects_readable(request.user))


@router.get("/projects/{project_id}", response=ProjectDetailOut)
def project_detail(request, project_id: int):
    project = selectors.access_project(request.user, project_id)
    counts = selectors.class_counts(project) if is_county_wide(request.user) else None
    return {
        **{f: getattr(project, f) for f in ProjectOut.model_fields},
        "township_ids": list(project.townships.values_list("pk", flat=True)),
        "class_counts": counts,
    }
