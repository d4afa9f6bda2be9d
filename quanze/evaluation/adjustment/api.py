"""The API of adjustment projects: the same selectors and services as the pages."""

from datetime import date

from ninja import Router, Schema, Status
from ninja.security import django_auth

from quanze.core.api_safety import choice
from quanze.core.errors import Forbidden
from quanze.delegation.review.models import Mode
from quanze.evaluation.adjustment import selectors, services
from quanze.evaluation.adjustment.specs import ChangeKind, ChangeSpec

router = Router(tags=["评估:动态调整"], auth=django_auth)


class ChangeIn(Schema):
    kind: choice({k.value: k.value for k in ChangeKind})
    power_id: int | None = None
    reason: str
    facts: str = ""
    township_id: int | None = None
    unit_id: int | None = None
    matter_id: int | None = None
    effective_from: date | None = None
    source: str = ""
    articles: list[str] = []
    new_basis: str = ""


class ProjectIn(Schema):
    title: str
    origin: str = ""
    changes: list[ChangeIn]


class ChangeOut(Schema):
    id: int
    position: int
    kind: str
    power_id: int | None
    matter_id: int | None
    township_ids: list[int]
    reason: str
    facts: str
    outcome: str


class AdjustmentDiffOut(Schema):
    list: str
    item: str
    before: str
    after: str
    position: int


class AdjustmentProjectOut(Schema):
    id: int
    title: str
    origin: str
    status: str
    county_id: int
    document_number: str
    effective_date: date | None
    row_version: int


class AdjustmentProjectDetailOut(AdjustmentProjectOut):
    changes: list[ChangeOut]
    diff: list[AdjustmentDiffOut]


class StartIn(Schema):
    mode: choice(dict(Mode.choices)) = Mode.ENTRUSTMENT
    row_version: int | None = None


class CompleteIn(Schema):
    meeting_date: date
    document_number: str
    effective_date: date
    fine_return_share: float = 0
    row_version: int | None = None


class CancelIn(Schema):
    reason: str


class BasisIn(Schema):
    new_basis: str


class OpenFromIn(Schema):
    """Open a project from an evaluation round or a law change: only its title is asked."""

    title: str = ""


def project_out(project) -> dict:
    """A project as `AdjustmentProjectOut` (also answered by the rounds and law-change APIs)."""
    return _out(project)


def _out(project) -> dict:
    return {f: getattr(project, f) for f in AdjustmentProjectOut.model_fields}


def _change(c) -> dict:
    return {
        **{f: getattr(c, f) for f in ("id", "position", "kind", "power_id", "matter_id")},
        "township_ids": [t.pk for t in c.townships.all()],
        **{f: getattr(c, f) for f in ("reason", "facts", "outcome")},
    }


def _detail(project) -> dict:
    changes = [
        _change(c) for c in project.changes.prefetch_related("townships").order_by("position")
    ]
    return {**_out(project), "changes": changes, "diff": selectors.project_diff(project)}


@router.get("/adjustments", response=list[AdjustmentProjectOut], summary="可查看的动态调整项目")
def adjustment_list(request):
    return [_out(p) for p in selectors.projects_readable(request.user)]


@router.post("/adjustments", response={201: AdjustmentProjectDetailOut}, summary="立项(本县编办)")
def adjustment_open(request, body: ProjectIn):
    if request.user.county is None:
        raise Forbidden("只有本县(市、区)编办可以办理动态调整项目")
    project = services.project_open(
        actor=request.user,
        county=request.user.county,
        title=body.title,
        origin=body.origin,
        changes=[ChangeSpec(**{**c.dict(), "articles": tuple(c.articles)}) for c in body.changes],
    )
    return Status(201, _detail(project))


@router.get("/adjustments/{project_id}", response=AdjustmentProjectDetailOut)
def adjustment_detail(request, project_id: int):
    return _detail(selectors.access_project(request.user, project_id))


@router.post(
    "/adjustments/{project_id}/start", response=AdjustmentProjectOut, summary="提交合法性审核"
)
def adjustment_start(request, project_id: int, body: StartIn):
    project = selectors.access_project(request.user, project_id)
    return _out(
        services.project_start(
            by=request.user, project=project, mode=body.mode, expected_row_version=body.row_version
        )
    )


@router.post(
    "/adjustments/{project_id}/complete", response=AdjustmentProjectDetailOut, summary="实施调整"
)
def adjustment_complete(request, project_id: int, body: CompleteIn):
    project = selectors.access_project(request.user, project_id)
    project = services.project_complete(
        by=request.user,
        project=project,
        meeting_date=body.meeting_date,
        document_number=body.document_number,
        effective_date=body.effective_date,
        fine_return_share=str(body.fine_return_share),
        expected_row_version=body.row_version,
    )
    return _detail(project)


@router.post("/adjustments/{project_id}/cancel", response=AdjustmentProjectOut, summary="撤销项目")
def adjustment_cancel(request, project_id: int, body: CancelIn):
    project = selectors.access_project(request.user, project_id)
    return _out(services.project_cancel(by=request.user, project=project, reason=body.reason))


@router.put("/adjustment-changes/{change_id}/basis", response=ChangeOut, summary="填写新法律依据")
def adjustment_basis(request, change_id: int, body: BasisIn):
    change = selectors.access_change(request.user, change_id)
    change = services.change_set_basis(by=request.user, change=change, new_basis=body.new_basis)
    return _change(change)
