"""Writes of the officer registry: validated, authorised, recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction

from quanze.core.errors import Forbidden, refuses_control_chars, validate_model
from quanze.core.history import diff_states, model_state, record_change
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.org.roles import is_department_clerk, is_reviewer, is_township_clerk

OFFICER_FIELDS = [
    "name",
    "township",
    "department",
    "user",
    "position",
    "post_type",
    "legal_reviewer",
    "legal_qualification",
    "active",
]
CERTIFICATE_FIELDS = ["number", "issuer", "valid_from", "valid_to", "status", "status_reason"]


def _require_unit(by, *, township, department) -> None:
    if is_reviewer(by):
        unit = township or department
        division = township if township else (department.division if department else None)
        if unit is None or division is None:
            return
        if (township and township.parent_id != by.county_id) or (
            department and department.division_id != by.county_id
        ):
            raise Forbidden("只能登记本县(市、区)的执法人员")
        return
    if is_township_clerk(by) and township is not None and township.pk == by.township_id:
        return
    if is_department_clerk(by) and department is not None and department.pk == by.department_id:
        return
    raise Forbidden("只有司法局或本单位经办人可以登记执法人员")


@transaction.atomic
def officer_create(
    *,
    by,
    name,
    township=None,
    department=None,
    user=None,
    position="",
    legal_qualification="",
    active=True,
    post_type=Officer.PostType.ADMINISTRATIVE,
    legal_reviewer=False,
) -> Officer:
    _require_unit(by, township=township, department=department)
    county_id = township.parent_id if township else (department.division_id if department else None)
    if user is not None and user.county_id != county_id:
        raise ValidationError({"user": "系统账号:应为本县(市、区)的用户"})
    officer = Officer(
        name=(name or "").strip(),
        county_id=county_id or by.county_id,
        township=township,
        department=department,
        user=user,
        position=position.strip(),
        legal_qualification=legal_qualification.strip(),
        active=active,
        post_type=post_type or Officer.PostType.ADMINISTRATIVE,
        legal_reviewer=bool(legal_reviewer),
    )
    _check_legal_reviewer(officer)
    validate_model(officer)
    officer.save()
    record_change(officer, action="create", actor=by, after=model_state(officer, OFFICER_FIELDS))
    return officer


@transaction.atomic
def officer_update(*, by, officer: Officer, **changes) -> Officer:
    officer = Officer.objects.select_for_update().get(pk=officer.pk)
    _require_unit(by, township=officer.township, department=officer.department)
    before = model_state(officer, OFFICER_FIELDS)
    names = ("name", "position", "legal_qualification", "active", "user", "post_type")
    for name in (*names, "legal_reviewer"):
        if name in changes:
            value = changes[name]
            setattr(officer, name, value.strip() if isinstance(value, str) else value)
    _check_legal_reviewer(officer)
    if (
        officer.post_type == Officer.PostType.AUXILIARY
        and officer.certificates.filter(status=Certificate.Status.VALID).exists()
    ):
        raise ValidationError(
            {"post_type": "编制类型:该人员持有有效执法证,须先注销执法证才能改为编外辅助"}
        )
    validate_model(officer)
    old, new = diff_states(before, model_state(officer, OFFICER_FIELDS))
    if not new:
        return officer
    officer.row_version += 1
    officer.save()
    record_change(officer, action="update", actor=by, before=old, after=new)
    return officer


def _check_legal_reviewer(officer: Officer) -> None:
    """法制审核人员 must hold a 法律职业资格 and be on a post (行政处罚法 art. 58)."""
    if not officer.legal_reviewer:
        return
    if not officer.legal_qualification.strip():
        raise ValidationError(
            {"legal_reviewer": "法制审核人员:须填写法律职业资格证书编号(《行政处罚法》第五十八条)"}
        )
    if officer.post_type == Officer.PostType.AUXILIARY:
        raise ValidationError({"legal_reviewer": "法制审核人员:编外辅助人员不能担任"})


def _require_bureau(by, officer: Officer) -> None:
    if not (is_reviewer(by) and by.county_id == officer.county_id):
        raise Forbidden("只有本县(市、区)司法局可以登记和变更执法证")


@transaction.atomic
def certificate_add(
    *,
    by,
    officer: Officer,
    number,
    issuer,
    fields,
    valid_from,
    valid_to,
    status=Certificate.Status.VALID,
) -> Certificate:
    _require_bureau(by, officer)
    if officer.post_type == Officer.PostType.AUXILIARY:
        raise ValidationError(
            {"officer": f"执法人员:「{officer.name}」为编外辅助人员,不能取得执法证"}
        )
    fields = list(fields or [])
    if not fields:
        raise ValidationError({"fields": "执法领域:至少选择一个领域"})
    certificate = Certificate(
        officer=officer,
        number=(number or "").strip(),
        issuer=(issuer or "").strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        status=status,
    )
    validate_model(certificate)
    certificate.save()
    certificate.fields.set(fields)
    after = model_state(certificate, CERTIFICATE_FIELDS) | {
        "fields": "、".join(f.name for f in fields)
    }
    record_change(certificate, action="create", actor=by, after=after)
    record_change(
        officer, action="certificate", actor=by, after={"certificate": certificate.number}
    )
    return certificate


@transaction.atomic
@refuses_control_chars(reason="理由")
def certificate_set_status(
    *, by, certificate: Certificate, status: str, reason: str = ""
) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    _require_bureau(by, certificate.officer)
    if status not in Certificate.Status.values:
        raise ValidationError({"status": "状态:应为有效、暂扣或注销"})
    reason = (reason or "").strip()
    if status != Certificate.Status.VALID and not reason:
        raise ValidationError({"reason": "理由:暂扣或注销执法证须写明理由"})
    if certificate.status == status:
        return certificate
    before = {"status": certificate.status, "status_reason": certificate.status_reason}
    certificate.status = status
    certificate.status_reason = reason
    certificate.save(update_fields=["status", "status_reason"])
    record_change(
        certificate,
        action="status",
        actor=by,
        before=before,
        after={"status": status, "status_reason": reason},
        reason=reason,
    )
    return certificate
