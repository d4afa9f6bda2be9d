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

CHUNK = 500  # version ids per statement (SQLite's bound-parameter limit)

_ADD = """
INSERT INTO catalog_snapshotreach (snapshot_id, power_id, lists)
SELECT e.snapshot_id, e.power_id, {sign} COUNT(*)
FROM catalog_catalogentry e
WHERE e.version_id IN ({ids}) AND e.snapshot_id IS NOT NULL
GROUP BY e.snapshot_id, e.power_id
ON CONFLICT (snapshot_id) DO UPDATE SET lists = catalog_snapshotreach.lists + excluded.lists
"""

_FLAG = """
UPDATE catalog_catalog SET published = {true}
WHERE NOT published AND id IN (SELECT catalog_id FROM catalog_catalogversion WHERE id IN ({ids}))
"""


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _true() -> str:
    return "true" if connection.vendor == "postgresql" else "1"


def record(*, published: Iterable[int] = (), superseded: Iterable[int] = ()) -> None:
    """The versions `published` (now PUBLISHED, entries frozen) and `superseded` (were
    PUBLISHED, now SUPERSEDED): add and take off their entries' snapshots, flag their
    catalogs public. Additions first, so no count goes below 0 between statements."""
    published, superseded = sorted(set(published)), sorted(set(superseded))
    with connection.cursor() as cursor:
        for sign, ids in (("", published), ("-", superseded)):
            for chunk in _chunks(ids):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(_ADD.format(sign=sign, ids=marks), chunk)
        if superseded:
            cursor.execute("DELETE FROM catalog_snapshotreach WHERE lists <= 0")
        for chunk in _chunks(published):
            cursor.execute(_FLAG.format(true=_true(), ids=", ".join(["%s"] * len(chunk))), chunk)


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
