"""Reads of the officer registry, its access choke points, and the certificate check."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Count, Min, Q

from quanze.core.errors import NotFound
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.org.roles import is_department_clerk, is_office, is_reviewer, is_township_clerk


def officers_visible(user):
    """Officers a user may see: the county's for its office and justice bureau, a unit's
    own for its clerks, none for anyone else."""
    if is_office(user) or is_reviewer(user):
        return Officer.objects.filter(county_id=user.county_id)
    if is_township_clerk(user):
        return Officer.objects.filter(township_id=user.township_id)
    if is_department_clerk(user):
        return Officer.objects.filter(department_id=user.department_id)
    return Officer.objects.none()


def officers_writable(user):
    """The justice bureau keeps the county's registry; a unit's clerk its own officers."""
    if is_reviewer(user):
        return Officer.objects.filter(county_id=user.county_id)
    if is_township_clerk(user) or is_department_clerk(user):
        return officers_visible(user)
    return Officer.objects.none()


def access_officer(user, pk: int, *, for_write: bool = False) -> Officer:
    rows = officers_writable(user) if for_write else officers_visible(user)
    officer = rows.select_related("township", "department", "user", "county").filter(pk=pk).first()
    if officer is None:
        raise NotFound("执法人员")
    return officer


def access_certificate(user, pk: int) -> Certificate:
    certificate = (
        Certificate.objects.filter(pk=pk, officer__in=officers_visible(user))
        .select_related("officer")
        .first()
    )
    if certificate is None:
        raise NotFound("执法证")
    return certificate


def officer_list(user, *, q: str = "", unit: str = ""):
    rows = officers_visible(user).select_related("township", "department")
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(certificates__number__icontains=q)).distinct()
    if unit == "township":
        rows = rows.filter(township__isnull=False)
    elif unit == "department":
        rows = rows.filter(department__isnull=False)
    return rows.prefetch_related("certificates__fields")


def certificate_check(officer: Officer, *, on: date, field) -> Certificate:
    """The officer's certificate valid on `on` that covers `field`, or a ValidationError
    naming the officer and what is missing (行政处罚法 art. 42: only certified officers)."""
    prefix = f"执法人员「{officer.name}」"
    if not officer.active:
        raise ValidationError(f"{prefix}不在岗,不能执法")
    certificates = list(officer.certificates.prefetch_related("fields"))
    if not certificates:
        raise ValidationError(f"{prefix}没有执法证")
    dated = [c for c in certificates if c.valid_from <= on <= c.valid_to]
    if not dated:
        raise ValidationError(f"{prefix}的执法证在{on:%Y年%m月%d日}不在有效期内")
    valid = [c for c in dated if c.status == Certificate.Status.VALID]
    if not valid:
        c = dated[0]
        raise ValidationError(f"{prefix}的执法证{c.number}已{c.get_status_display()}")
    if field is None:
        return valid[0]
    for c in valid:
        if any(f.pk == field.pk for f in c.fields.all()):
            return c
    raise ValidationError(f"{prefix}的执法证{valid[0].number}不含「{field.name}」执法领域")


def certificates_expiring(user, *, on: date, days: int = 60) -> dict:
    """Valid certificates of the officers `user` sees that expire within `days` of `on`
    (the workbench): how many and the nearest expiry; one query."""
    return Certificate.objects.filter(
        officer__in=officers_visible(user).values("pk"),
        status=Certificate.Status.VALID,
        valid_to__gte=on,
        valid_to__lte=on + timedelta(days=days),
    ).aggregate(count=Count("pk"), due=Min("valid_to"))
