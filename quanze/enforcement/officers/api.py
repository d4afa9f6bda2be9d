"""The officer registry API and the certificate check (thin)."""

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Router, Schema
from ninja.security import django_auth

from quanze.catalog.models import Field
from quanze.core.errors import Forbidden
from quanze.enforcement.officers import selectors, services
from quanze.enforcement.officers.forms import CertificateForm, OfficerForm
from quanze.org.roles import is_department_clerk, is_reviewer, is_township_clerk

router = Router(tags=["执法人员"])


class CertificateOut(Schema):
    id: int
    number: str
    issuer: str
    fields: list[str]
    valid_from: date
    valid_to: date
    status: str

    @staticmethod
    def resolve_fields(obj):
        return [f.name for f in obj.fields.all()]


class OfficerOut(Schema):
    id: int
    name: str
    township_id: int | None
    department_id: int | None
    position: str
    legal_qualified: bool
    active: bool
    certificates: list[CertificateOut]

    @staticmethod
    def resolve_legal_qualified(obj):
        return bool(obj.legal_qualification)

    @staticmethod
    def resolve_certificates(obj):
        return list(obj.certificates.all())


class OfficerIn(Schema):
    name: str
    township_id: int | None = None
    department_id: int | None = None
    position: str = ""
    legal_qualification: str = ""


class CertificateIn(Schema):
    number: str
    issuer: str
    field_ids: list[int]
    valid_from: date
    valid_to: date


class CheckOut(Schema):
    ok: bool
    certificate: str
    message: str


def _invalid(form) -> ValidationError:
    return ValidationError(
        {
            n: [f"{form.fields[n].label if n in form.fields else ''}:{e}" for e in es]
            for n, es in form.errors.items()
        }
    )


@router.get("/officers", response=list[OfficerOut], auth=django_auth, summary="执法人员名录")
def officer_list(request, q: str = ""):
    return list(selectors.officer_list(request.user, q=q)[:500])


@router.post("/officers", response={201: OfficerOut}, auth=django_auth, summary="登记执法人员")
def officer_create(request, payload: OfficerIn):
    if not (
        is_reviewer(request.user)
        or is_township_clerk(request.user)
        or is_department_clerk(request.user)
    ):
        raise Forbidden("只有司法局或本单位经办人可以登记执法人员")
    data = payload.dict()
    data["township"] = data.pop("township_id")
    data["department"] = data.pop("department_id")
    form = OfficerForm({k: v for k, v in data.items() if v is not None}, user=request.user)
    if not form.is_valid():
        raise _invalid(form)
    return 201, services.officer_create(by=request.user, **form.cleaned_data)


@router.get("/officers/{officer_id}", response=OfficerOut, auth=django_auth, summary="执法人员详情")
def officer_detail(request, officer_id: int):
    return selectors.access_officer(request.user, officer_id)


@router.post(
    "/officers/{officer_id}/certificates",
    response={201: CertificateOut},
    auth=django_auth,
    summary="登记执法证",
)
def certificate_add(request, officer_id: int, payload: CertificateIn):
    officer = selectors.access_officer(request.user, officer_id)
    data = payload.dict()
    data["fields"] = data.pop("field_ids")
    form = CertificateForm(data)
    if not form.is_valid():
        raise _invalid(form)
    return 201, services.certificate_add(by=request.user, officer=officer, **form.cleaned_data)


@router.get(
    "/officers/{officer_id}/check",
    response=CheckOut,
    auth=django_auth,
    summary="核验执法资格(某日、某领域)",
)
def certificate_check(request, officer_id: int, on: date, field_id: int | None = None):
    officer = selectors.access_officer(request.user, officer_id)
    field = Field.objects.filter(pk=field_id).first() if field_id else None
    try:
        certificate = selectors.certificate_check(officer, on=on, field=field)
    except ValidationError as error:
        return {"ok": False, "certificate": "", "message": error.messages[0]}
    return {"ok": True, "certificate": certificate.number, "message": "持有效执法证"}
