"""The API of claims: claim windows, each township's claims, their review, statistics and
deadlines. Reads go through the access choke points, writes through the services, as the
web pages do."""

from datetime import datetime

from django.core.exceptions import ValidationError
from ninja import Router, Schema
from ninja.security import django_auth

from quanze.catalog.catalogs.selectors import access_version
from quanze.core.errors import Forbidden
from quanze.core.views import access_for_write
from quanze.delegation.claims import review as claim_review
from quanze.delegation.claims import selectors
from quanze.delegation.claims import services as claims
from quanze.delegation.claims import windows as claim_windows
from quanze.delegation.claims.deadlines import deadline_extend, deadline_for
from quanze.delegation.claims.models import Claim
from quanze.delegation.claims.stats import claim_report
from quanze.org.models import Division
from quanze.org.roles import is_county_wide

router = Router(tags=["赋权:审议、认领、事项进展"], auth=django_auth)


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


class ClaimAnswerIn(Schema):
    id: int
    claimed: bool | None
    reason: str = ""
    row_version: int


class ClaimAnswersIn(Schema):
    items: list[ClaimAnswerIn]


class ClaimReviewIn(Schema):
    accept: bool
    comment: str = ""
    item_comments: dict[int, str] = {}


@router.get("/claim-windows", response=list[WindowOut], summary="认领")
def window_list(request):
    return list(selectors.windows_readable(request.user).order_by("-opened_at"))


@router.post("/claim-windows", response={201: WindowOut}, summary="开展认领")
def window_open(request, payload: WindowIn):
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
    window = selectors.access_window(request.user, window_id)
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
    window, township = selectors.access_township_claims(request.user, window_id, township_id)
    return _rows(window, township)


@router.put("/claim-windows/{window_id}/townships/{township_id}", response=list[ClaimOut],
            summary="保存认领(每项须带 row_version,他人已修改时返回 409)")  # fmt: skip
def township_claims_save(request, window_id: int, township_id: int, payload: ClaimAnswersIn):
    window, township = selectors.access_township_claims(
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
    window, township = selectors.access_township_claims(
        request.user, window_id, township_id, for_write=True
    )
    claims.claims_submit(by=request.user, window=window, township=township)
    return _rows(window, township)


@router.post("/claim-windows/{window_id}/townships/{township_id}/review", response=list[ClaimOut])
def township_claims_review(request, window_id: int, township_id: int, payload: ClaimReviewIn):
    window, township = selectors.access_township_claims(request.user, window_id, township_id)
    claim_review.claims_review(
        by=request.user, window=window, township=township, accept=payload.accept,
        comment=payload.comment, item_comments=payload.item_comments,
    )  # fmt: skip
    return _rows(window, township)


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
    tags=["赋权:后台发布、认领期限"],
)
def claim_deadline_extend(request, window_id: int, payload: ExtendIn):
    window = access_for_write(selectors.access_window, request.user, window_id)
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
