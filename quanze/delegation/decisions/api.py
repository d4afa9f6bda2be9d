"""The API of the approval stage: submit a batch, record and read decisions. Reads go
through the access choke points, writes through the services, as the web pages do."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import choice
from quanze.core.views import access_for_write
from quanze.delegation.decisions import selectors
from quanze.delegation.decisions import services as decisions
from quanze.delegation.review.models import Mode
from quanze.delegation.review.selectors import access_batch
from quanze.org.models import Division

router = Router(tags=["赋权:审议、认领、事项进展"], auth=django_auth)


class DecisionBatchOut(Schema):
    id: int
    number: int
    title: str
    status: str
    row_version: int


class SubmitIn(Schema):
    row_version: int | None = None
    reason: str = ""


class DecisionIn(Schema):
    meeting_date: date
    document_number: str
    mode: choice(Mode)
    effective_date: date
    fine_return_share: Decimal
    township_ids: list[int]
    batch_item_ids: list[int] | None = None
    row_version: int | None = None


class DecisionOut(Schema):
    id: int
    batch_id: int
    meeting_date: date
    document_number: str
    mode: str
    effective_date: date
    fine_return_share: Decimal
    status: str
    published_at: datetime | None
    row_version: int
    township_ids: list[int]
    powers: list[str]

    @staticmethod
    def resolve_township_ids(obj) -> list[int]:
        return list(obj.townships.order_by("code").values_list("id", flat=True))

    @staticmethod
    def resolve_powers(obj) -> list[str]:
        return [p.code for p in selectors.decision_powers(obj)]


@router.post("/batches/{batch_id}/submit", response=DecisionBatchOut, summary="提请常务会审议")
def batch_submit(request, batch_id: int, payload: SubmitIn):
    batch = access_for_write(access_batch, request.user, batch_id)
    return decisions.batch_submit(
        by=request.user,
        batch=batch,
        expected_row_version=payload.row_version,
        reason=payload.reason,
    )


@router.post("/batches/{batch_id}/decision", response={201: DecisionOut}, summary="录入常务会决定")
def decision_record(request, batch_id: int, payload: DecisionIn):
    batch = access_for_write(access_batch, request.user, batch_id)
    townships = list(Division.objects.filter(pk__in=payload.township_ids))
    items = None
    if payload.batch_item_ids is not None:
        items = list(batch.items.filter(pk__in=payload.batch_item_ids))
    decision = decisions.decision_record(
        by=request.user, batch=batch, meeting_date=payload.meeting_date,
        document_number=payload.document_number, townships=townships, mode=payload.mode,
        effective_date=payload.effective_date, fine_return_share=payload.fine_return_share,
        items=items, expected_row_version=payload.row_version,
    )  # fmt: skip
    return 201, decision


@router.get("/decisions", response=list[DecisionOut], summary="常务会决定")
def decision_list(request):
    return list(selectors.decisions_readable(request.user).order_by("-meeting_date", "-pk")[:200])


@router.get("/decisions/{decision_id}", response=DecisionOut)
def decision_detail(request, decision_id: int):
    return selectors.access_decision(request.user, decision_id)
