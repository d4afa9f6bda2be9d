"""API of the approval, claim and timeline stages (mounted by api.py). Reads go through
the access choke points, writes through the services, as the web pages do."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Query, Router, Schema
from ninja.security import django_auth

from quanze.core.errors import Forbidden
from quanze.core.views import access_for_write
from quanze.delegation import claim_review, claim_windows, claims, decisions
from quanze.delegation import decision_access as acc
from quanze.delegation.access import access_batch
from quanze.delegation.claim_stats import claim_report
from quanze.delegation.models import Claim
from quanze.delegation.timeline import item_timeline
from quanze.org.models import Division
from quanze.org.roles import is_county_wide

router = Router(tags=["赋权:审议、认领、事项进展"], auth=django_auth)


class BatchOut(Schema):
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
    mode: str
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
        return [p.code for p in decisions.decision_powers(obj)]


class WindowIn(Schema):
    title: str
    catalog_version_id: int
    deadline: datetime
    township_ids: list[int]


class WindowOut(Schema):
    id: int
    title: str
    catalog_version_id: int
    deadline: datetime
    status: str


class ClaimOut(Schema):
    id: int
    position: int
    code: str
    name: str
    set_kind: str
    claimed: bool | None
    reason: str
    status: str
    office_comment: str
    row_version: int

    @staticmethod
    def resolve_position(obj) -> int:
        return obj.entry.position

    @staticmethod
    def resolve_code(obj) -> str:
        return obj.entry.power.code

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj.entry.power)

    @staticmethod
    def resolve_set_kind(obj) -> str:
        return obj.entry.set_kind


class AnswerIn(Schema):
    id: int
    claimed: bool | None
    reason: str = ""
    row_version: int


class AnswersIn(Schema):
    items: list[AnswerIn]


class ReviewIn(Schema):
    accept: bool
    comment: str = ""
    item_comments: dict[int, str] = {}


class TimelineQuery(Schema):
    power_id: int
    township_id: int


@router.post("/batches/{batch_id}/submit", response=BatchOut, summary="提请常务会审议")
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
    return list(acc.decisions_readable(request.user).order_by("-meeting_date", "-pk")[:200])


@router.get("/decisions/{decision_id}", response=DecisionOut)
def decision_detail(request, decision_id: int):
    return acc.access_decision(request.user, decision_id)


@router.get("/claim-windows", response=list[WindowOut], summary="认领")
def window_list(request):
    return list(acc.windows_readable(request.user).order_by("-opened_at"))


@router.post("/claim-windows", response={201: WindowOut}, summary="开展认领")
def window_open(request, payload: WindowIn):
    from quanze.catalog.catalogs.selectors import access_version

    if not request.user.county_id:
        raise Forbidden("只有编办可以开展认领")
    version = access_version(request.user, payload.catalog_version_id)
    townships = list(Division.objects.filter(pk__in=payload.township_ids))
    window = claim_windows.window_open(
        by=request.user, county=request.user.county, catalog_version=version,
        title=payload.title, deadline=payload.deadline, townships=townships,
    )  # fmt: skip
    return 201, window


@router.get("/claim-windows/{window_id}/stats", summary="认领统计")
def window_stats(request, window_id: int):
    window = acc.access_window(request.user, window_id)
    if not is_county_wide(request.user):
        raise Forbidden("认领统计只对编办和司法局开放")
    report = claim_report(window=window)
    return {
        "catalog_items": report.catalog_items,
        "basic_items": report.basic_items,
        "townships_reported": report.reported,
        "average": report.average,
        "highest": {"township": report.highest.name, "claimed": report.highest.claimed}
        if report.highest
        else None,
        "lowest": {"township": report.lowest.name, "claimed": report.lowest.claimed}
        if report.lowest
        else None,
        "approvals_average": report.approvals_average,
        "townships": [t.__dict__ for t in report.townships],
        "by_field": [g.__dict__ for g in report.by_field],
        "by_type": [g.__dict__ for g in report.by_type],
    }


def _rows(window, township):
    return list(
        Claim.objects.filter(window=window, township=township)
        .select_related("entry__power")
        .order_by("entry__position")
    )


@router.get("/claim-windows/{window_id}/townships/{township_id}", response=list[ClaimOut])
def township_claims(request, window_id: int, township_id: int):
    window, township = acc.access_township_claims(request.user, window_id, township_id)
    return _rows(window, township)


@router.put("/claim-windows/{window_id}/townships/{township_id}", response=list[ClaimOut],
            summary="保存认领(每项须带 row_version,他人已修改时返回 409)")  # fmt: skip
def township_claims_save(request, window_id: int, township_id: int, payload: AnswersIn):
    window, township = acc.access_township_claims(
        request.user, window_id, township_id, for_write=True
    )
    claims.claims_save(
        by=request.user, window=window, township=township,
        choices={a.id: claims.Choice(a.claimed, a.reason) for a in payload.items},
        row_versions={a.id: a.row_version for a in payload.items},
    )  # fmt: skip
    return _rows(window, township)


@router.post("/claim-windows/{window_id}/townships/{township_id}/submit", response=list[ClaimOut])
def township_claims_submit(request, window_id: int, township_id: int):
    window, township = acc.access_township_claims(
        request.user, window_id, township_id, for_write=True
    )
    claims.claims_submit(by=request.user, window=window, township=township)
    return _rows(window, township)


@router.post("/claim-windows/{window_id}/townships/{township_id}/review", response=list[ClaimOut])
def township_claims_review(request, window_id: int, township_id: int, payload: ReviewIn):
    window, township = acc.access_township_claims(request.user, window_id, township_id)
    claim_review.claims_review(
        by=request.user, window=window, township=township, accept=payload.accept,
        comment=payload.comment, item_comments=payload.item_comments,
    )  # fmt: skip
    return _rows(window, township)


@router.get("/timeline", summary="事项进展:某事项在某乡镇的全过程")
def timeline(request, query: Query[TimelineQuery]):
    power, township, moments = item_timeline(
        request.user, power_id=query.power_id, township_id=query.township_id
    )
    return {
        "power": {"id": power.pk, "code": power.code, "name": str(power)},
        "township": {"id": township.pk, "name": township.name},
        "moments": [m.__dict__ for m in moments],
    }
