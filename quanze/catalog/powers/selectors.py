"""Reads of the power register, and who may see and change powers (built on the reach
of catalogs and versions in `catalogs.selectors`). Every power fetch goes through
`access_power`."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from quanze.catalog.catalogs.models import CatalogEntry
from quanze.catalog.catalogs.selectors import fetch, versions_readable
from quanze.catalog.powers.models import Citation, Power
from quanze.catalog.powers.search_index import filter_text
from quanze.org.roles import (
    divisions_in_reach,
    divisions_managed,
    is_county_wide,
    is_department_clerk,
    is_office,
)


def powers_readable(user) -> QuerySet[Power]:
    """Working copies of powers; the public reads published snapshots instead."""
    if not user.is_authenticated:
        return Power.objects.none()
    in_reach = Power.objects.filter(divisions_in_reach(user, prefix="owner__"))
    if is_county_wide(user):
        return in_reach
    listed = CatalogEntry.objects.filter(power=OuterRef("pk"), version__in=versions_readable(user))
    own = Q(department_id=user.department_id) if is_department_clerk(user) else Q(pk__in=[])
    return in_reach.filter(own | Q(Exists(listed)))


def powers_writable(user) -> QuerySet[Power]:
    if is_office(user):
        return Power.objects.filter(divisions_managed(user, prefix="owner__"))
    if is_department_clerk(user):
        return Power.objects.filter(
            divisions_in_reach(user, prefix="owner__"), department_id=user.department_id
        )
    return Power.objects.none()


def access_power(user, power_id, *, for_write: bool = False) -> Power:
    qs = powers_writable(user) if for_write else powers_readable(user)
    qs = qs.select_related("power_type", "field", "department", "owner", "parent")
    return fetch(qs, power_id, "权力事项")


@dataclass(frozen=True)
class PowerFilter:
    q: str = ""
    power_type: int | None = None
    field: int | None = None
    department: int | None = None
    set_kind: str = ""
    version: int | None = None


def power_search(user, filters: PowerFilter) -> QuerySet[Power]:
    """Powers the user may read, narrowed by the filters. Text search is substring
    matching (two-character words such as 执法 and parts of codes are found), served by
    the bigram index of search_index.py; every space-separated term must match."""
    qs = powers_readable(user)
    narrowed = any(
        (filters.power_type, filters.field, filters.department, filters.version, filters.set_kind)
    )
    if filters.q:
        terms = [term.lower() for term in filters.q.split()]
        qs = filter_text(qs, terms, lead=not narrowed)
    if filters.power_type:
        qs = qs.filter(power_type_id=filters.power_type)
    if filters.field:
        qs = qs.filter(field_id=filters.field)
    if filters.department:
        qs = qs.filter(department_id=filters.department)
    if filters.version or filters.set_kind:
        # Only entries of versions the user may read: a draft's contents stay hidden
        # from those to whom the draft itself is 404.
        entries = CatalogEntry.objects.filter(version__in=versions_readable(user))
        if filters.version:
            entries = entries.filter(version_id=filters.version)
        if filters.set_kind:
            entries = entries.filter(set_kind=filters.set_kind)
        qs = qs.filter(pk__in=entries.values("power_id"))
    return qs.select_related("power_type", "field", "department").order_by("code", "pk")


def power_detail(user, power_id) -> Power:
    power = access_power(user, power_id)
    power.citation_list = list(Citation.objects.filter(power=power))
    return power


def power_entries(user, power: Power) -> QuerySet[CatalogEntry]:
    """The catalog versions the user may read that list this power."""
    return (
        CatalogEntry.objects.filter(power=power, version__in=versions_readable(user))
        .select_related("version", "version__catalog")
        .order_by("version__catalog__name", "-version__number")
    )
