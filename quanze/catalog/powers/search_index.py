"""A narrow bigram index over `Power.search_text`, kept on every write of a power.

`search_text LIKE '%执法%'` reads every visible (wide) power row. Two-character words
are the usual Chinese search terms, and neither SQLite 3.40's FTS5 trigram tokenizer
nor PostgreSQL's pg_trgm can serve them, so the index holds the text's overlapping
two-character grams:

- SQLite: an FTS5 table `catalog_power_grams` (rowid = power id) whose text is the
  sequence of grams, each written as one ASCII token (`<hex>g<hex>` of its two code
  points). A term of n >= 2 characters is the FTS5 phrase of its n-1 grams: consecutive
  grams at consecutive positions are exactly the substring, so no re-check is needed.
- PostgreSQL: a table `catalog_power_grams (power_id, grams text[])` with a GIN index;
  a term's grams are looked up with `grams @> ARRAY[...]`, and terms of 3+ characters
  are re-checked with LIKE on the (few) candidates.

One-character terms keep the plain LIKE. Results are exactly those of
`search_text LIKE '%term%'` (quanze/catalog/powers/tests/test_search_index.py).

Every path that writes `search_text` calls `index_powers(ids)` afterwards (services,
importer, generator, test factory); `quanze reindex_powers` rebuilds the whole index.
"""

from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet
from django.db.models.expressions import RawSQL

from quanze.catalog.powers.models import Power

TABLE = "catalog_power_grams"
BATCH = 900  # ids per statement: under SQLite's host-parameter limit
LEAD_LIMIT = 5000  # up to this many matches, a search starts from the index (filter_text)


def search_text_of(power: Power) -> str:
    """The text a search looks through: names and codes, lower-cased for codes."""
    return search_text_for(power.code, power.name, power.sub_name)


def search_text_for(*parts: str) -> str:
    """`search_text_of` from the values (the importer builds rows, not models)."""
    return " ".join(p for p in parts if p).lower()


SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "grams, tokenize = 'unicode61', detail = 'full')"
)
POSTGRES_CREATE = [
    # No foreign key (as on SQLite): Django's flush truncates catalog_power without
    # CASCADE. A row of a deleted power matches nothing, as the search joins powers.
    f"CREATE TABLE IF NOT EXISTS {TABLE} (power_id integer PRIMARY KEY, grams text[] NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {TABLE}_gin ON {TABLE} USING gin (grams)",
]
# Distinct two-character grams of each power's text, computed by the database.
POSTGRES_FILL = (
    f"INSERT INTO {TABLE} (power_id, grams) "
    "SELECT p.id, ARRAY(SELECT DISTINCT substr(p.search_text, i, 2) "
    "FROM generate_series(1, char_length(p.search_text) - 1) AS i) "
    "FROM catalog_power p WHERE {where} "
    "ON CONFLICT (power_id) DO UPDATE SET grams = EXCLUDED.grams"
)


def grams(text: str) -> list[str]:
    """The overlapping two-character pieces of `text`, in order."""
    return [text[i : i + 2] for i in range(len(text) - 1)]


@lru_cache(maxsize=8192)
def gram_tokens(text: str) -> str:
    """`text` as FTS5 content: one ASCII token `<hex>g<hex>` per gram (its two code
    points), so the tokenizer keeps each whole. Loops in C: the importer runs this
    for every new power, and remembers the last texts: township lists repeat their
    catalog's codes and names, so most texts of a province's import come again."""
    hexes = list(map("{:x}".format, map(ord, text)))
    return " ".join(map("g".join, pairwise(hexes)))


def create_index() -> None:
    """Create the index table on this database (migration step; idempotent)."""
    with connection.cursor() as cursor:
        for sql in _create_statements():
            cursor.execute(sql)


def _create_statements() -> list[str]:
    if connection.vendor == "sqlite":
        return [SQLITE_CREATE]
    if connection.vendor == "postgresql":
        return POSTGRES_CREATE
    return []


def index_powers(ids: Iterable[int]) -> None:
    """(Re)index these powers from their current `search_text`; ids of deleted powers
    just drop out. Call after every write of `search_text`, inside its transaction."""
    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        marks = ", ".join(["%s"] * len(batch))
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DELETE FROM {TABLE} WHERE power_id IN ({marks})", batch)
                cursor.execute(POSTGRES_FILL.format(where=f"p.id IN ({marks})"), batch)
            elif connection.vendor == "sqlite":
                cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", batch)
                cursor.execute(
                    f"SELECT id, search_text FROM catalog_power WHERE id IN ({marks})", batch
                )
                rows = [(pk, gram_tokens(text)) for pk, text in cursor.fetchall()]
                cursor.executemany(f"INSERT INTO {TABLE} (rowid, grams) VALUES (%s, %s)", rows)


def index_texts(rows: Iterable[tuple[int, str]]) -> None:
    """`index_powers` for callers that hold the powers' new `search_text` already (the
    importer). On SQLite the text is not read back; PostgreSQL computes the grams itself
    (sending them from Python took longer: psycopg's array dumping, the same GIN work)."""
    rows = sorted(rows)  # in rowid order, as index_powers: FTS5 appends faster
    if connection.vendor != "sqlite":
        index_powers(pk for pk, _ in rows)
        return
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", [r[0] for r in batch])
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, grams) VALUES (%s, %s)",
                [(pk, gram_tokens(text)) for pk, text in batch],
            )


def index_id_range(after: int, last: int) -> None:
    """`index_powers` for the powers with ids in (after, last], the new rows of a bulk
    import: one statement on PostgreSQL, no list of ids. As every writer of the index, it
    replaces what the index holds for these ids: rows of deleted powers stay behind (a
    flush empties the powers' table, not this one, and restarts their ids), and a new
    power may take such an id again."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FILL.format(where="p.id > %s AND p.id <= %s"), [after, last])
        elif connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid > %s AND rowid <= %s", [after, last])
            cursor.execute(
                "SELECT id, search_text FROM catalog_power WHERE id > %s AND id <= %s ORDER BY id",
                [after, last],
            )
            while chunk := cursor.fetchmany(20_000):
                rows = [(pk, gram_tokens(text)) for pk, text in chunk]
                with connection.cursor() as inner:
                    inner.executemany(f"INSERT INTO {TABLE} (rowid, grams) VALUES (%s, %s)", rows)


def reindex_all() -> int:
    """Rebuild the whole index from `Power.search_text`; returns the number of powers."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(POSTGRES_FILL.format(where="TRUE"))
        elif connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute("SELECT id FROM catalog_power")
        ids = [pk for (pk,) in cursor.fetchall()]
    if connection.vendor == "sqlite":
        index_powers(ids)
    return len(ids)


def filter_text(qs: QuerySet, terms: list[str], *, lead: bool = True) -> QuerySet:
    """Powers of `qs` whose `search_text` contains every term (already lower-cased),
    through the index: one index lookup for all terms of 2+ characters, LIKE for the rest.

    How the database should use the index depends on how many powers match, so that
    is counted first (one narrow query, stopping at LEAD_LIMIT):
    - few matches: start from them (fetch by primary key, sort by code);
    - many (处罚: 56,694), or `lead=False` because other filters narrow `qs` already:
      walk the code order or the narrower filter and check each row (SQLite: against
      the matches; PostgreSQL: with LIKE, its faster plan there).
    SQLite needs the `+ 0` to stop its planner from starting at the index, PostgreSQL
    the `= ANY(ARRAY(...))` to stop it walking the code index when the matches are few
    but bunched (17,558 rows read for 50 of 执法's 2,868).
    """
    if connection.vendor not in ("sqlite", "postgresql"):
        return qs.filter(_like(terms))
    short = [t for t in terms if len(t) < 2]
    indexed = sorted({t for t in terms if len(t) >= 2})
    if not indexed:
        return qs.filter(_like(short))
    if connection.vendor == "sqlite":
        # Each term a phrase of its grams; FTS5 intersects them (AND) itself.
        query = " AND ".join(f'"{gram_tokens(t)}"' for t in indexed)
        sql, params = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [query]
        recheck = _like(short)
    else:
        sql = f"SELECT power_id FROM {TABLE} WHERE grams @> %s::text[]"
        params = [sorted({g for t in indexed for g in grams(t)})]
        # Holding a term's grams is not holding the term at 3+ characters: re-check.
        recheck = _like(short + [t for t in indexed if len(t) > 2])
    found = RawSQL(sql, params)
    if connection.vendor == "postgresql":
        # The matches' ids are read once and passed as an array: the planner reads the
        # gram arrays by a sequential scan (it prices each row's containment test, about
        # 40 grams, at one operator: 36-47 ms for 17,236 powers against 8 ms through the
        # GIN index), and a page ran that sub-query three times (count, page count,
        # page). docs/performance.md, "A nation on PostgreSQL".
        ids = _lead_ids(sql, params) if lead else None
        if ids is not None:
            return qs.filter(_AnyOf(F("pk"), RawSQL("%s::bigint[]", [ids]))).filter(recheck)
    elif lead and _count(sql, params) <= LEAD_LIMIT:
        return qs.filter(Q(pk__in=found) & recheck)
    if connection.vendor == "sqlite":
        return qs.alias(search_pk=F("pk") + 0).filter(Q(search_pk__in=found) & recheck)
    # PostgreSQL joins many matches by scanning both tables (166 ms for 处罚 within a
    # field against 73 ms for LIKE on the field's rows): LIKE is the better plan here.
    return qs.filter(_like(terms))


def _lead_ids(sql: str, params: list) -> list[int] | None:
    """The matching ids if there are at most LEAD_LIMIT, else None (one narrow query)."""
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} LIMIT {LEAD_LIMIT + 1}", params)
        ids = [row[0] for row in cursor.fetchall()]
    return ids if len(ids) <= LEAD_LIMIT else None


def _count(sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql} LIMIT {LEAD_LIMIT + 1}) AS found", params)
        return cursor.fetchone()[0]


class _AnyOf(Func):
    """`value = ANY(array)` (PostgreSQL)."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def _like(terms: list[str]) -> Q:
    found = Q()
    for term in terms:
        found &= Q(search_text__contains=term)
    return found
