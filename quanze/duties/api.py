"""The duties API: who is responsible (public), list versions and items, admissions, and
duty-list figures. Reads go through the access choke points, writes through the services."""

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from ninja.security import django_auth

from quanze.core.errors import Forbidden, NotFound
from quanze.duties import access, admission, selectors
from quanze.duties.models import AdmissionRequest, ResponsibilityList
from quanze.duties.reports import duty_report
from quanze.org.models import Division
from quanze.org.roles import is_department_clerk

router = Router(tags=["履职与属地清单"])


class UnitOut(Schema):
    unit: str
    task: str


class StepOut(Schema):
    position: int
    unit: str
    action: str
    time_limit_hours: int


class ResponsibilityOut(Schema):
    matter_id: int
    matter: str
    primary_department_id: int
    primary_department: str
    primary_duty: str
    fallback_department: str
    cooperating: list[UnitOut]
    township_cooperates: bool
    steps: list[StepOut]
    accept_hours: int
    handle_days: int
    basis: str
    version_id: int
    version: str
    rule: str


class MatterOut(Schema):
    id: int
    code: str
    name: str
    field: str
    synonyms: str


class VersionOut(Schema):
    id: int
    number: int
    status: str
    effective_date: date | None
    document_number: str


class AdmissionIn(Schema):
    matter_name: str
    field_name: str = ""
    township_duty: str
    primary_duty: str = ""
    reason: str
    basis: str
    all_townships: bool = True
    townships: list[int] = []
    staff: str = ""
    funding: str = ""
    equipment: str = ""


class AdmissionOut(Schema):
    id: int
    matter_name: str
    department: str
    state: str
    row_version: int
    admitted_version_id: int | None


class DecisionIn(Schema):
    action: str  # admit | changes | refuse
    legality_opinion: str = ""
    reasonableness_opinion: str = ""
    reason: str = ""
    effective_date: date | None = None
    document_number: str = ""
    row_version: int | None = None


def _township(pk) -> Division:
    found = Division.objects.filter(pk=pk, level=Division.Level.TOWNSHIP).first()
    if found is None:
        raise NotFound("乡镇(街道)")
    return found


def _responsibility(r) -> dict:
    return {
        "matter_id": r.matter.pk, "matter": r.matter.name,
        "primary_department_id": r.primary_department.pk,
        "primary_department": str(r.primary_department), "primary_duty": r.primary_duty,
        "fallback_department": str(r.fallback_department),
        "cooperating": [{"unit": str(u.unit), "task": u.task} for u in r.cooperating],
        "township_cooperates": r.township_cooperates,
        "steps": [vars(s) | {"unit": s.unit} for s in r.steps],
        "accept_hours": r.accept_hours, "handle_days": r.handle_days, "basis": r.basis,
        "version_id": r.version.pk, "version": str(r.version), "rule": r.rule,
    }  # fmt: skip


@router.get("/responsibility", response=ResponsibilityOut, summary="谁来负责:事项、乡镇、日期")
def responsibility(request, matter: int, township: int, on: date | None = None):
    answer = selectors.responsibility_for(matter=matter, township=_township(township), on=on)
    if answer is None:
        raise NotFound("该日施行的清单中的此事项")
    return _responsibility(answer)


@router.get("/on-list", summary="事项是否在乡镇(街道)清单内(否则须先准入)")
def on_list(request, township: int, matter: str, on: date | None = None):
    subject = int(matter) if matter.isdigit() else matter
    return {
        "on_list": selectors.is_on_list(township=_township(township), matter_or_duty=subject, on=on)
    }


@router.get(
    "/counties/{county_id}/matters", response=list[MatterOut], summary="施行中的属地管理事项"
)
def matters(request, county_id: int, on: date | None = None):
    county = Division.objects.filter(pk=county_id, level=Division.Level.COUNTY).first()
    if county is None:
        raise NotFound("县(市、区)")
    rows = selectors.matters_for_county(county=county, on=on).order_by("code", "name")
    return [
        {"id": m.pk, "code": m.code, "name": m.name, "field": m.field.name if m.field_id else "", "synonyms": m.synonyms}
        for m in rows
    ]  # fmt: skip


@router.get("/lists/{list_id}/versions", response=list[VersionOut], summary="清单版本")
def list_versions(request, list_id: int):
    found = ResponsibilityList.objects.filter(pk=list_id).first()
    if found is None:
        raise NotFound("属地清单")
    versions = found.versions.order_by("-number")
    if not access.in_county(request.user, found.county_id):
        versions = versions.filter(published_at__isnull=False)
    return list(versions)


@router.get("/versions/{version_id}/items", summary="清单版本的事项")
def version_items(request, version_id: int):
    version = access.access_version(request.user, version_id)
    return [
        {"position": i.position, **selectors.item_data(i)} for i in selectors.version_items(version)
    ]


def _out(obj: AdmissionRequest) -> dict:
    return {
        "id": obj.pk, "matter_name": obj.matter_name, "department": str(obj.department),
        "state": obj.state, "row_version": obj.row_version, "admitted_version_id": obj.admitted_version_id,
    }  # fmt: skip


@router.get("/admissions", response=list[AdmissionOut], auth=django_auth, summary="准入申请")
def admission_list(request):
    return [_out(a) for a in access.admissions_visible(request.user)[:500]]


@router.post("/admissions", response={201: AdmissionOut}, auth=django_auth, summary="提出准入申请")
def admission_create(request, payload: AdmissionIn):
    if not is_department_clerk(request.user):
        raise Forbidden("只有县直部门经办人可以提出准入申请")
    data = payload.dict()
    townships = list(Division.objects.filter(pk__in=data.pop("townships")))
    created = admission.admission_create(
        by=request.user, department=request.user.department, townships=townships, **data
    )
    return Status(201, _out(created))


@router.post(
    "/admissions/{admission_id}/submit",
    response=AdmissionOut,
    auth=django_auth,
    summary="提交准入申请",
)
def admission_submit(request, admission_id: int):
    obj = access.access_admission(request.user, admission_id)
    return _out(admission.admission_submit(by=request.user, request=obj))


@router.post(
    "/admissions/{admission_id}/decide",
    response=AdmissionOut,
    auth=django_auth,
    summary="编办审核准入申请",
)
def admission_decide(request, admission_id: int, payload: DecisionIn):
    obj = access.access_admission(request.user, admission_id)
    data = payload.dict()
    action = data.pop("action")
    common = {k: data[k] for k in ("legality_opinion", "reasonableness_opinion", "row_version")}
    if action == "admit":
        done = admission.admission_admit(
            by=request.user,
            request=obj,
            effective_date=data["effective_date"],
            document_number=data["document_number"],
            **common,
        )
    elif action == "changes":
        done = admission.admission_request_changes(
            by=request.user, request=obj, reason=data["reason"], **common
        )
    elif action == "refuse":
        done = admission.admission_refuse(
            by=request.user, request=obj, reason=data["reason"], **common
        )
    else:
        raise ValidationError({"action": "审核决定:应为 admit、changes 或 refuse"})
    return _out(done)


@router.get(
    "/duty-report", auth=django_auth, summary="乡镇履职事项清单统计(基本、配合、收回、新增)"
)
def duty_list_report(request, pilot_only: bool = False):
    if request.user.county_id is None:
        raise NotFound("县(市、区)")
    report = duty_report(
        county=Division.objects.get(pk=request.user.county_id), pilot_only=pilot_only
    )
    return {
        "townships": [
            {"township": t.name, "version_id": v.pk, "document_number": v.document_number, **counts}
            for t, v, counts in report.townships
        ],
        "averages": report.averages,
        "totals": report.totals,
    }


__all__ = ["router"]
