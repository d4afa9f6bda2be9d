"""Reads of powers, catalogs and versions. Every object fetch goes through an access_*."""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from quanze.catalog import access
from quanze.catalog.layout import POWER_KEYS, entry_data
from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion, Citation, ImportJob, Power
from quanze.catalog.search_index import filter_text
from quanze.core.errors import NotFound


def _get(qs, pk, what: str):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(what) from None


def access_power(user, power_id, *, for_write: bool = False) -> Power:
    qs = access.powers_writable(user) if for_write else access.powers_readable(user)
    qs = qs.select_related("power_type", "field", "department", "owner", "parent")
    return _get(qs, power_id, "权力事项")


def access_catalog(user, catalog_id, *, for_write: bool = False) -> Catalog:
    qs = access.catalogs_writable(user) if for_write else access.catalogs_readable(user)
    return _get(qs.select_related("owner", "department"), catalog_id, "目录")


def access_version(user, version_id, *, for_write: bool = False) -> CatalogVersion:
    qs = access.versions_readable(user).select_related("catalog", "catalog__owner", "published_by")
    if for_write:
        qs = qs.filter(catalog__in=access.catalogs_writable(user))
    return _get(qs, version_id, "目录版本")


def access_import(user, job_id) -> ImportJob:
    qs = ImportJob.objects.filter(catalog__in=access.catalogs_writable(user)).select_related(
        "catalog"
    )
    return _get(qs, job_id, "导入任务")


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
    qs = access.powers_readable(user)
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
        entries = CatalogEntry.objects.filter(version__in=access.versions_readable(user))
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


def catalog_list(user) -> QuerySet[Catalog]:
    return (
        access.catalogs_readable(user)
        .select_related("owner", "department")
        .annotate(version_count=Count("versions", distinct=True))
    )


def catalog_versions(user, catalog: Catalog) -> QuerySet[CatalogVersion]:
    return (
        access.versions_readable(user)
        .filter(catalog=catalog)
        .annotate(entry_count=Count("entries"))
        .order_by("-number")
    )


def version_entries(version: CatalogVersion) -> QuerySet[CatalogEntry]:
    return (
        CatalogEntry.objects.filter(version=version)
        .select_related(
            "snapshot", "power", "power__power_type", "power__field", "power__department"
        )
        .order_by("position")
    )


def version_entry_values(version: CatalogVersion) -> QuerySet:
    """(entry id, power id, position, set kind, snapshot data or None), in list order."""
    return (
        CatalogEntry.objects.filter(version=version)
        .order_by("position")
        .values_list("pk", "power_id", "position", "set_kind", "snapshot__data")
    )


def version_power_rows(version: CatalogVersion) -> list[tuple[int, dict]]:
    """(power id, row of the standard layout) for each entry, in list order.

    A published entry shows its frozen snapshot, so only the snapshot's data is read
    (one query, no model instances); live powers are loaded only for entries
    without one (drafts), by a second query.
    """
    entries = list(version_entry_values(version))
    live = {}
    if any(data is None for *_, data in entries):
        live = {
            entry.pk: entry_data(entry)
            for entry in version_entries(version).filter(snapshot__isnull=True)
        }
    rows = []
    for pk, power_id, position, set_kind, data in entries:
        if data is None:
            rows.append((power_id, live[pk]))
        else:
            rows.append((power_id, {**data, "position": position, "set_kind": set_kind}))
    return rows


def version_rows(version: CatalogVersion) -> list[dict]:
    """The version as rows of the standard layout, in list order."""
    return [row for _, row in version_power_rows(version)]


@dataclass
class VersionDiff:
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, list[tuple[str, object, object]]]] = field(default_factory=list)
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def version_diff(old: CatalogVersion, new: CatalogVersion) -> VersionDiff:
    """Items added, removed and changed (field by field) from `old` to `new`, keyed by code."""
    before = {row["code"]: row for row in version_rows(old)}
    after = {row["code"]: row for row in version_rows(new)}
    diff = VersionDiff()
    for code, row in after.items():
        if code not in before:
            diff.added.append(row)
            continue
        changes = _field_changes(before[code], row)
        if changes:
            diff.changed.append((row, changes))
        else:
            diff.unchanged += 1
    diff.removed = [row for code, row in before.items() if code not in after]
    return diff


def _field_changes(old: dict, new: dict) -> list[tuple[str, object, object]]:
    keys = [*POWER_KEYS, "set_kind"]
    changes = [
        (key, old.get(key, ""), new.get(key, ""))
        for key in keys
        if old.get(key, "") != new.get(key, "")
    ]
    old_extra, new_extra = old.get("extra") or {}, new.get("extra") or {}
    for key in dict.fromkeys([*old_extra, *new_extra]):
        if old_extra.get(key, "") != new_extra.get(key, ""):
            changes.append((key, old_extra.get(key, ""), new_extra.get(key, "")))
    return changes


def previous_version(version: CatalogVersion) -> CatalogVersion | None:
    return (
        CatalogVersion.objects.filter(catalog_id=version.catalog_id, number__lt=version.number)
        .order_by("-number")
        .first()
    )


def catalog_with_versions(user, catalog_id) -> Catalog:
    catalog = access_catalog(user, catalog_id)
    catalog.version_list = list(catalog_versions(user, catalog))
    return catalog


def power_entries(user, power: Power) -> QuerySet[CatalogEntry]:
    """The catalog versions the user may read that list this power."""
    return (
        CatalogEntry.objects.filter(power=power, version__in=access.versions_readable(user))
        .select_related("version", "version__catalog")
        .order_by("version__catalog__name", "-version__number")
    )
