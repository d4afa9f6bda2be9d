"""API of the background publication of decisions and of claim deadlines (mounted by
api.py). Reads go through the access choke points, writes through the services."""

from datetime import datetime

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from ninja.security import django_auth

from quanze.core.views import access_for_write
from quanze.delegation import decision_access as acc
from quanze.delegation import publication_jobs
from quanze.delegation.claim_deadlines import deadline_extend, deadline_for
from quanze.org.models import Division

router = Router(tags=["赋权:后台发布、认领期限"], auth=django_auth)


class PublishIn(Schema):
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
def decision_publish(request, decision_id: int, payload: PublishIn):
    decision = access_for_write(acc.access_decision, request.user, decision_id)
    job = publication_jobs.publication_start(
        by=request.user, decision=decision, expected_row_version=payload.row_version
    )
    return Status(202, job)


@router.get("/publication-jobs/{job_id}", response=PublicationJobOut, summary="发布任务进度与结果")
def publication_job(request, job_id: int):
    return acc.access_publication(request.user, job_id)


class ExtendIn(Schema):
    deadline: datetime
    reason: str
    township_id: int | None = None


class DeadlineOut(Schema):
    window_id: int
    township_id: int | None
    deadline: datetime


@router.post(
    "/claim-windows/{window_id}/deadline",
    response=DeadlineOut,
    summary="延长认领截止时间(不带 township_id 则延长全部乡镇)",
)
def claim_deadline_extend(request, window_id: int, payload: ExtendIn):
    window = access_for_write(acc.access_window, request.user, window_id)
    township = None
    if payload.township_id is not None:
        township = Division.objects.filter(pk=payload.township_id).first()
        if township is None:
            raise ValidationError({"township": "乡镇(街道):不存在"})
    deadline_extend(
        by=request.user, window=window, deadline=payload.deadline, reason=payload.reason,
        township=township,
    )  # fmt: skip
    window.refresh_from_db()
    return {
        "window_id": window.pk,
        "township_id": payload.township_id,
        "deadline": deadline_for(window, township),
    }
