"""The staffing API (thin): the report, quotas and sunk posts, the import, 编随事走."""

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Router, Schema
from ninja.security import django_auth

from quanze.core.api_safety import BASE64, DbId, choice, pattern
from quanze.core.errors import Forbidden, form_errors
from quanze.core.sheetimport import api_upload
from quanze.delegation.decisions.selectors import access_decision
from quanze.enforcement.staffing import rules, selectors, services
from quanze.enforcement.staffing.follow import decision_posts
from quanze.enforcement.staffing.forms import QuotaForm, SinkingForm
from quanze.enforcement.staffing.importing import quotas_import
from quanze.enforcement.staffing.models import PostKind
from quanze.org.roles import is_office

router = Router(tags=["执法力量与编制"])


class StaffingTownshipOut(Schema):
    id: int
    name: str
    items: int
    cases: int
    team: int
    team_certified: int
    stationed: int
    stationed_certified: int
    certified: int
    per_officer: float | None
    overloaded: bool
    approved: int
    filled: int
    vacant: int
    sunk_in: int
    sunk_filled: int
    vehicles: int
    recorders: int


class StaffingDepartmentOut(Schema):
    id: int
    name: str
    officers: int
    certified: int
    stationed: int
    approved: int
    filled: int
    vacant: int
    sunk_out: int


class StaffingReportOut(Schema):
    scope: str
    on: date
    year: int
    minimum: int
    definition: str
    officers: int
    in_townships: int
    township_share: float | None
    target: float
    target_met: bool
    townships: list[StaffingTownshipOut]
    departments: list[StaffingDepartmentOut]


class QuotaOut(Schema):
    id: int
    township_id: int | None
    department_id: int | None
    kind: str
    approved: int
    filled: int
    vacant: int


class QuotaIn(Schema):
    township_id: DbId | None = None
    department_id: DbId | None = None
    kind: choice(PostKind)
    approved: int
    filled: int
    document_number: str = ""
    on: date | None = None
    reason: str = ""


class SinkingOut(Schema):
    id: int
    department_id: int
    township_id: int
    kind: str
    count: int
    filled: int
    on: date
    document_number: str


class SinkingIn(Schema):
    department_id: DbId
    township_id: DbId
    kind: choice(PostKind)
    count: int
    filled: int = 0
    on: date
    document_number: str = ""
    note: str = ""


class QuotaImportIn(Schema):
    file_name: str
    content_base64: pattern(BASE64)
    on: date | None = None
    dry_run: bool = False


class QuotaImportOut(Schema):
    rows: int
    changed: int
    warnings: list[str]


class FollowOut(Schema):
    id: int
    name: str
    delegated: int
    total: int
    approved: int
    follow: int
    sunk: int
    short: int


class DecisionPostsOut(Schema):
    departments: list[FollowOut]
    townships: list[StaffingTownshipOut]


def _minimum(minimum: int) -> int:
    if not 1 <= minimum <= 1000:
        raise ValidationError({"minimum": "持证人数下限:应在1至1000之间"})
    return minimum


@router.get("/staffing", response=StaffingReportOut, auth=django_auth, summary="执法力量与编制报表")
def staffing_report(
    request, on: date | None = None, year: int | None = None, minimum: int = rules.MINIMUM_OFFICERS
):
    if not selectors.can_read_report(request.user):
        raise Forbidden("执法力量与编制报表只对编办、司法局、乡镇(街道)和县直部门开放")
    if year is not None and not 1949 <= year <= 2100:
        raise ValidationError({"year": "案件年度:应在1949至2100之间"})
    on = on or date.today()
    return selectors.report_for(request.user, on=on, year=year, minimum=_minimum(minimum))


@router.get("/staffing/quotas", response=list[QuotaOut], auth=django_auth, summary="编制")
def quota_list(request, unit: str = "", kind: str = ""):
    return list(selectors.quota_list(request.user, unit=unit, kind=kind)[:1000])


@router.post("/staffing/quotas", response=QuotaOut, auth=django_auth, summary="核定编制")
def quota_save(request, payload: QuotaIn):
    if not is_office(request.user):
        raise Forbidden(services.OFFICE_ONLY)
    data = payload.dict()
    data["township"], data["department"] = data.pop("township_id"), data.pop("department_id")
    form = QuotaForm({k: v for k, v in data.items() if v is not None}, user=request.user)
    if not form.is_valid():
        raise form_errors(form)
    return services.quota_set(by=request.user, **form.cleaned_data)


@router.get("/staffing/sinkings", response=list[SinkingOut], auth=django_auth, summary="下沉编制")
def sinking_list(request, unit: str = ""):
    return list(selectors.sinking_list(request.user, unit=unit)[:1000])


@router.post(
    "/staffing/sinkings", response={201: SinkingOut}, auth=django_auth, summary="登记下沉编制"
)
def sinking_create(request, payload: SinkingIn):
    if not is_office(request.user):
        raise Forbidden(services.OFFICE_ONLY)
    data = payload.dict()
    data["township"], data["department"] = data.pop("township_id"), data.pop("department_id")
    form = SinkingForm(data, user=request.user)
    if not form.is_valid():
        raise form_errors(form)
    return 201, services.sinking_create(by=request.user, **form.cleaned_data)


@router.post(
    "/staffing/import", response=QuotaImportOut, auth=django_auth, summary="导入编制表(全部或全不)"
)
def quota_import(request, payload: QuotaImportIn):
    if not is_office(request.user):
        raise Forbidden(services.OFFICE_ONLY)
    with api_upload(payload.content_base64, payload.file_name) as (path, name):
        return quotas_import(
            by=request.user, path=path, file_name=name, on=payload.on, dry_run=payload.dry_run
        )


@router.get(
    "/staffing/decisions/{decision_id}",
    response=DecisionPostsOut,
    auth=django_auth,
    summary="编随事走:决定事项应随之下沉的编制",
)
def decision_follow(request, decision_id: DbId, on: date | None = None):
    decision = access_decision(request.user, decision_id)
    townships = [request.user.township_id] if request.user.township_id else None
    departments, report = decision_posts(decision, on=on or date.today(), township_ids=townships)
    return {"departments": departments, "townships": report.townships}
