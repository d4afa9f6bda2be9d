"""Publishing a decision to many township lists at once, with the guarantees of
`quanze.catalog.catalogs.services.version_publish` and a bounded number of queries.

For each township the new version is its last published list plus the
decision's powers (those not listed yet, appended in order), or, for a decision
returning items to the county (`removed`), without them; it is published
with the decision's document number and effective date and supersedes the
previous version. Every entry points at a snapshot of its power's current
content, shared by content as `freeze_snapshots` does. Queries do not grow
with the number of townships: entries are copied by one INSERT … SELECT, new
rows go through `quanze.core.bulk`, versions change state by one UPDATE each.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from quanze.catalog.catalogs import in_force
from quanze.catalog.documents.background import catalog_versions_after_commit
from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion, Power
from quanze.core import bulk
from quanze.core.bulk import IN_LIST, chunks
from quanze.core.errors import Forbidden, refuses_control_chars
from quanze.core.history import change_record, record_changes
from quanze.delegation.decisions.township_lists import current_snapshots, township_catalogs
from quanze.org.models import Division
from quanze.org.roles import divisions_managed

Status = CatalogVersion.Status


@dataclass(frozen=True)
class Published:
    versions: dict[int, int]  # township id -> new version id
    entries: int
    added: int
    removed: int = 0


def _require(by, townships: list[Division]) -> None:
    if any(not t.is_township for t in townships):
        raise ValidationError("只能向乡镇(街道)发布清单")
    if by is None:
        return
    managed = set(
        Division.objects.filter(
            divisions_managed(by), pk__in=[t.pk for t in townships]
        ).values_list("pk", flat=True)
    )
    if len(managed) != len({t.pk for t in townships}):
        raise Forbidden("只有编办可以发布本县(市、区)乡镇的清单")


def _copy_entries(pairs: list[tuple[int, int]], snapshots: dict[int, int], step=None) -> None:
    """Copy the entries of each old version into its new one, with current snapshots.

    One INSERT … SELECT per chunk of versions; the snapshot of each power comes from
    a VALUES list joined on power id (column1/column2 on SQLite and PostgreSQL alike).
    `step(n)` is told after each chunk how many versions it copied.
    """
    if not pairs or not snapshots:
        return
    table = CatalogEntry._meta.db_table
    snaps = list(snapshots.items())
    with connection.cursor() as cursor:
        for chunk in chunks(pairs):
            version_map = ", ".join(["(%s, %s)"] * len(chunk))
            power_map = ", ".join(["(%s, %s)"] * len(snaps))
            sql = (
                f"INSERT INTO {table} (version_id, power_id, position, set_kind, snapshot_id) "
                f"SELECT v.column2, e.power_id, e.position, e.set_kind, s.column2 "
                f"FROM {table} e "
                f"JOIN (VALUES {version_map}) v ON v.column1 = e.version_id "
                f"JOIN (VALUES {power_map}) s ON s.column1 = e.power_id"
            )
            params = [x for pair in chunk for x in pair] + [x for pair in snaps for x in pair]
            cursor.execute(sql, params)
            if step:
                step(len(chunk))


def _renumber(version_ids: list[int]) -> None:
    """Close the gaps removed entries leave: positions 1..n again, order kept (one UPDATE
    per chunk of versions; positions are not unique, so the update order does not matter)."""
    table = CatalogEntry._meta.db_table
    with connection.cursor() as cursor:
        for chunk in chunks(version_ids):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"UPDATE {table} SET position = (SELECT COUNT(*) FROM {table} e2 "
                f"WHERE e2.version_id = {table}.version_id AND (e2.position < {table}.position "
                f"OR (e2.position = {table}.position AND e2.id <= {table}.id))) "
                f"WHERE version_id IN ({marks})",
                chunk,
            )


@transaction.atomic
@refuses_control_chars(document_number="文号", note="说明")
def township_lists_publish(
    *,
    by,
    townships: list[Division],
    powers: list[Power],
    effective_date: date,
    document_number: str,
    note: str = "",
    set_kind: str = "",
    progress: Callable[[int, int], None] | None = None,
    removed: list[Power] = (),
) -> Published:
    """Publish, for every township, its list with `powers` added and `removed` taken off
    (see the module doc).

    `progress(done, total)` is called as townships are done (their entries copied; the
    last call, total of total, once everything is written), for a job's progress bar.
    """
    _require(by, townships)
    if not powers and not removed:
        raise ValidationError("决定没有事项,不能发布清单")
    if not townships:
        raise ValidationError("决定没有适用的乡镇(街道)")
    now = timezone.now()
    actor = by if by is not None and by.is_authenticated else None
    catalogs = township_catalogs(by, townships, now)
    catalog_ids = [c.pk for c in catalogs.values()]
    locked = []
    for chunk in chunks(catalog_ids):
        locked += list(
            Catalog.objects.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True)
        )
    published, numbers, drafts = {}, {}, []
    for chunk in chunks(catalog_ids):
        for vid, cid, number, status in CatalogVersion.objects.filter(
            catalog_id__in=chunk
        ).values_list("id", "catalog_id", "number", "status"):
            numbers[cid] = max(numbers.get(cid, 0), number)
            if status == Status.PUBLISHED:
                published[cid] = vid
            elif status == Status.DRAFT:
                drafts.append(cid)
    if drafts:
        names = [c.owner.name for c in catalogs.values() if c.pk in set(drafts)]
        raise ValidationError(
            f"{'、'.join(names[:5])}{'等' if len(names) > 5 else ''}{len(names)}个乡镇的清单有未发布的草稿,"
            "请先发布或处理草稿后再发布本决定"
        )
    new_versions = CatalogVersion.objects.bulk_create(
        [
            CatalogVersion(
                catalog_id=cid,
                number=numbers.get(cid, 0) + 1,
                status=Status.PUBLISHED,
                effective_date=effective_date,
                document_number=document_number.strip(),
                note=note.strip()[:500],
                published_at=now,
                published_by=actor,
            )
            for cid in catalog_ids
        ],
        batch_size=2000,
    )
    if new_versions and new_versions[0].pk is None:  # backends that do not return ids
        new_versions = list(
            CatalogVersion.objects.filter(catalog_id__in=catalog_ids, published_at=now)
        )
    new_by_catalog = {v.catalog_id: v.pk for v in new_versions}
    old_ids = list(published.values())
    # What the old lists hold: the distinct powers, each list's last position, and
    # which of the decision's powers are listed already.
    listed_powers, last_position, already = set(), {}, set()
    decision_ids = [p.pk for p in powers]
    for chunk in chunks(old_ids):
        entries = CatalogEntry.objects.filter(version_id__in=chunk)
        listed_powers |= set(entries.order_by().values_list("power_id", flat=True).distinct())
        last_position |= dict(
            entries.order_by()
            .values("version_id")
            .annotate(top=Max("position"))
            .values_list("version_id", "top")
        )
        already |= set(
            entries.filter(power_id__in=decision_ids).values_list("version_id", "power_id")
        )
    removed_ids = {p.pk for p in removed}
    # A power left out of the snapshot map is not copied (the copy joins on it).
    snapshots = current_snapshots(sorted((listed_powers - removed_ids) | set(decision_ids)))
    copy_pairs = [(published[cid], new_by_catalog[cid]) for cid in catalog_ids if cid in published]
    total, done = len(catalog_ids), [len(catalog_ids) - len(copy_pairs)]  # first lists: no copy

    def step(count: int) -> None:
        done[0] += count
        if progress and done[0] < total:
            progress(done[0], total)

    step(0)
    _copy_entries(copy_pairs, snapshots, step)
    dropped = 0
    if removed_ids:
        for chunk in chunks(old_ids):
            dropped += CatalogEntry.objects.filter(
                version_id__in=chunk, power_id__in=removed_ids
            ).count()
    added = []
    for cid in catalog_ids:
        old = published.get(cid)
        position = last_position.get(old, 0)
        for pid in decision_ids:
            if (old, pid) in already:
                continue
            position += 1
            added.append(
                CatalogEntry(
                    version_id=new_by_catalog[cid],
                    power_id=pid,
                    position=position,
                    set_kind=set_kind,
                    snapshot_id=snapshots[pid],
                )
            )
    bulk.insert(CatalogEntry, added, ["version", "power", "position", "set_kind", "snapshot"])
    if removed_ids:  # after the new entries, which were numbered after the old list's last
        _renumber([new for _, new in copy_pairs])
    for chunk in chunks(old_ids):
        CatalogVersion.objects.filter(pk__in=chunk).update(status=Status.SUPERSEDED)
    in_force.record(published=new_by_catalog.values(), superseded=old_ids)
    versions = {v.pk: v for v in new_versions}
    by_catalog = {c.pk: c for c in catalogs.values()}
    records = []
    for cid in catalog_ids:
        version = versions[new_by_catalog[cid]]
        version.catalog = by_catalog[cid]
        if cid in published:
            old = CatalogVersion(pk=published[cid], catalog=by_catalog[cid], number=numbers[cid])
            records.append(
                change_record(
                    old,
                    action="supersede",
                    actor=by,
                    at=now,
                    before={"status": "published"},
                    after={"status": "superseded"},
                    reason=f"被第{version.number}版取代",
                )
            )
        records.append(
            change_record(
                version,
                action="publish",
                actor=by,
                at=now,
                after={
                    "status": "published",
                    "document_number": document_number,
                    "effective_date": effective_date.isoformat(),
                },
                reason=note[:500],
            )
        )
    record_changes(records)
    catalog_versions_after_commit(new_by_catalog.values())  # their documents, in the background
    if progress:
        progress(total, total)
    entries = (
        CatalogEntry.objects.filter(version__in=new_versions).count()
        if len(new_versions) <= IN_LIST
        else sum(
            CatalogEntry.objects.filter(version_id__in=chunk).count()
            for chunk in chunks(list(versions))
        )
    )
    return Published(
        versions={by_catalog[cid].owner_id: new_by_catalog[cid] for cid in catalog_ids},
        entries=entries,
        added=len(added),
        removed=dropped,
    )
