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
`search_text LIKE '%term%'` (quanze/catalog/tests/test_search_index.py).

Every path that writes `search_text` calls `index_powers(ids)` afterwards (services,
importer, generator, test factory); `quanze reindex_powers` rebuilds the whole index.
"""

from collections.abc import Iterable

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

TABLE = "catalog_power_grams"
BATCH = 900  # ids per statement: under SQLite's host-parameter limit

SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "grams, tokenize = 'unicode61', detail = 'full')"
)
POSTGRES_CREATE = [
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    " power_id integer PRIMARY KEY REFERENCES catalog_power (id) ON DELETE CASCADE"
    " DEFERRABLE INITIALLY DEFERRED, grams text[] NOT NULL)",
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


def _token(gram: str) -> str:
    return f"{ord(gram[0]):x}g{ord(gram[1]):x}"


def gram_tokens(text: str) -> str:
    """`text` as FTS5 content: one ASCII token per gram, so the tokenizer keeps each whole."""
    return " ".join(_token(g) for g in grams(text))


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


def reindex_all() -> int:
    """Rebuild the whole index from `Power.search_text`; returns the number of powers."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {TABLE}")
            cursor.execute(POSTGRES_FILL.format(where="TRUE"))
        elif connection.vendor == "sqlite":
            cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute("SELECT id FROM catalog_power")
        ids = [pk for (pk,) in cursor.fetchall()]
    if connection.vendor == "sqlite":
        index_powers(ids)
    return len(ids)


def term_filter(term: str) -> Q:
    """Powers whose `search_text` contains `term` (already lower-cased), through the index."""
    if len(term) < 2 or connection.vendor not in ("sqlite", "postgresql"):
        return Q(search_text__contains=term)
    if connection.vendor == "sqlite":
        phrase = '"' + gram_tokens(term) + '"'
        sql = f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s"
        return Q(pk__in=RawSQL(sql, [phrase]))
    sql = f"SELECT power_id FROM {TABLE} WHERE grams @> %s::text[]"
    found = Q(pk__in=RawSQL(sql, [sorted(set(grams(term)))]))
    return found if len(term) == 2 else found & Q(search_text__contains=term)
