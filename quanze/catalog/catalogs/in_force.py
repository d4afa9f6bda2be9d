"""What is in force, kept alongside the versions: each published snapshot's count of the
lists in force holding it (`SnapshotReach`) and each catalog's `published` flag.

Every place that makes a catalog version PUBLISHED or SUPERSEDED calls `record` in the
same transaction, after the entries and statuses are written: `catalogs.services.
version_publish`, `delegation.decisions.publishing` (one decision publishing many
townships' lists), and the generators and bench loaders, which write versions set-based
and call `rebuild` once at the end. Each is a few set-based statements: the entries of the
versions published add one to their snapshot's row, those of the versions superseded take
one off, rows at 0 are deleted. Derived data: no ChangeRecord (the versions' own records
say what changed).
"""

from collections.abc import Iterable

from django.db import connection

from quanze.core.bulk import chunks

# Rows upserted in snapshot order, additions and removals in one statement on PostgreSQL:
# two publications sharing snapshots (every township list holds its province's guiding
# items) lock them in the same order and wait for each other instead of deadlocking.
# Grouped by the snapshot alone (it has one power): PostgreSQL's estimate for the pair
# took a sort of every entry instead of a hash of a few hundred snapshots.
_UPSERT = """
INSERT INTO catalog_snapshotreach (snapshot_id, power_id, lists)
SELECT e.snapshot_id, MAX(e.power_id), SUM({sign})
FROM {versions}
JOIN catalog_catalogentry e ON e.version_id = v.id
WHERE e.snapshot_id IS NOT NULL
GROUP BY e.snapshot_id
ORDER BY e.snapshot_id
ON CONFLICT (snapshot_id) DO UPDATE SET lists = catalog_snapshotreach.lists + excluded.lists
"""

_FLAG = """
UPDATE catalog_catalog SET published = {true}
WHERE NOT published AND id IN (SELECT catalog_id FROM catalog_catalogversion WHERE id {ids})
"""


def _upserts(published: list[int], superseded: list[int]):
    """(sql, params) adding `published` and taking off `superseded`: one statement on
    PostgreSQL (the versions as an array of (id, +1/-1)), chunks elsewhere (additions
    first, so no count goes below 0 between statements)."""
    if connection.vendor == "postgresql":
        versions = "unnest(%s::bigint[], %s::integer[]) AS v(id, sign)"
        signs = [1] * len(published) + [-1] * len(superseded)
        yield _UPSERT.format(sign="v.sign", versions=versions), [published + superseded, signs]
        return
    for sign, ids in ((1, published), (-1, superseded)):
        for chunk in chunks(ids):
            marks = ", ".join(["%s"] * len(chunk))
            versions = "catalog_catalogversion v"
            sql = _UPSERT.format(sign=str(sign), versions=versions).replace(
                "WHERE e.snapshot_id", f"WHERE v.id IN ({marks}) AND e.snapshot_id"
            )
            yield sql, chunk


def record(*, published: Iterable[int] = (), superseded: Iterable[int] = ()) -> None:
    """The versions `published` (now PUBLISHED, entries frozen) and `superseded` (were
    PUBLISHED, now SUPERSEDED): add and take off their entries' snapshots, flag their
    catalogs public."""
    published, superseded = sorted(set(published)), sorted(set(superseded))
    if not published and not superseded:
        return
    with connection.cursor() as cursor:
        for sql, params in _upserts(published, superseded):
            cursor.execute(sql, params)
        if superseded:
            cursor.execute("DELETE FROM catalog_snapshotreach WHERE lists <= 0")
        if connection.vendor == "postgresql":
            cursor.execute(_FLAG.format(true="true", ids="= ANY(%s)"), [published])
        else:
            for chunk in chunks(published):
                marks = f"IN ({', '.join(['%s'] * len(chunk))})"
                cursor.execute(_FLAG.format(true="1", ids=marks), chunk)


# The same two statements are copied into migration 0010 (a migration does not import
# live code): change both together.
REBUILD = [
    "DELETE FROM catalog_snapshotreach",
    """INSERT INTO catalog_snapshotreach (snapshot_id, power_id, lists)
    SELECT e.snapshot_id, e.power_id, COUNT(*)
    FROM catalog_catalogentry e
    JOIN catalog_catalogversion v ON v.id = e.version_id
    WHERE v.status = 'published' AND e.snapshot_id IS NOT NULL
    GROUP BY e.snapshot_id, e.power_id""",
    """UPDATE catalog_catalog SET published = EXISTS (
        SELECT 1 FROM catalog_catalogversion v
        WHERE v.catalog_id = catalog_catalog.id
          AND v.published_at IS NOT NULL AND v.status <> 'draft')""",
]


def rebuild() -> int:
    """Recompute everything from the entries and versions (after a set-based load, or to
    check); returns the number of snapshot rows."""
    with connection.cursor() as cursor:
        for sql in REBUILD:
            cursor.execute(sql)
        cursor.execute("SELECT COUNT(*) FROM catalog_snapshotreach")
        return cursor.fetchone()[0]
