"""Reads of the officer registry, its access choke points, and the certificate check."""

from datetime import date, timedelta
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import connection
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


def officer_list(user, *, q: str = "", unit: str = "", post_type: str = ""):
    rows = officers_visible(user).select_related("township", "department")
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(certificates__number__icontains=q)).distinct()
    if unit == "township":
        rows = rows.filter(township__isnull=False)
    elif unit == "department":
        rows = rows.filter(department__isnull=False)
    if post_type:
        rows = rows.filter(post_type=post_type)
    return rows.prefetch_related("certificates__fields")


# ---- certificates expiring (the queue) --------------------------------------------------

EXPIRY_SORTS = {
    "expiry": ("valid_to", "officer__name", "id"),
    "-expiry": ("-valid_to", "officer__name", "id"),
    "name": ("officer__name", "valid_to", "id"),
    "number": ("number", "id"),
}


def certificates_expiring(
    user, *, on: date, within: int, unit: str = "", q: str = "", sort: str = "expiry"
):
    """Valid certificates of the officers `user` sees that end within `within` days of
    `on` (today included), or have ended already while still marked valid; the officer's
    latest certificate only, so a renewed one drops off the queue."""

    rows = Certificate.objects.filter(
        officer__in=officers_visible(user),
        officer__active=True,
        status=Certificate.Status.VALID,
        valid_to__lte=on + timedelta(days=within),
    ).exclude(officer__certificates__valid_to__gt=on + timedelta(days=within))
    if unit == "township":
        rows = rows.filter(officer__township__isnull=False)
    elif unit == "department":
        rows = rows.filter(officer__department__isnull=False)
    elif unit[:1] == "t" and unit[1:].isdigit():
        rows = rows.filter(officer__township_id=int(unit[1:]))
    elif unit[:1] == "d" and unit[1:].isdigit():
        rows = rows.filter(officer__department_id=int(unit[1:]))
    if q:
        rows = rows.filter(Q(officer__name__icontains=q) | Q(number__icontains=q))
    order = EXPIRY_SORTS.get(sort, EXPIRY_SORTS["expiry"])
    return rows.select_related("officer__township", "officer__department").order_by(*order)


@lru_cache(maxsize=4)
def _covering_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    certificates = quote(Certificate._meta.db_table)
    through = quote(Certificate.fields.through._meta.db_table)
    return (
        f"SELECT c.id, c.officer_id, c.number, c.valid_from, c.valid_to, c.status, "
        f"c.status_reason, EXISTS(SELECT 1 FROM {through} t WHERE t.certificate_id = c.id "
        f"AND t.field_id = %s) AS covers FROM {certificates} c WHERE c.officer_id = %s "
        f"ORDER BY c.valid_to DESC, c.id DESC"
    )


def _certificates_covering(officer_id: int, field_id: int | None) -> list[Certificate]:
    """The officer's certificates, latest end first, each with `covers`: whether it lists
    the field. One statement written once: the case check runs for every officer of every
    step, and building this query through the ORM each time cost ten times its execution
    (docs/performance.md, "Force")."""
    sql = _covering_sql(connection.vendor)
    return list(Certificate.objects.raw(sql, [field_id or 0, officer_id]))


def certificate_check(officer: Officer, *, on: date, field) -> Certificate:
    """The officer's certificate valid on `on` that covers `field`, or a ValidationError
    naming the officer and what is missing (行政处罚法 art. 42: only certified officers)."""
    prefix = f"执法人员「{officer.name}」"
    if not officer.active:
        raise ValidationError(f"{prefix}不在岗,不能执法")
    if officer.post_type == Officer.PostType.AUXILIARY:
        raise ValidationError(f"{prefix}为编外辅助人员,不能独立执法,只能在持证执法人员带领下协助")
    certificates = _certificates_covering(officer.pk, field.pk if field is not None else None)
    if not certificates:
        raise ValidationError(f"{prefix}没有执法证")
    dated = [c for c in certificates if c.valid_from <= on <= c.valid_to]
    if not dated:
        latest = certificates[0]
        if latest.valid_to < on:
            raise ValidationError(
                f"{prefix}的执法证{latest.number}已于{latest.valid_to:%Y年%m月%d日}过期,"
                f"在{on:%Y年%m月%d日}不在有效期内"
            )
        raise ValidationError(f"{prefix}的执法证在{on:%Y年%m月%d日}不在有效期内")
    valid = [c for c in dated if c.status == Certificate.Status.VALID]
    if not valid:
        c = dated[0]
        why = f"({c.status_reason})" if c.status_reason else ""
        raise ValidationError(f"{prefix}的执法证{c.number}已{c.get_status_display()}{why}")
    if field is None:
        return valid[0]
    for c in valid:
        if c.covers:
            return c
    raise ValidationError(f"{prefix}的执法证{valid[0].number}不含「{field.name}」执法领域")


def certificates_expiring_summary(user, *, on: date, days: int = 60) -> dict:
    """The expiry queue's rows (`certificates_expiring`) counted for the workbench, so the
    count there is the count of the page it links to: how many and the nearest expiry."""
    rows = certificates_expiring(user, on=on, within=days).order_by()
    return rows.aggregate(count=Count("pk"), due=Min("valid_to"))
