"""The guidance and guiding-case API (thin): the same selectors and services as the pages."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from ninja import Router, Schema
from ninja.security import django_auth

from quanze.catalog.models import Field
from quanze.core.api_safety import Offset, choice
from quanze.enforcement.cases.selectors import access_case
from quanze.enforcement.guidance import selectors, services
from quanze.enforcement.guidance.models import Guidance, GuidingCase

router = Router(tags=["执法指引与指导案例"])


class GuidanceOut(Schema):
    id: int
    power_id: int
    power_name: str
    legal_basis: str
    procedure: str
    evidence: str
    notes: str
    status: str

    @staticmethod
    def resolve_power_name(obj):
        return obj.power.name


class GuidanceIn(Schema):
    legal_basis: str = ""
    procedure: str = ""
    evidence: str = ""
    notes: str = ""
    publish: bool = False


class GuidingCaseOut(Schema):
    id: int
    title: str
    number: str
    status: str
    facts: str
    decision: str
    points: str
    power_ids: list[int]
    source_case_id: int | None
    published_at: datetime | None

    @staticmethod
    def resolve_power_ids(obj):
        return sorted(p.pk for p in obj.powers.all())


class GuidingCaseIn(Schema):
    title: str
    facts: str
    power_ids: list[int]
    decision: str = ""
    points: str = ""
    field_id: int | None = None
    source_case_id: int | None = None


class GuidanceReviewIn(Schema):
    reviewer: str
    opinion: str
    recommend: bool = False


class GuidanceDecideIn(Schema):
    decision: choice(services.DECISIONS)


class Page(Schema):
    count: int
    page: int
    items: list[GuidanceOut]


class GuidanceCasePage(Schema):
    count: int
    page: int
    items: list[GuidingCaseOut]


@router.get("/guidance", response=Page, auth=django_auth, summary="执法指引")
def guidance_list(
    request, q: str = "", status: choice(Guidance.Status, blank=True) = "", page: Offset = 1
):
    rows = selectors.guidance_list(request.user, q=q, status=status)
    found = Paginator(rows, 50).get_page(page)
    return {"count": found.paginator.count, "page": found.number, "items": list(found)}


@router.put(
    "/guidance/powers/{power_id}",
    response=GuidanceOut,
    auth=django_auth,
    summary="编写执法指引(司法局)",
)
def guidance_save(request, power_id: int, payload: GuidanceIn):
    power = selectors.access_power(request.user, power_id)
    return services.guidance_save(by=request.user, power=power, **payload.dict())


@router.get("/guiding-cases", response=GuidanceCasePage, auth=django_auth, summary="指导案例")
def guiding_case_list(
    request,
    q: str = "",
    status: choice(GuidingCase.Status, blank=True) = "",
    page: Offset = 1,
):
    rows = selectors.guiding_case_list(request.user, q=q, status=status)
    found = Paginator(rows, 50).get_page(page)
    return {"count": found.paginator.count, "page": found.number, "items": list(found)}


@router.post(
    "/guiding-cases",
    response={201: GuidingCaseOut},
    auth=django_auth,
    summary="收集案例(司法局;可来自已结案的案件)",
)
def guiding_case_create(request, payload: GuidingCaseIn):
    data = payload.dict()
    powers = list(selectors.county_powers(request.user).filter(pk__in=data.pop("power_ids")))
    field_id, case_id = data.pop("field_id"), data.pop("source_case_id")
    field = Field.objects.filter(pk=field_id).first() if field_id else None
    if field_id and field is None:
        raise ValidationError({"field": "执法领域:不存在"})
    source = access_case(request.user, case_id) if case_id else None
    return 201, services.guiding_case_create(
        by=request.user, powers=powers, field=field, source_case=source, **data
    )


@router.get(
    "/guiding-cases/{case_id}", response=GuidingCaseOut, auth=django_auth, summary="指导案例详情"
)
def guiding_case_detail(request, case_id: int):
    return selectors.access_guiding_case(request.user, case_id)


@router.post(
    "/guiding-cases/{case_id}/reviews",
    response={201: dict},
    auth=django_auth,
    summary="记录专家评审意见(司法局)",
)
def guiding_case_review(request, case_id: int, payload: GuidanceReviewIn):
    guiding = selectors.access_guiding_case(request.user, case_id)
    review = services.review_add(by=request.user, guiding_case=guiding, **payload.dict())
    return 201, {"id": review.pk, "reviewer": review.reviewer, "recommend": review.recommend}


@router.post(
    "/guiding-cases/{case_id}/decide",
    response=GuidingCaseOut,
    auth=django_auth,
    summary="入选、不入选或发布(司法局)",
)
def guiding_case_decide(request, case_id: int, payload: GuidanceDecideIn):
    guiding = selectors.access_guiding_case(request.user, case_id)
    return services.guiding_case_decide(
        by=request.user, guiding_case=guiding, decision=payload.decision
    )


@router.get("/public/guiding-cases", response=list[GuidingCaseOut], summary="公开的指导案例")
def public_guiding_cases(request, q: str = "", power_id: int | None = None, page: int = 1):
    rows = selectors.published_guiding_cases(q=q, power_id=power_id)
    return list(Paginator(rows, 50).get_page(page))
