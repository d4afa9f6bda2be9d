"""A nation: one province plan per real province code, the list entries loaded set-based.

The 31 provinces of the mainland with their real codes (GB/T 2260). `quanze generate
--nation` splits the townships evenly over them; each province is `province.build_plan`
with its own code and its own stream of the seed. Everything but the list entries is
written by `fabricate.Fabricator` as for one province (history rows included); the
entries (13 M at full size) are kept as one array of power ids per published version and
loaded at the end on PostgreSQL by one INSERT … SELECT over `unnest … WITH ORDINALITY`
with the entry table's secondary indexes and foreign keys dropped and rebuilt, then
ANALYZE. On SQLite (tests, small sizes) they are bulk-inserted as for one province, so
the same arguments give the same rows on both databases.
"""

from django.db import connection

from quanze.core.bulk import without_secondary_indexes

PROVINCES = [
    ("110000000000", "北京市"),
    ("120000000000", "天津市"),
    ("130000000000", "河北省"),
    ("140000000000", "山西省"),
    ("150000000000", "内蒙古自治区"),
    ("210000000000", "辽宁省"),
    ("220000000000", "吉林省"),
    ("230000000000", "黑龙江省"),
    ("310000000000", "上海市"),
    ("320000000000", "江苏省"),
    ("330000000000", "浙江省"),
    ("340000000000", "安徽省"),
    ("350000000000", "福建省"),
    ("360000000000", "江西省"),
    ("370000000000", "山东省"),
    ("410000000000", "河南省"),
    ("420000000000", "湖北省"),
    ("430000000000", "湖南省"),
    ("440000000000", "广东省"),
    ("450000000000", "广西壮族自治区"),
    ("460000000000", "海南省"),
    ("500000000000", "重庆市"),
    ("510000000000", "四川省"),
    ("520000000000", "贵州省"),
    ("530000000000", "云南省"),
    ("540000000000", "西藏自治区"),
    ("610000000000", "陕西省"),
    ("620000000000", "甘肃省"),
    ("630000000000", "青海省"),
    ("640000000000", "宁夏回族自治区"),
    ("650000000000", "新疆维吾尔自治区"),
]
# The national figures (issue 16): about 38,000 townships holding some 340 items each.
# Source 001 claims 288 of 471 on average: a catalog of 556 items gives 340.
NATION_TOWNSHIPS, NATION_ITEMS = 38_000, 556


def split(total: int, parts: int) -> list[int]:
    """`total` spread evenly over `parts`, the first ones taking the remainder."""
    return [total // parts + (1 if k < total % parts else 0) for k in range(parts)]


class DeferredEntries:
    """The claims of every province's published versions, loaded in one statement."""

    def __init__(self):
        self.items: list[tuple[int, int, str]] = []  # power id, snapshot id, set kind
        self.claims: list[tuple[int, list[int]]] = []  # version id, power ids in order
        self.count = 0

    def add(self, versions, powers, snapshots, items, claims) -> int:
        self.items += [
            (p.pk, s.pk, item.set_kind) for p, s, item in zip(powers, snapshots, items, strict=True)
        ]
        written = 0
        for version, claimed in zip(versions, claims, strict=True):
            self.claims.append((version.pk, [powers[i].pk for i in claimed]))
            written += len(claimed)
        self.count += written
        return written

    def load(self) -> int:
        """Write the entries: set-based on PostgreSQL, bulk inserts elsewhere."""
        if connection.vendor != "postgresql":
            return self._insert()
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE generate_item (power_id bigint PRIMARY KEY, "
                "snapshot_id bigint, set_kind varchar(10)) ON COMMIT DROP"
            )
            cursor.execute(
                "CREATE TEMPORARY TABLE generate_claim (version_id bigint, power_ids bigint[]) "
                "ON COMMIT DROP"
            )
            raw = cursor.cursor
            with raw.copy("COPY generate_item FROM STDIN") as copy:
                for row in self.items:
                    copy.write_row(row)
            with raw.copy("COPY generate_claim FROM STDIN") as copy:
                for version_id, power_ids in self.claims:
                    copy.write(f"{version_id}\t{{{','.join(map(str, power_ids))}}}\n")
            cursor.execute("ANALYZE generate_item")
            cursor.execute("ANALYZE generate_claim")
            with without_secondary_indexes(cursor, "catalog_catalogentry"):
                cursor.execute(
                    "INSERT INTO catalog_catalogentry "
                    "(version_id, power_id, position, set_kind, snapshot_id) "
                    "SELECT c.version_id, u.power_id, u.position, i.set_kind, i.snapshot_id "
                    "FROM generate_claim c "
                    "CROSS JOIN LATERAL unnest(c.power_ids) WITH ORDINALITY u(power_id, position) "
                    "JOIN generate_item i ON i.power_id = u.power_id"
                )
                written = cursor.rowcount
            cursor.execute("ANALYZE")
        return written

    def _insert(self) -> int:
        from quanze.catalog.models import CatalogEntry

        item = {power_id: (snapshot_id, kind) for power_id, snapshot_id, kind in self.items}
        rows = [
            CatalogEntry(
                version_id=version_id,
                power_id=power_id,
                position=position,
                set_kind=item[power_id][1],
                snapshot_id=item[power_id][0],
            )
            for version_id, power_ids in self.claims
            for position, power_id in enumerate(power_ids, start=1)
        ]
        CatalogEntry.objects.bulk_create(rows, batch_size=5000)
        return len(rows)
