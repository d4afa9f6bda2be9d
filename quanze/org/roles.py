"""Who a user acts for: the unit scope every access check starts from."""

from django.db.models import Q

from quanze.org.models import Division, User

Role = User.Role


def is_office(user) -> bool:
    return (
        user.is_authenticated
        and user.role == Role.ESTABLISHMENT_OFFICE
        and user.county_id is not None
    )


def is_reviewer(user) -> bool:
    return (
        user.is_authenticated and user.role == Role.JUSTICE_REVIEWER and user.county_id is not None
    )


def is_department_clerk(user) -> bool:
    return (
        user.is_authenticated
        and user.role == Role.DEPARTMENT_CLERK
        and user.department_id is not None
    )


def is_township_clerk(user) -> bool:
    return (
        user.is_authenticated and user.role == Role.TOWNSHIP_CLERK and user.township_id is not None
    )


def is_county_wide(user) -> bool:
    """The office and the justice bureau read everything in their county."""
    return is_office(user) or is_reviewer(user)


def code_prefix(division: Division) -> str:
    from quanze.org.validators import LEVEL_DIGITS

    return division.code[: LEVEL_DIGITS[division.level]]


def ancestor_codes(division: Division) -> list[str]:
    """Codes of the division's ancestors, derived from its own code (no queries)."""
    from quanze.org.validators import LEVEL_DIGITS

    own = LEVEL_DIGITS[division.level]
    return [division.code[:n].ljust(12, "0") for n in (2, 4, 6, 9) if n < own]


def _on_relation(condition: Q, prefix: str) -> Q:
    """Apply a condition on Division to a relation as `relation IN (subquery)`.

    A subquery of ids, rather than a join on the division's code, lets the
    database use the relation's own index: list pages over 100,000 powers
    count and sort without touching the division table row by row.
    """
    if not prefix:
        return condition
    return Q(**{f"{prefix}in": Division.objects.filter(condition).values("pk")})


def divisions_in_reach(user, *, prefix: str = "") -> Q:
    """A filter on a Division relation: the user's county, what lies under it, and above it.

    Catalogs of the province and city above a county are read by its users; what
    lies in other counties is not.
    """
    if not user.is_authenticated or user.county_id is None:
        return Q(pk__in=[])
    county = user.county
    condition = Q(code__startswith=code_prefix(county)) | Q(code__in=ancestor_codes(county))
    return _on_relation(condition, prefix)


def divisions_managed(user, *, prefix: str = "") -> Q:
    """Divisions whose records the office may change: its county and what lies under it."""
    if not is_office(user):
        return Q(pk__in=[])
    return _on_relation(Q(code__startswith=code_prefix(user.county)), prefix)


def county_users(county_id, role: str):
    """The active users of one role in a county (the office, the justice bureau): the people
    a hand-off to that role tells."""
    return User.objects.filter(county_id=county_id, role=role, is_active=True)
