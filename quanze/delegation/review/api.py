"""The API of batches and their legality review. Reads go through the access choke points,
writes through the services."""

from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import choice
from quanze.core.errors import Forbidden, NotFound
from quanze.delegation.review import selectors
from quanze.delegation.review import services as review
from quanze.delegation.review.models import LegalityReview, Mode
from quanze.org.roles import is_office

router = Router(tags=["赋权:评估、征求意见与合法性审核"], auth=django_auth)


class BatchOut(Schema):
    id: int
    project_id: int
    number: int
    title: str
    mode: str
    status: str
    total: int
    unreviewed: int
    verdicts: dict[str, int]


class ReviewIn(Schema):
    mode: choice(Mode)
    legal_route: str = ""  # required unless the verdict is reject
    verdict: choice(LegalityReview.Verdict)
    conditions: str = ""
    comment: str = ""
    row_version: int = 0


class ReviewOut(Schema):
    id: int
    verdict: str
    mode: str
    row_version: int


@router.get("/batches/{batch_id}", response=BatchOut, summary="赋权批次")
def batch_detail(request, batch_id: int):
    batch = selectors.access_batch(request.user, batch_id)
    counts = selectors.batch_counts(batch)
    return {
        **{f: getattr(batch, f) for f in ("id", "project_id", "number", "title", "mode", "status")},
        "total": counts["total"], "unreviewed": counts["unreviewed"], "verdicts": counts["verdicts"],
    }  # fmt: skip


@router.put("/batch-items/{batch_item_id}/review", response=ReviewOut, summary="合法性审核意见")
def review_put(request, batch_item_id: int, payload: ReviewIn):
    selectors.access_batch_item(request.user, batch_item_id)
    try:
        batch_item = selectors.access_batch_item(request.user, batch_item_id, for_review=True)
    except NotFound:
        raise Forbidden("只有司法局可以填写合法性审核意见") from None
    data = payload.dict()
    return review.review_save(
        by=request.user, batch_item=batch_item, expected_row_version=data.pop("row_version"), **data
    )


class RemoveIn(Schema):
    reason: str
    row_version: int | None = None


@router.post(
    "/batch-items/{batch_item_id}/remove", response=BatchOut, summary="移出批次事项(审核不通过)"
)
def batch_item_remove(request, batch_item_id: int, payload: RemoveIn):
    batch_item = selectors.access_batch_item(request.user, batch_item_id)
    if not is_office(request.user):
        raise Forbidden("只有编办可以移出批次事项")
    batch = review.batch_remove_item(
        by=request.user,
        batch_item=batch_item,
        reason=payload.reason,
        expected_row_version=payload.row_version,
    )
    return batch_detail(request, batch.pk)
