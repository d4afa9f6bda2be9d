"""The officer registry API and the certificate check (thin)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import django_auth

from quanze.catalog.models import Field
from quanze.core.api_safety import choice
from quanze.core.errors import Forbidden, form_errors
from quanze.enforcement.officers import expiry, selectors, services
from quanze.enforcement.officers.forms import CertificateForm, OfficerEditForm, OfficerForm
from quanze.enforcement.officers.models import Officer
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
    status_reason: str = ""

    @staticmethod
    def resolve_fields(obj):
        return [f.name for f in obj.fields.all()]


class OfficerOut(Schema):
    id: int
    name: str
    township_id: int | None
    department_id: int | None
    position: str
    post_type: str
    legal_reviewer: bool
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
    post_type: choice(Officer.PostType) = "administrative"
    legal_qualification: str = ""
    legal_reviewer: bool = False


class OfficerPatch(Schema):
    name: str | None = None
    position: str | None = None
    post_type: choice(Officer.PostType) | None = None
    legal_qualification: str | None = None
    legal_reviewer: bool | None = None
    active: bool | None = None


class ExpiringOut(Schema):
    id: int
    number: str
    officer_id: int
    officer: str
    unit: str
    valid_to: date
    expiry_notified_on: date | None

    @staticmethod
    def resolve_officer(obj):
        return obj.officer.name

    @staticmethod
    def resolve_unit(obj):
        return str(obj.officer.unit)


class NotifiedOut(Schema):
    notified: int


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
        raise form_errors(form)
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
        raise form_errors(form)
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


@router.patch(
    "/officers/{officer_id}", response=OfficerOut, auth=django_auth, summary="修改执法人员信息"
)
def officer_update(request, officer_id: int, payload: OfficerPatch):
    officer = selectors.access_officer(request.user, officer_id, for_write=True)
    current = {
        k: getattr(officer, k)
        for k in (
            "name",
            "position",
            "post_type",
            "legal_qualification",
            "legal_reviewer",
            "active",
        )
    }
    data = current | payload.dict(exclude_none=True)
    form = OfficerEditForm(data)
    if not form.is_valid():
        raise form_errors(form)
    return services.officer_update(by=request.user, officer=officer, **form.cleaned_data)


@router.get(
    "/certificates/expiring",
    response=list[ExpiringOut],
    auth=django_auth,
    summary="执法证到期队列",
)
def certificate_expiring(
    request, days: int = expiry.DEFAULT_DAYS, unit: str = "", q: str = "", sort: str = "expiry"
):
    if not 1 <= days <= 366:
        raise ValidationError({"days": "到期天数:应为1至366"})
    rows = selectors.certificates_expiring(
        request.user, on=timezone.localdate(), within=days, unit=unit, q=q, sort=sort
    )
    return list(rows[:500])


@router.post(
    "/certificates/expiring/notify",
    response=NotifiedOut,
    auth=django_auth,
    summary="向所属单位发出执法证到期提醒",
)
def certificate_expiry_notify(request, days: int = expiry.DEFAULT_DAYS):
    if not is_reviewer(request.user):
        raise Forbidden("只有司法局可以发出执法证到期提醒")
    if not 1 <= days <= 366:
        raise ValidationError({"days": "到期天数:应为1至366"})
    count = expiry.certificates_expiry_notify(
        by=request.user, county=request.user.county, on=timezone.localdate(), within=days
    )
    return {"notified": count}
