"""The exams API (thin): the same services and selectors as the pages."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from ninja import Router, Schema
from ninja.security import django_auth

from quanze.catalog.models import Field
from quanze.core.errors import Forbidden
from quanze.core.sheetimport import api_upload
from quanze.enforcement.exams import selectors, services
from quanze.enforcement.exams.results import ResultsRejected
from quanze.enforcement.officers.selectors import officers_writable
from quanze.org.roles import is_department_clerk, is_reviewer, is_township_clerk

router = Router(tags=["执法资格考试"])


class SittingOut(Schema):
    id: int
    title: str
    held_on: date
    pass_mark: Decimal
    state: str


class SittingIn(Schema):
    title: str
    held_on: date
    pass_mark: Decimal | None = None


class CandidateOut(Schema):
    id: int
    ticket: str
    officer_id: int
    officer: str
    score: Decimal | None
    absent: bool
    passed: bool | None
    certificate: str | None

    @staticmethod
    def resolve_officer(obj):
        return obj.officer.name

    @staticmethod
    def resolve_certificate(obj):
        return obj.certificate.number if obj.certificate_id else None


class UnitRateOut(Schema):
    unit: str
    registered: int
    sat: int
    passed: int
    percent: float | None


class RatesOut(Schema):
    registered: int
    sat: int
    passed: int
    certified: int
    percent: float | None
    units: list[UnitRateOut]


class RegisterIn(Schema):
    officer_ids: list[int]


class ResultsIn(Schema):
    file_name: str
    content_base64: str


class ImportedOut(Schema):
    recorded: int


class IssueIn(Schema):
    issuer: str
    prefix: str
    field_ids: list[int]
    valid_from: date
    valid_to: date


class IssuedOut(Schema):
    issued: list[str]


@router.get("/exams", response=list[SittingOut], auth=django_auth, summary="执法资格考试列表")
def exam_list(request, q: str = "", state: str = ""):
    return list(selectors.sitting_list(request.user, q=q[:50], state=state)[:200])


@router.post("/exams", response={201: SittingOut}, auth=django_auth, summary="组织执法资格考试")
def exam_create(request, payload: SittingIn):
    mark = payload.pass_mark
    if mark is not None and not (mark.is_finite() and Decimal(0) <= mark <= Decimal(100)):
        raise ValidationError({"pass_mark": "合格分数线:应为0至100"})
    return 201, services.sitting_create(by=request.user, **payload.dict())


@router.get("/exams/{sitting_id}", response=SittingOut, auth=django_auth, summary="考试详情")
def exam_detail(request, sitting_id: int):
    return selectors.access_sitting(request.user, sitting_id)


@router.get(
    "/exams/{sitting_id}/candidates",
    response=list[CandidateOut],
    auth=django_auth,
    summary="考生与成绩",
)
def exam_candidates(request, sitting_id: int, q: str = "", result: str = "", sort: str = ""):
    sitting = selectors.access_sitting(request.user, sitting_id)
    rows = selectors.candidate_list(request.user, sitting, q=q[:50], result=result, sort=sort)
    return list(rows[:2000])


@router.post(
    "/exams/{sitting_id}/candidates",
    response={201: list[CandidateOut]},
    auth=django_auth,
    summary="报名(本单位人员)",
)
def exam_register(request, sitting_id: int, payload: RegisterIn):
    sitting = selectors.access_sitting(request.user, sitting_id)
    if not (
        is_reviewer(request.user)
        or is_township_clerk(request.user)
        or is_department_clerk(request.user)
    ):
        raise Forbidden("只有司法局或本单位经办人可以报名")
    found = {o.pk: o for o in officers_writable(request.user).filter(pk__in=payload.officer_ids)}
    missing = [i for i in payload.officer_ids if i not in found]
    if missing:
        raise ValidationError({"officer_ids": f"执法人员:找不到本单位的人员{missing[:5]}"})
    officers_ = [found[i] for i in payload.officer_ids]
    return 201, services.candidates_register(by=request.user, sitting=sitting, officers_=officers_)


@router.post(
    "/exams/{sitting_id}/results",
    response={200: ImportedOut, 422: dict},
    auth=django_auth,
    summary="导入考试成绩(.xlsx/.csv,全部或全不)",
)
def exam_results(request, sitting_id: int, payload: ResultsIn):
    sitting = selectors.access_sitting(request.user, sitting_id)
    if not is_reviewer(request.user):
        raise Forbidden("只有司法局可以导入考试成绩")
    with api_upload(payload.content_base64, payload.file_name) as (path, name):
        try:
            count = services.results_import(
                by=request.user, sitting=sitting, path=path, file_name=name
            )
        except ResultsRejected as rejected:
            return 422, {"detail": "成绩表未导入", "errors": rejected.problems[:200]}
    return {"recorded": count}


@router.post(
    "/exams/{sitting_id}/certificates",
    response={201: IssuedOut},
    auth=django_auth,
    summary="为合格考生核发执法证",
)
def exam_issue(request, sitting_id: int, payload: IssueIn):
    sitting = selectors.access_sitting(request.user, sitting_id)
    fields = list(Field.objects.filter(pk__in=payload.field_ids))
    if len(fields) != len(set(payload.field_ids)) or not fields:
        raise ValidationError({"field_ids": "执法领域:请选择有效的领域"})
    data = payload.dict()
    data.pop("field_ids")
    issued = services.certificates_issue(by=request.user, sitting=sitting, fields=fields, **data)
    return 201, {"issued": [c.certificate.number for c in issued]}


@router.get(
    "/exams/{sitting_id}/rates", response=RatesOut, auth=django_auth, summary="各单位通过率"
)
def exam_rates(request, sitting_id: int):
    rates = selectors.pass_rates(selectors.access_sitting(request.user, sitting_id))
    return {
        "registered": rates.registered,
        "sat": rates.sat,
        "passed": rates.passed,
        "certified": rates.certified,
        "percent": rates.percent,
        "units": [
            {
                "unit": u.unit,
                "registered": u.registered,
                "sat": u.sat,
                "passed": u.passed,
                "percent": u.percent,
            }
            for u in rates.units
        ],
    }
