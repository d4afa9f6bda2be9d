"""Search across every public list: the items of the versions in force (published, not
superseded), found through the powers' bigram index (`catalog.powers.search_index`) and
re-checked against the published snapshot's own code and names, so a word a draft has put
into the working copy never finds anything. One result per item, with how many lists hold
it; filters by unit (the division or department keeping the list), type and field, as
published.

Without a unit filter the rows come from `SnapshotReach` (each published snapshot's count
of the lists in force holding it, kept by the publishing services): the matching powers'
few snapshots, never their entries (hundreds of thousands at national size, 4–18 s;
docs/performance.md, "A nation on PostgreSQL"). Filtering the snapshots and summing their
counts gives exactly what filtering the entries and counting their versions gives (one
entry per power per version, each entry pointing at one snapshot). With a unit filter
(one unit's lists, a few hundred entries) the entries are read."""

from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Concat

from quanze.catalog.catalogs.models import (
    Catalog,
    CatalogEntry,
    PowerSnapshot,
    SnapshotReach,
)
from quanze.catalog.catalogs.selectors import PUBLISHED
from quanze.catalog.powers.models import Field, Power, PowerType
from quanze.catalog.powers.search_index import filter_text
from quanze.core.bulk import chunks
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


def _terms(q: str) -> list[str]:
    return [t.lower() for t in q.split()][:MAX_TERMS]


def _text(rows: QuerySet, q: str, snapshot: str) -> QuerySet:
    """Rows (entries or snapshot counts) whose power matches every term in the bigram
    index and whose published snapshot (`snapshot`, the path to it) holds each term."""
    terms = _terms(q)
    if not terms:
        return rows
    found = filter_text(Power.objects.all(), terms)
    return _text_of(rows.filter(power_id__in=found.values("pk")), terms, snapshot)


def _text_of(rows: QuerySet, terms: list[str], snapshot: str) -> QuerySet:
    """Rows whose published snapshot (`snapshot`, the path to it) holds each term in its
    code, name or sub-name."""
    for term in terms:
        rows = rows.filter(
            Q(**{f"{snapshot}data__code__icontains": term})
            | Q(**{f"{snapshot}data__name__icontains": term})
            | Q(**{f"{snapshot}data__sub_name__icontains": term})
        )
    return rows


def _published_as(rows: QuerySet, filters: SearchFilter, snapshot: str) -> QuerySet:
    if filters.power_type:
        rows = rows.filter(**{f"{snapshot}data__power_type": filters.power_type})
    if filters.field:
        rows = rows.filter(**{f"{snapshot}data__field": filters.field})
    return rows


def search_entries(filters: SearchFilter) -> QuerySet:
    """The rows of `search` counted from the entries of the lists in force (the unit
    filter's path; for every list in force, the reference `search` must equal)."""
    entries = _text(public_entries(), filters.q, "snapshot__")
    if filters.unit[:1] == "o" and filters.unit[1:].isdigit():
        entries = entries.filter(version__catalog__owner_id=int(filters.unit[1:]))
    elif filters.unit[:1] == "d" and filters.unit[1:].isdigit():
        entries = entries.filter(version__catalog__department_id=int(filters.unit[1:]))
    return (
        _published_as(entries, filters, "snapshot__")
        .values("power_id", "power__code")
        .annotate(lists=Count("version_id", distinct=True), snapshot_id=Max("snapshot_id"))
        .order_by("power__code", "power_id")
    )


def search(filters: SearchFilter) -> QuerySet | list[dict]:
    """Rows (power_id, lists, snapshot_id) ordered by code: one per item, `lists` counting
    the lists in force that hold it and `snapshot_id` one of its published snapshots (the
    newest matching one). Without a unit, a list (the paginator counts it in Python)."""
    if filters.unit:
        return search_entries(filters)
    terms = _terms(filters.q)
    rows = SnapshotReach.objects.filter(lists__gt=0)
    if not terms:  # every item (of a type or field): one grouped query
        return list(
            _published_as(rows, filters, "snapshot__")
            .values("power_id", "power__code")
            .annotate(lists=Sum("lists"), snapshot_id=Max("snapshot_id"))
            .order_by("power__code", "power_id")
        )
    # The matching powers' snapshot rows first, then the text re-check on those snapshots
    # by primary key: in one join PostgreSQL re-checked every snapshot's JSON (36 ms for
    # 17,236 at national size) instead of the 837 holding 执法.
    found = filter_text(Power.objects.all(), terms)
    reach = list(
        rows.filter(power_id__in=found.values("pk")).values_list(
            "snapshot_id", "power_id", "power__code", "lists"
        )
    )
    matching: set[int] = set()
    for ids in chunks([row[0] for row in reach]):
        snapshots = _text_of(PowerSnapshot.objects.filter(pk__in=ids), terms, "")
        matching |= set(_published_as(snapshots, filters, "").values_list("pk", flat=True))
    by_power: dict[int, dict] = {}
    for snapshot_id, power_id, code, lists in reach:
        if snapshot_id not in matching:
            continue
        row = by_power.setdefault(
            power_id, {"power_id": power_id, "power__code": code, "lists": 0, "snapshot_id": 0}
        )
        row["lists"] += lists
        row["snapshot_id"] = max(row["snapshot_id"], snapshot_id)
    return sorted(by_power.values(), key=lambda row: (row["power__code"], row["power_id"]))


def snapshots_of(rows) -> dict[int, dict]:
    """The published data shown for a page of results: snapshot id → data."""
    ids = [row["snapshot_id"] for row in rows]
    return dict(PowerSnapshot.objects.filter(pk__in=ids).values_list("pk", "data"))


UNIT_CHOICES_MAX = 500  # more units than this (a nation: 38,000) are not all offered


def _keeps(**unit) -> Exists:
    return Exists(Catalog.objects.filter(published=True, **unit))


def unit_choices(limit: int | None = None) -> list[tuple[str, str]] | None:
    """The units keeping a list in force: divisions (townships, the county) and
    departments; None when there are more than `limit` (a select of a nation's 38,000
    townships took 2 s to build and render; docs/performance.md, "A nation")."""
    divisions = Division.objects.filter(
        _keeps(owner=OuterRef("pk"), department__isnull=True)
    ).order_by("code")
    keeping = Catalog.objects.filter(published=True, department__isnull=False)
    departments = Department.objects.filter(pk__in=keeping.values("department_id")).order_by("name")
    if limit is not None:
        divisions, departments = divisions[: limit + 1], departments[: limit + 1]
    found = [(f"o{d.pk}", d.name) for d in divisions.only("pk", "name")]
    found += [(f"d{d.pk}", d.name) for d in departments.only("pk", "name")]
    return None if limit is not None and len(found) > limit else found


def unit_choice(unit: str) -> tuple[str, str] | None:
    """The choice for one unit key ("o<division id>", "d<department id>") if that unit
    keeps a list in force, labelled as `units_named` labels it."""
    key, pk = unit[:1], unit[1:]
    if not pk.isdigit():
        return None
    if key == "o":
        found = Division.objects.filter(_keeps(owner=OuterRef("pk"), department__isnull=True))
        above = "parent__name"
    elif key == "d":
        found = Department.objects.filter(_keeps(department=OuterRef("pk")))
        above = "division__name"
    else:
        return None
    row = found.filter(pk=int(pk)).values_list(above, "name").first()
    if row is None:
        return None
    return (unit, unit_label(*row))


UNITS_NAMED_MAX = 20  # more matches than this: ask for a fuller name


def units_named(text: str, limit: int = UNITS_NAMED_MAX) -> list[tuple[str, str]]:
    """Up to `limit` + 1 units keeping a list in force whose name, or its division's name
    followed by its own, contains `text` (spaces aside): the unit filter's choices past
    `UNIT_CHOICES_MAX`. Divisions first, by code, then departments; each labelled with its
    division's name unless its own name begins with it ("玉庄县 平阴镇": a township's
    name recurs across counties, so "玉庄县平阴镇" or "玉庄县 平阴镇" finds one). Each
    part is a scan of the names bounded by LIMIT (docs/performance.md, "A nation on
    PostgreSQL")."""
    text = "".join(text.split())
    divisions = (
        Division.objects.alias(full=Concat("parent__name", "name"))
        .filter(_keeps(owner=OuterRef("pk"), department__isnull=True), full__contains=text)
        .select_related("parent")
        .only("pk", "name", "parent__name")
        .order_by("code")[: limit + 1]
    )
    found = [
        (f"o{d.pk}", unit_label(d.parent.name if d.parent else None, d.name)) for d in divisions
    ]
    if len(found) > limit:
        return found
    departments = (
        Department.objects.alias(full=Concat("division__name", "name"))
        .filter(_keeps(department=OuterRef("pk")), full__contains=text)
        .select_related("division")
        .only("pk", "name", "division__name")
        .order_by("division__code", "name")[: limit + 1 - len(found)]
    )
    found += [(f"d{d.pk}", unit_label(d.division.name, d.name)) for d in departments]
    return found


def unit_label(above: str | None, name: str) -> str:
    """A unit's name after its division's, unless the name already begins with it
    (平阴县城市管理局)."""
    return name if not above or name.startswith(above) else f"{above} {name}"


def type_choices() -> list[str]:
    return list(PowerType.objects.order_by("position", "code").values_list("name", flat=True))


def field_choices() -> list[str]:
    return list(Field.objects.values_list("name", flat=True))
