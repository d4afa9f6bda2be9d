"""Reads of catalogs and versions, and who may see and change them: the one place that
decides (the power register's reach, in `powers.selectors`, builds on this one).

Rules (issue 2):
- the establishment office reads and writes everything of its county, and reads
  the catalogs of the province and city above it;
- the justice bureau reads what the office reads and writes nothing here;
- a department clerk reads its own department's catalogs and powers, and the
  published versions of the others in reach; it writes its own department's
  powers and the drafts of its own department's catalogs;
- a township clerk reads its own township's catalogs and the published versions
  in reach; it writes the drafts of its own township's catalogs;
- the public reads published versions only.

Every object fetch goes through an access_*.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from quanze.catalog.catalogs.layout import POWER_KEYS, entry_data
from quanze.catalog.catalogs.models import Catalog, CatalogEntry, CatalogVersion
from quanze.core.errors import Forbidden, NotFound
from quanze.org.roles import (
    divisions_in_reach,
    divisions_managed,
    is_county_wide,
    is_department_clerk,
    is_office,
    is_township_clerk,
)

PUBLISHED = CatalogVersion.Status.PUBLISHED


def fetch(qs: QuerySet, pk, what: str):
    """The object `pk` of `qs`; a missing, forbidden or malformed id is the same
    NotFound(what), so a user cannot tell what exists beyond their reach."""
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(what) from None


def _own_catalogs(user) -> Q:
    """Catalogs the user's own unit keeps (beyond what the county-wide roles read)."""
    if is_department_clerk(user):
        return Q(department_id=user.department_id)
    if is_township_clerk(user):
        return Q(owner_id=user.township_id)
    return Q(pk__in=[])


def catalogs_readable(user) -> QuerySet[Catalog]:
    has_published = Exists(CatalogVersion.objects.filter(catalog=OuterRef("pk"), status=PUBLISHED))
    if not user.is_authenticated:
        return Catalog.objects.filter(has_published)
    in_reach = Catalog.objects.filter(divisions_in_reach(user, prefix="owner__"))
    if is_county_wide(user):
        return in_reach
    return in_reach.filter(_own_catalogs(user) | Q(has_published))


def catalogs_writable(user) -> QuerySet[Catalog]:
    if is_office(user):
        return Catalog.objects.filter(divisions_managed(user, prefix="owner__"))
    if is_department_clerk(user) or is_township_clerk(user):
        return Catalog.objects.filter(divisions_in_reach(user, prefix="owner__")).filter(
            _own_catalogs(user)
        )
    return Catalog.objects.none()


def versions_readable(user) -> QuerySet[CatalogVersion]:
    versions = CatalogVersion.objects.filter(catalog__in=catalogs_readable(user))
    if is_county_wide(user):
        return versions
    if not user.is_authenticated:
        return versions.filter(status=PUBLISHED)
    own = CatalogVersion.objects.filter(catalog__in=catalogs_writable(user)).values("pk")
    return versions.filter(
        Q(status__in=[PUBLISHED, CatalogVersion.Status.SUPERSEDED]) | Q(pk__in=own)
    )


def can_publish(user, catalog: Catalog) -> bool:
    """Only the establishment office publishes lists of its county."""
    return is_office(user) and catalogs_writable(user).filter(pk=catalog.pk).exists()


def require_catalog_write(by, catalog: Catalog, message: str = "无权修改该目录") -> None:
    """Refuse (Forbidden, with the caller's message) a user who may not write `catalog`;
    `by=None` is a system job and may."""
    if by is not None and not catalogs_writable(by).filter(pk=catalog.pk).exists():
        raise Forbidden(message)


def access_catalog(user, catalog_id, *, for_write: bool = False) -> Catalog:
    qs = catalogs_writable(user) if for_write else catalogs_readable(user)
    return fetch(qs.select_related("owner", "department"), catalog_id, "目录")


def access_version(user, version_id, *, for_write: bool = False) -> CatalogVersion:
    qs = versions_readable(user).select_related("catalog", "catalog__owner", "published_by")
    if for_write:
        qs = qs.filter(catalog__in=catalogs_writable(user))
    return fetch(qs, version_id, "目录版本")


def catalog_list(user) -> QuerySet[Catalog]:
    return (
        catalogs_readable(user)
        .select_related("owner", "department")
        .annotate(version_count=Count("versions", distinct=True))
    )


def catalog_versions(user, catalog: Catalog) -> QuerySet[CatalogVersion]:
    return (
        versions_readable(user)
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


def catalog_directory(*, q: str = "") -> QuerySet[Catalog]:
    """Every catalog with its versions, for the operator's `quanze catalogs` (the ids that
    `import_catalog --catalog` and `export_catalog --version` take); `q` filters by name
    or by the owning division's name or code."""
    rows = Catalog.objects.select_related("owner", "department").prefetch_related("versions")
    if q:
        rows = rows.filter(
            Q(name__contains=q) | Q(owner__name__contains=q) | Q(owner__code__startswith=q)
        )
    return rows.order_by("owner__code", "name")
