"""The admission API: requests filed, submitted and decided. Reads go through the access
choke points, writes through the services."""

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status
from ninja.security import django_auth

from quanze.core.api_safety import choice
from quanze.core.errors import Forbidden
from quanze.duties.admission import selectors, services
from quanze.duties.admission.forms import DecisionForm
from quanze.duties.admission.models import AdmissionRequest
from quanze.org.models import Division
from quanze.org.roles import is_department_clerk

router = Router()


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


class AdmissionDecisionIn(Schema):
    action: choice(dict(DecisionForm.ACTIONS))  # admit | changes | refuse, as the page
    legality_opinion: str = ""
    reasonableness_opinion: str = ""
    reason: str = ""
    effective_date: date | None = None
    document_number: str = ""
    row_version: int | None = None


def _out(obj: AdmissionRequest) -> dict:
    return {
        "id": obj.pk, "matter_name": obj.matter_name, "department": str(obj.department),
        "state": obj.state, "row_version": obj.row_version, "admitted_version_id": obj.admitted_version_id,
    }  # fmt: skip


@router.get("/admissions", response=list[AdmissionOut], auth=django_auth, summary="准入申请")
def admission_list(request):
    return [_out(a) for a in selectors.admissions_visible(request.user)[:500]]


@router.post("/admissions", response={201: AdmissionOut}, auth=django_auth, summary="提出准入申请")
def admission_create(request, payload: AdmissionIn):
    if not is_department_clerk(request.user):
        raise Forbidden("只有县直部门经办人可以提出准入申请")
    data = payload.dict()
    townships = list(Division.objects.filter(pk__in=data.pop("townships")))
    created = services.admission_create(
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
    obj = selectors.access_admission(request.user, admission_id)
    return _out(services.admission_submit(by=request.user, request=obj))


@router.post(
    "/admissions/{admission_id}/decide",
    response=AdmissionOut,
    auth=django_auth,
    summary="编办审核准入申请",
)
def admission_decide(request, admission_id: int, payload: AdmissionDecisionIn):
    obj = selectors.access_admission(request.user, admission_id)
    data = payload.dict()
    action = data.pop("action")
    common = {k: data[k] for k in ("legality_opinion", "reasonableness_opinion", "row_version")}
    if action == "admit":
        done = services.admission_admit(
            by=request.user,
            request=obj,
            effective_date=data["effective_date"],
            document_number=data["document_number"],
            **common,
        )
    elif action == "changes":
        done = services.admission_request_changes(
            by=request.user, request=obj, reason=data["reason"], **common
        )
    elif action == "refuse":
        done = services.admission_refuse(
            by=request.user, request=obj, reason=data["reason"], **common
        )
    else:
        raise ValidationError({"action": "审核决定:应为 admit、changes 或 refuse"})
    return _out(done)
