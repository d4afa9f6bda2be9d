"""Reads of divisions and departments, each through its access choke point."""

from django.db.models import Count, Q, QuerySet

from quanze.core.errors import NotFound
from quanze.org.models import Department, Division, User
from quanze.org.roles import divisions_in_reach, divisions_managed, is_office


def divisions_visible(user) -> QuerySet[Division]:
    return Division.objects.filter(divisions_in_reach(user))


def access_division(user, division_id, *, for_write: bool = False) -> Division:
    qs = Division.objects.filter(divisions_managed(user)) if for_write else divisions_visible(user)
    try:
        return qs.select_related("parent").get(pk=division_id)
    except (Division.DoesNotExist, ValueError, TypeError):
        raise NotFound("行政区划") from None


def townships_of(county: Division) -> QuerySet[Division]:
    return Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP)


def departments_visible(user) -> QuerySet[Department]:
    return Department.objects.filter(divisions_in_reach(user, prefix="division__")).select_related(
        "division"
    )


def access_department(user, department_id, *, for_write: bool = False) -> Department:
    qs = departments_visible(user)
    if for_write:
        if not is_office(user):
            raise NotFound("部门")
        qs = qs.filter(divisions_managed(user, prefix="division__"))
    try:
        return qs.get(pk=department_id)
    except (Department.DoesNotExist, ValueError, TypeError):
        raise NotFound("部门") from None


def department_list(user) -> QuerySet[Department]:
    return departments_visible(user).annotate(power_count=Count("powers"))


def department_lookup(division: Division) -> dict[str, Department]:
    """Departments of a division keyed by full name and short name, for imports."""
    lookup = {}
    for dept in Department.objects.filter(division=division):
        lookup[dept.name] = dept
        if dept.short_name:
            lookup.setdefault(dept.short_name, dept)
    return lookup


def county_of(division: Division) -> Division:
    """The county a division lies in (or the division itself above county level)."""
    node = division
    while node.level in (Division.Level.TOWNSHIP, Division.Level.VILLAGE) and node.parent_id:
        node = node.parent
    return node


def division_tree(user) -> list[tuple[Division, list[Division]]]:
    """Visible divisions grouped as (county or higher division, its townships), in code order."""
    groups: list[tuple[Division, list[Division]]] = []
    by_pk: dict[int, list[Division]] = {}
    for division in divisions_visible(user).order_by("code"):
        if division.level in (Division.Level.TOWNSHIP, Division.Level.VILLAGE):
            parent_list = by_pk.get(division.parent_id)
            if parent_list is not None:
                parent_list.append(division)
                by_pk[division.pk] = parent_list  # villages list under their county too
                continue
        children: list[Division] = []
        by_pk[division.pk] = children
        groups.append((division, children))
    return groups


def unit_directory(*, q: str = "") -> tuple[QuerySet[Division], QuerySet[Department]]:
    """Every division and department, for the operator's `quanze units`; `q` filters by
    name or code (a division's code, or the department's division's)."""
    divisions = Division.objects.order_by("code")
    departments = Department.objects.select_related("division").order_by("division__code", "name")
    if q:
        divisions = divisions.filter(Q(name__contains=q) | Q(code__startswith=q))
        departments = departments.filter(
            Q(name__contains=q) | Q(division__name__contains=q) | Q(division__code__startswith=q)
        )
    return divisions, departments


def user_directory(*, q: str = ""):
    """Every user with role and unit, for the operator's `quanze users` (the names that
    `--user` takes)."""
    users = User.objects.select_related("county", "department", "township").order_by("username")
    if q:
        users = users.filter(
            Q(username__contains=q)
            | Q(department__name__contains=q)
            | Q(township__name__contains=q)
            | Q(county__name__contains=q)
        )
    return users


def county_units(county_id):
    """The county's departments and its townships' own units (the teams that lead where the
    township does), for measures and evaluations that rank every unit that acts."""
    return Department.objects.filter(Q(division_id=county_id) | Q(division__parent_id=county_id))
