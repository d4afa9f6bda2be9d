"""Who reads which statistics: the scope (`Scope`) every report is computed over.

The justice bureau and the establishment office read their county; a township team its
own township; a county department the items that are its powers (and the cases under
them, in any township of its county, plus its own-power cases); the public nothing.
Another county's figures are never in reach. Reports over a city or a province (the
benchmark, scripts) build a `Scope` from a division directly.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q

from quanze.core.errors import Forbidden
from quanze.enforcement.statistics.models import Exercise
from quanze.org.models import Division
from quanze.org.roles import (
    code_prefix,
    is_department_clerk,
    is_office,
    is_reviewer,
    is_township_clerk,
)


@dataclass(frozen=True)
class Scope:
    """Where a report looks: townships under a division code prefix, or one township,
    and optionally only the powers of one department."""

    label: str
    prefix: str = ""
    township_id: int | None = None
    department_id: int | None = None

    def townships(self):
        """The townships of the scope (a queryset of Division ids)."""
        if self.township_id is not None:
            return Division.objects.filter(pk=self.township_id).values("pk")
        return Division.objects.filter(
            code__startswith=self.prefix, level=Division.Level.TOWNSHIP
        ).values("pk")

    def cases(self, *, counties: list[int] | None = None, townships=None) -> Q:
        """A filter on Case: the scope's cases (a department: under its powers or its own).
        `townships` or `counties`: the scope's units already known (ids), so the planner
        sees a list it can probe an index with rather than a subquery."""
        if self.township_id is not None:
            condition = Q(township_id=self.township_id)
        elif townships is not None:
            condition = Q(township_id__in=townships)
        elif counties is not None:
            condition = Q(county_id__in=counties)
        else:
            condition = Q(
                county__in=Division.objects.filter(code__startswith=self.prefix).values("pk")
            )
        if self.department_id is not None:
            condition &= Q(acting_department_id=self.department_id) | Q(
                department_id=self.department_id
            )
        return condition

    def exercises(self) -> Q:
        if self.township_id is not None:
            condition = Q(township_id=self.township_id)
        else:
            condition = Q(township__in=self.townships())
        if self.department_id is not None:
            condition &= Q(power__department_id=self.department_id)
        return condition


def division_scope(division: Division) -> Scope:
    """All townships under a county, city or province (or one township)."""
    if division.level == Division.Level.TOWNSHIP:
        return Scope(division.name, township_id=division.pk)
    return Scope(division.name, prefix=code_prefix(division))


def can_read_statistics(user) -> bool:
    return (
        is_reviewer(user) or is_office(user) or is_township_clerk(user) or is_department_clerk(user)
    )


def statistics_scope(user, *, township_id: int | None = None) -> Scope:
    """The scope `user` reads, narrowed to one of its county's townships when asked
    (an unknown or foreign township narrows to nothing rather than widening)."""
    if is_reviewer(user) or is_office(user):
        county = user.county
        if township_id:
            town = Division.objects.filter(
                pk=township_id, parent=county, level=Division.Level.TOWNSHIP
            ).first()
            if town is not None:
                return Scope(town.name, township_id=town.pk)
            return Scope("—", township_id=0)
        return Scope(county.name, prefix=code_prefix(county))
    if is_township_clerk(user):
        return Scope(user.township.name, township_id=user.township_id)
    if is_department_clerk(user):
        department = user.department
        county = department.division
        if township_id:
            town = Division.objects.filter(pk=township_id, parent=county).first()
            scope = Scope(town.name, township_id=town.pk) if town else Scope("—", township_id=0)
            return Scope(
                f"{scope.label}·{department.name}",
                township_id=scope.township_id,
                department_id=department.pk,
            )
        return Scope(
            f"{county.name}·{department.name}",
            prefix=code_prefix(county),
            department_id=department.pk,
        )
    raise Forbidden("执法统计只对司法局、编办、乡镇(街道)和县直部门开放")


def townships_choices(user) -> list[tuple[int, str]]:
    """The townships a county-wide reader may narrow a report to."""
    if is_reviewer(user) or is_office(user) or is_department_clerk(user):
        county_id = user.county_id
        return list(
            Division.objects.filter(parent_id=county_id, level=Division.Level.TOWNSHIP)
            .order_by("code")
            .values_list("pk", "name")
        )
    return []


FIRST_YEAR, LAST_YEAR = 1949, 2100


def year_bounds(year: int) -> tuple[date, date]:
    """The first and last day of a statistics year; a year no report can cover is refused
    with a message naming the field."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"year": f"年度:应在{FIRST_YEAR}至{LAST_YEAR}之间"})
    return date(year, 1, 1), date(year, 12, 31)


def exercises_recorded(scope: Scope, *, start: date, end: date):
    return (
        Exercise.objects.filter(scope.exercises(), on__gte=start, on__lte=end)
        .select_related("township", "power")
        .order_by("-on", "-id")
    )
