"""The API of the background publication of decisions. Reads go through the access choke
points, writes through the services."""

from datetime import datetime

from ninja import Router, Schema, Status
from ninja.security import django_auth

from quanze.core.views import access_for_write
from quanze.delegation.decisions.selectors import access_decision
from quanze.delegation.publication import selectors, services

router = Router(tags=["赋权:后台发布、认领期限"], auth=django_auth)


class PublicationIn(Schema):
    row_version: int | None = None


class PublicationJobOut(Schema):
    id: int
    decision_id: int
    status: str
    created_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    total_townships: int
    done_townships: int
    result: str
    error: str

    @staticmethod
    def resolve_created_by(obj) -> str:
        return str(obj.created_by)


@router.post(
    "/decisions/{decision_id}/publish",
    response={202: PublicationJobOut},
    summary="发布乡镇清单(后台任务;进行中再次提交返回 409)",
)
def decision_publish(request, decision_id: int, payload: PublicationIn):
    decision = access_for_write(access_decision, request.user, decision_id)
    job = services.publication_start(
        by=request.user, decision=decision, expected_row_version=payload.row_version
    )
    return Status(202, job)


@router.get("/publication-jobs/{job_id}", response=PublicationJobOut, summary="发布任务进度与结果")
def publication_job(request, job_id: int):
    return selectors.access_publication(request.user, job_id)
