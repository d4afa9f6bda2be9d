"""The appraisal API (thin): the same forms, services and selectors as the pages."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from ninja.security import django_auth

from quanze.core.api_safety import DbId, choice
from quanze.evaluation.appraisal import rules, selectors, services
from quanze.evaluation.appraisal.forms import CriterionForm, RoundForm

router = Router(tags=["双向互评"])


class AppraisalRoundOut(Schema):
    id: int
    name: str
    period_start: date
    period_end: date
    due_on: date | None
    township_weight: Decimal
    anonymous: bool
    threshold: Decimal
    status: str


class AppraisalRoundIn(Schema):
    name: str
    period_start: date
    period_end: date
    due_on: date | None = None
    township_weight: Decimal = Decimal(60)
    anonymous: bool = True
    threshold: Decimal = Decimal(60)


class CriterionIn(Schema):
    direction: choice(["t2d", "d2t"])
    name: str
    fact: str = ""
    power: str = ""
    weight: Decimal


class CriterionOut(Schema):
    id: int
    direction: str
    name: str
    fact: str
    power: str
    weight: Decimal


class SheetOut(Schema):
    id: int
    round: str
    scorer: str
    target: str
    direction: str
    state: str


class ScoreIn(Schema):
    criterion_id: DbId
    score: str
    comment: str = ""


class SheetIn(Schema):
    scores: list[ScoreIn]


class CriterionResultOut(Schema):
    criterion: str
    share: Decimal
    score: Decimal | None
    count: int
    definition: str
    source: str


class UnitResultOut(Schema):
    kind: str
    unit_id: int
    name: str
    rank: int | None
    total: Decimal | None
    form_part: Decimal | None
    fact_part: Decimal | None
    criteria: list[CriterionResultOut]


class ScoreOut(Schema):
    criterion: str
    score: Decimal
    comment: str
    scorer: str | None


class UnitDetailOut(Schema):
    result: UnitResultOut
    scores: list[ScoreOut]


def valid(form) -> dict:
    if not form.is_valid():
        raise ValidationError({k: [f"{form.fields[k].label}:{m}" if k in form.fields else m
                                   for m in v] for k, v in form.errors.items()})  # fmt: skip
    return form.cleaned_data


def result_out(result) -> dict:
    return {
        "kind": result.kind,
        "unit_id": result.unit_id,
        "name": result.name,
        "rank": result.rank,
        "total": rules.rounded(result.total),
        "form_part": rules.rounded(result.form_part),
        "fact_part": rules.rounded(result.fact_part),
        "criteria": [
            {
                "criterion": c.criterion.name,
                "share": rules.rounded(c.share),
                "score": rules.rounded(c.score),
                "count": c.count,
                "definition": c.definition,
                "source": c.source,
            }
            for c in result.criteria
        ],
    }


@router.get(
    "/appraisal/rounds", response=list[AppraisalRoundOut], auth=django_auth, summary="双向互评"
)
def appraisal_rounds(request):
    return list(selectors.rounds_visible(request.user)[:500])


@router.post(
    "/appraisal/rounds", response={201: AppraisalRoundOut}, auth=django_auth, summary="新建双向互评"
)
def appraisal_round_create(request, payload: AppraisalRoundIn):
    services.require_office(request.user)
    cleaned = valid(RoundForm(payload.dict()))
    return Status(201, services.round_create(by=request.user, **cleaned))


@router.get(
    "/appraisal/rounds/{round_id}", response=AppraisalRoundOut, auth=django_auth, summary="互评详情"
)
def appraisal_round(request, round_id: DbId):
    return selectors.access_round(request.user, round_id)


@router.get(
    "/appraisal/rounds/{round_id}/criteria",
    response=list[CriterionOut],
    auth=django_auth,
    summary="互评指标",
)
def appraisal_criteria(request, round_id: DbId):
    return list(selectors.access_round(request.user, round_id).criteria.all())


@router.post(
    "/appraisal/rounds/{round_id}/criteria",
    response={201: CriterionOut},
    auth=django_auth,
    summary="添加互评指标",
)
def appraisal_criterion_add(request, round_id: DbId, payload: CriterionIn):
    round = selectors.access_round(request.user, round_id)
    services.require_office(request.user, round)
    cleaned = valid(CriterionForm(payload.dict()))
    return Status(201, services.criterion_add(by=request.user, round=round, **cleaned))


@router.post(
    "/appraisal/criteria/{criterion_id}/remove",
    response={204: None},
    auth=django_auth,
    summary="删除互评指标",
)
def appraisal_criterion_remove(request, criterion_id: DbId):
    criterion = selectors.access_criterion(request.user, criterion_id)
    services.criterion_remove(by=request.user, criterion=criterion)
    return Status(204, None)


@router.post(
    "/appraisal/rounds/{round_id}/open",
    response=AppraisalRoundOut,
    auth=django_auth,
    summary="开始评分",
)
def appraisal_round_open(request, round_id: DbId):
    round = selectors.access_round(request.user, round_id)
    return services.round_open(by=request.user, round=round)


@router.post(
    "/appraisal/rounds/{round_id}/close",
    response=AppraisalRoundOut,
    auth=django_auth,
    summary="结束评分",
)
def appraisal_round_close(request, round_id: DbId):
    round = selectors.access_round(request.user, round_id)
    return services.round_close(by=request.user, round=round)


@router.get("/appraisal/sheets", response=list[SheetOut], auth=django_auth, summary="本单位互评表")
def appraisal_sheets(request):
    return selectors.sheet_rows(request.user)[:1000]


@router.post(
    "/appraisal/sheets/{sheet_id}", response=SheetOut, auth=django_auth, summary="提交互评表"
)
def appraisal_sheet_submit(request, sheet_id: DbId, payload: SheetIn):
    sheet = selectors.access_sheet(request.user, sheet_id)
    scores = {s.criterion_id: {"score": s.score, "comment": s.comment} for s in payload.scores}
    services.sheet_submit(by=request.user, sheet=sheet, scores=scores)
    return next(r for r in selectors.sheet_rows(request.user) if r["id"] == sheet.pk)


@router.get(
    "/appraisal/rounds/{round_id}/results",
    response=list[UnitResultOut],
    auth=django_auth,
    summary="互评结果",
)
def appraisal_results(request, round_id: DbId):
    round = selectors.access_round(request.user, round_id)
    found = selectors.round_results(request.user, round)
    return [result_out(r) for rows in found.values() for r in rows]


@router.get(
    "/appraisal/rounds/{round_id}/results/{kind}/{unit_id}",
    response=UnitDetailOut,
    auth=django_auth,
    summary="单位互评明细",
)
def appraisal_unit_result(request, round_id: DbId, kind: choice(["department", "township"]),
                          unit_id: DbId):  # fmt: skip
    round = selectors.access_round(request.user, round_id)
    found = selectors.unit_result(request.user, round, kind, unit_id)
    return {"result": result_out(found["result"]), "scores": found["scores"]}
