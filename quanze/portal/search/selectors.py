"""Search across every public list: the items of the versions in force (published, not
superseded), found through the powers' bigram index (`catalog.powers.search_index`) and
re-checked against the published snapshot's own code and names, so a word a draft has put
into the working copy never finds anything. One result per item, with how many lists hold
it; filters by unit (the division or department keeping the list), type and field, as
published."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

from quanze.catalog.catalogs.models import Catalog, CatalogEntry, CatalogVersion, PowerSnapshot
from quanze.catalog.catalogs.selectors import PUBLISHED
from quanze.catalog.powers.models import Field, Power, PowerType
from quanze.catalog.powers.search_index import filter_text
from quanze.org.models import Department, Division

MAX_TERMS = 5


@dataclass(frozen=True)
class SearchFilter:
    q: str = ""
    unit: str = ""  # "o<division id>" or "d<department id>"
    power_type: str = ""  # the type's name, as published
    field: str = ""  # the field's name, as published


def public_entries() -> QuerySet[CatalogEntry]:
    """Entries of the versions in force now: published and not superseded."""
    return CatalogEntry.objects.filter(version__status=PUBLISHED, snapshot__isnull=False)


def _text(entries: QuerySet, q: str) -> QuerySet:
    terms = [t.lower() for t in q.split()][:MAX_TERMS]
    if not terms:
        return entries
    found = filter_text(Power.objects.all(), terms)
    entries = entries.filter(power_id__in=found.values("pk"))
    for term in terms:
        entries = entries.filter(
            Q(snapshot__data__code__icontains=term)
            | Q(snapshot__data__name__icontains=term)
            | Q(snapshot__data__sub_name__icontains=term)
        )
    return entries


def search(filters: SearchFilter) -> QuerySet:
    """Rows (power_id, lists, snapshot_id) ordered by code: one per item, `lists` counting
    the lists in force that hold it and `snapshot_id` one of its published snapshots."""
    entries = _text(public_entries(), filters.q)
    if filters.unit[:1] == "o" and filters.unit[1:].isdigit():
        entries = entries.filter(version__catalog__owner_id=int(filters.unit[1:]))
    elif filters.unit[:1] == "d" and filters.unit[1:].isdigit():
        entries = entries.filter(version__catalog__department_id=int(filters.unit[1:]))
    if filters.power_type:
        entries = entries.filter(snapshot__data__power_type=filters.power_type)
    if filters.field:
        entries = entries.filter(snapshot__data__field=filters.field)
    return (
        entries.values("power_id", "power__code")
        .annotate(lists=Count("version_id", distinct=True), snapshot_id=Max("snapshot_id"))
        .order_by("power__code", "power_id")
    )


def snapshots_of(rows) -> dict[int, dict]:
    """The published data shown for a page of results: snapshot id → data."""
    ids = [row["snapshot_id"] for row in rows]
    return dict(PowerSnapshot.objects.filter(pk__in=ids).values_list("pk", "data"))


def unit_choices() -> list[tuple[str, str]]:
    """The units keeping a list in force: divisions (townships, the county) and departments."""
    in_force = Catalog.objects.filter(versions__status=CatalogVersion.Status.PUBLISHED)
    departments = Department.objects.filter(catalogs__in=in_force).distinct().order_by("name")
    divisions = (
        Division.objects.filter(catalogs__in=in_force, catalogs__department__isnull=True)
        .distinct()
        .order_by("code")
    )
    return [(f"o{d.pk}", d.name) for d in divisions] + [(f"d{d.pk}", d.name) for d in departments]


def type_choices() -> list[str]:
    return list(PowerType.objects.order_by("position", "code").values_list("name", flat=True))


def field_choices() -> list[str]:
    return list(Field.objects.values_list("name", flat=True))
