"""The rounds API (thin): the same services and selectors as the pages."""

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from ninja.security import django_auth

from quanze.catalog.models import Power
from quanze.core.errors import Forbidden, messages_of
from quanze.core.sheetimport import api_upload
from quanze.evaluation.adjustment.api import AdjustmentProjectOut, OpenFromIn, project_out
from quanze.evaluation.rounds import selectors, services
from quanze.org.models import Division
from quanze.org.roles import is_office

router = Router(tags=["质效评估"])


class RoundOut(Schema):
    id: int
    title: str
    start: date
    end: date
    status: str
    weights: dict
    thresholds: dict


class RoundIn(Schema):
    title: str
    start: date
    end: date
    township_ids: list[int] = []
    power_ids: list[int] = []
    weights: dict | None = None
    thresholds: dict | None = None


class ProposalOut(Schema):
    id: int
    kind: str
    power_id: int
    township_id: int | None
    unit_id: int | None
    matter_id: int | None
    reason: str
    facts: str
    status: str
    decision_reason: str
    decided_at: datetime | None


class DecideIn(Schema):
    accept: bool
    reason: str


class RoundItemOut(Schema):
    power_id: int
    code: str
    name: str
    held: int
    exercised: int
    exercise_rate: float | None
    cases: int
    response_rate: float | None
    resolution_rate: float | None
    satisfaction_rate: float | None
    sent_back: int
    disputes: int
    disputes_lost: int
    declined: int
    asked_return: int
    certified: int
    capacity: float | None
    opinion: float | None
    public: float | None
    score: float | None


class AssessmentIn(Schema):
    power_id: int
    staff: int
    equipment: int
    difficulty: int
    need: int
    ask_return: bool = False
    ask_add: bool = False
    note: str = ""


class OpinionIn(Schema):
    power_id: int
    rating: int
    suggestion: str
    note: str = ""


class RatingIn(Schema):
    township_id: int
    power_id: int
    score: Decimal
    respondents: int


class RoundSavedOut(Schema):
    id: int


class RatingsFileIn(Schema):
    file_name: str
    content_base64: str


class RatingsImportedOut(Schema):
    recorded: int
    warnings: list[str]


def _office_round(request, round_id):
    selectors.access_round(request.user, round_id)
    if not is_office(request.user):
        raise Forbidden("只有编办可以组织评估")
    return selectors.access_round(request.user, round_id, for_write=True)


def _power(power_id: int) -> Power:
    found = Power.objects.filter(pk=power_id).select_related("owner").first()
    if found is None:
        raise ValidationError({"power_id": "事项:不存在"})
    return found


def _scope(request, payload: RoundIn) -> dict:
    townships = list(Division.objects.filter(pk__in=payload.township_ids))
    powers = list(Power.objects.filter(pk__in=payload.power_ids).select_related("owner"))
    if len(townships) != len(set(payload.township_ids)):
        raise ValidationError({"township_ids": "评估乡镇(街道):含有不存在的乡镇"})
    if len(powers) != len(set(payload.power_ids)):
        raise ValidationError({"power_ids": "评估事项:含有不存在的事项"})
    return {
        "title": payload.title,
        "start": payload.start,
        "end": payload.end,
        "townships": townships,
        "powers": powers,
        "weights": payload.weights,
        "thresholds": payload.thresholds,
    }


@router.get("/rounds", response=list[RoundOut], auth=django_auth, summary="评估轮次列表")
def round_list(request, status: str = ""):
    rows = selectors.rounds_visible(request.user)
    if status:
        rows = rows.filter(status=status[:20])
    return list(rows[:500])


@router.post("/rounds", response={201: RoundOut}, auth=django_auth, summary="新建评估")
def round_create(request, payload: RoundIn):
    if not is_office(request.user):
        raise Forbidden("只有编办可以组织评估")
    return 201, services.round_create(by=request.user, **_scope(request, payload))


@router.get("/rounds/{round_id}", response=RoundOut, auth=django_auth, summary="评估详情")
def round_detail(request, round_id: int):
    return selectors.access_round(request.user, round_id)


@router.put("/rounds/{round_id}", response=RoundOut, auth=django_auth, summary="修改评估")
def round_update(request, round_id: int, payload: RoundIn):
    round_ = _office_round(request, round_id)
    return services.round_update(by=request.user, round_=round_, **_scope(request, payload))


@router.post("/rounds/{round_id}/open", response=RoundOut, auth=django_auth, summary="开始征集意见")
def round_open(request, round_id: int):
    return services.round_open(by=request.user, round_=_office_round(request, round_id))


@router.post(
    "/rounds/{round_id}/compute", response=RoundOut, auth=django_auth, summary="测算指标与建议"
)
def round_compute(request, round_id: int):
    return services.round_compute(by=request.user, round_=_office_round(request, round_id))


@router.post("/rounds/{round_id}/close", response=RoundOut, auth=django_auth, summary="结束评估")
def round_close(request, round_id: int):
    return services.round_close(by=request.user, round_=_office_round(request, round_id))


@router.post(
    "/rounds/{round_id}/adjustment",
    response={201: AdjustmentProjectOut},
    auth=django_auth,
    summary="据已采纳建议发起动态调整",
)
def round_adjustment_open(request, round_id: int, payload: OpenFromIn):
    round_ = _office_round(request, round_id)
    project = services.adjustment_open(by=request.user, round_=round_, title=payload.title)
    return Status(201, project_out(project))


@router.get(
    "/rounds/{round_id}/items", response=list[RoundItemOut], auth=django_auth, summary="事项指标"
)
def round_items(request, round_id: int):
    round_ = selectors.access_round(request.user, round_id)
    return [item.as_dict() for item in selectors.item_rows(request.user, round_)]


@router.get(
    "/rounds/{round_id}/proposals", response=list[ProposalOut], auth=django_auth, summary="评估建议"
)
def round_proposals(request, round_id: int):
    round_ = selectors.access_round(request.user, round_id)
    return list(selectors.proposals_visible(request.user, round_)[:5000])


@router.post(
    "/proposals/{proposal_id}/decide",
    response=ProposalOut,
    auth=django_auth,
    summary="审定评估建议",
)
def proposal_decide(request, proposal_id: int, payload: DecideIn):
    selectors.access_proposal(request.user, proposal_id)
    if not is_office(request.user):
        raise Forbidden("只有编办可以审定建议")
    proposal = selectors.access_proposal(request.user, proposal_id, for_write=True)
    return services.proposal_decide(
        by=request.user, proposal=proposal, accept=payload.accept, reason=payload.reason
    )


@router.post(
    "/rounds/{round_id}/assessments",
    response={201: RoundSavedOut},
    auth=django_auth,
    summary="填报承接能力自评",
)
def assessment_save(request, round_id: int, payload: AssessmentIn):
    round_ = selectors.access_round(request.user, round_id)
    data = payload.dict()
    power = _power(data.pop("power_id"))
    return 201, services.assessment_save(by=request.user, round_=round_, power=power, **data)


@router.post(
    "/rounds/{round_id}/opinions",
    response={201: RoundSavedOut},
    auth=django_auth,
    summary="填报部门意见",
)
def opinion_save(request, round_id: int, payload: OpinionIn):
    round_ = selectors.access_round(request.user, round_id)
    data = payload.dict()
    power = _power(data.pop("power_id"))
    return 201, services.opinion_save(by=request.user, round_=round_, power=power, **data)


@router.post(
    "/rounds/{round_id}/ratings",
    response={201: RoundSavedOut},
    auth=django_auth,
    summary="录入群众评价",
)
def rating_save(request, round_id: int, payload: RatingIn):
    round_ = _office_round(request, round_id)
    township = Division.objects.filter(pk=payload.township_id).first()
    if township is None:
        raise ValidationError({"township_id": "乡镇(街道):不存在"})
    return 201, services.rating_save(
        by=request.user,
        round_=round_,
        township=township,
        power=_power(payload.power_id),
        score=payload.score,
        respondents=payload.respondents,
    )


@router.post(
    "/rounds/{round_id}/ratings/import",
    response=RatingsImportedOut,
    auth=django_auth,
    summary="导入群众评价(.xlsx/.csv,全部或全不)",
)
def ratings_import(request, round_id: int, payload: RatingsFileIn):
    """The page's import by Base64 upload; a refused file answers 422 with its problems
    (the first 200, as the page shows, through the shared ValidationError handler) and
    nothing is saved."""
    round_ = _office_round(request, round_id)
    warnings: list[str] = []
    with api_upload(payload.content_base64, payload.file_name) as (path, name):
        try:
            count = services.ratings_import(
                by=request.user, round_=round_, path=path, file_name=name, warnings=warnings
            )
        except ValidationError as error:
            raise ValidationError(messages_of(error)[:200]) from None  # as many as the page
    return {"recorded": count, "warnings": warnings}
