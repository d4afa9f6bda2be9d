"""The case-file review API: sheets, rounds (sampling), scoring, finishing, results."""

from datetime import date, datetime

from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.errors import Forbidden
from quanze.enforcement.review import selectors, services
from quanze.org.roles import is_reviewer

router = Router(tags=["案卷评查"])


class ItemIn(Schema):
    kind: str
    part: str = ""
    points: float = 0
    text: str
    check: str = ""


class CaseReviewSheetIn(Schema):
    name: str
    form_points: int = 20
    content_points: int = 80
    items: list[ItemIn]


class CaseReviewItemOut(Schema):
    id: int
    position: int
    kind: str
    part: str
    points: float
    text: str
    auto_check: str


class CaseReviewSheetOut(Schema):
    id: int
    name: str
    form_points: int
    content_points: int
    items: list[CaseReviewItemOut]

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())


class CaseReviewRoundIn(Schema):
    title: str
    period_start: date
    period_end: date
    per_unit: int
    seed: int | None = None
    sheet_id: int | None = None


class CaseReviewRoundOut(Schema):
    id: int
    title: str
    period_start: date
    period_end: date
    per_unit: int
    seed: int
    rule: str
    sheet_id: int
    state: str
    finished_at: datetime | None


class FindingOut(Schema):
    item_id: int
    points: float
    note: str
    detected: bool


class FileOut(Schema):
    id: int
    case_id: int
    case_number: str
    unit_name: str
    detected: list
    score: float | None
    vetoed: bool
    grade: str
    notes: str
    findings: list[FindingOut]

    @staticmethod
    def resolve_case_number(obj):
        return obj.case.number

    @staticmethod
    def resolve_findings(obj):
        return list(obj.findings.all())


class CaseReviewUnitOut(Schema):
    unit_name: str
    files: int
    scored: int
    average: float | None
    vetoes: int
    passed: int


class RoundDetailOut(CaseReviewRoundOut):
    files: list[FileOut]
    results: list[CaseReviewUnitOut]


class FindingIn(Schema):
    item_id: int
    points: float | None = None
    note: str = ""


class CaseReviewScoreIn(Schema):
    findings: list[FindingIn] = []
    notes: str = ""


@router.get(
    "/review/sheets", response=list[CaseReviewSheetOut], auth=django_auth, summary="评查标准"
)
def sheet_list(request):
    if not is_reviewer(request.user):
        raise Forbidden(services.BUREAU_ONLY)
    return list(selectors.sheets_visible(request.user))


@router.post(
    "/review/sheets", response={201: CaseReviewSheetOut}, auth=django_auth, summary="制定评查标准"
)
def sheet_create(request, payload: CaseReviewSheetIn):
    """否决项(kind=veto)任一触及即不合格;扣分项(kind=deduction)分形式(form)与内容(content)。"""
    data = payload.dict()
    return 201, services.sheet_create(by=request.user, **data)


@router.get(
    "/review/rounds", response=list[CaseReviewRoundOut], auth=django_auth, summary="评查轮次"
)
def round_list(request):
    return list(selectors.rounds_visible(request.user))


@router.post(
    "/review/rounds",
    response={201: CaseReviewRoundOut},
    auth=django_auth,
    summary="组织评查(按单位抽样)",
)
def round_create(request, payload: CaseReviewRoundIn):
    """按办案单位抽取案卷;给出 seed 可复现抽样结果,否则随机生成并记录。"""
    data = payload.dict()
    sheet_id = data.pop("sheet_id")
    if not is_reviewer(request.user):
        raise Forbidden(services.BUREAU_ONLY)
    sheet = selectors.access_sheet(request.user, sheet_id) if sheet_id else None
    return 201, services.round_create(by=request.user, sheet=sheet, **data)


@router.get(
    "/review/rounds/{round_id}",
    response=RoundDetailOut,
    auth=django_auth,
    summary="评查轮次:案卷与单位结果",
)
def round_detail(request, round_id: int):
    review = selectors.access_round(request.user, round_id)
    review.files_list = list(selectors.round_files(request.user, review))
    return {
        **{f: getattr(review, f) for f in CaseReviewRoundOut.model_fields},
        "files": review.files_list,
        "results": selectors.unit_results(request.user, review),
    }


@router.post(
    "/review/files/{file_id}/score", response=FileOut, auth=django_auth, summary="案卷评分"
)
def file_score(request, file_id: int, payload: CaseReviewScoreIn):
    file = selectors.access_file(request.user, file_id)
    findings = [{"item": f.item_id, "points": f.points, "note": f.note} for f in payload.findings]
    return services.file_score(by=request.user, file=file, findings=findings, notes=payload.notes)


@router.post(
    "/review/rounds/{round_id}/finish",
    response=CaseReviewRoundOut,
    auth=django_auth,
    summary="完成评查",
)
def round_finish(request, round_id: int):
    """全部案卷评分后完成本轮,并通知被评查单位。"""
    review = selectors.access_round(request.user, round_id)
    return services.round_finish(by=request.user, review=review)
