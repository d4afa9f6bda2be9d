"""Inserting many model instances with one prepared INSERT run for many rows.

Django's bulk_create compiles every value through the generic SQL compiler, which
costs more than the database work for the tens of thousands of rows an import
writes. This writes the same rows (values prepared by each field, so JSON and
datetimes are adapted as Django would) in plain SQL that both SQLite and
PostgreSQL accept (COPY on PostgreSQL). It neither sets primary keys nor sends signals; callers that
need ids read them back in one query.
"""

import json
from contextlib import contextmanager

from django.db import connection, transaction

BATCH = 5000


def _preparer(field):
    """Each field's own adaptation, remembered for repeated values: an import stamps every
    row with the same time and most rows with the same empty dict."""
    kind = field.get_internal_type()
    if kind not in ("JSONField", "DateTimeField", "DateField"):
        return None
    seen = {}
    adapt = field.get_db_prep_save
    if kind == "JSONField" and connection.vendor == "sqlite":
        # SQLite stores the JSON text as given: UTF-8 keeps a Chinese character at 3 bytes
        # where Django's default \uXXXX takes 6 (history records of an import are mostly
        # Chinese text, half the database). Django reads both back the same. One encoder
        # for every row (json.dumps would build one per value).
        encode = (field.encoder or json.JSONEncoder)(ensure_ascii=False).encode

        def adapt(value, _connection):
            return None if value is None else encode(value)

    def prepare(value):
        key = ("{}",) if value == {} else value if not isinstance(value, dict | list) else None
        if key is None:
            return adapt(value, connection)
        if key not in seen:
            seen[key] = adapt(value, connection)
        return seen[key]

    return prepare


IN_LIST = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit


def chunks(ids: list, size: int = IN_LIST):
    """`ids` in slices of `size`, for one `IN (...)` list each."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def insert(model, objs, fields: list[str]) -> None:
    """Insert model instances (or any objects with the fields' attributes)."""
    if not objs:
        return
    attnames = [model._meta.get_field(name).attname for name in fields]
    insert_rows(model, [[getattr(obj, a) for a in attnames] for obj in objs], fields)


def insert_rows(model, rows, fields: list[str]) -> None:
    """Insert plain rows: sequences of values in `fields` order (FKs as ids).

    The fastest way in for callers that build many rows: no model instance per row.
    Only JSON and date/time columns go through their field's adaptation."""
    if not rows:
        return
    meta = model._meta
    concrete = [meta.get_field(name) for name in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in concrete)
    placeholders = ", ".join(["%s"] * len(concrete))
    table = connection.ops.quote_name(meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
    prepared = [(i, prepare) for i, f in enumerate(concrete) if (prepare := _preparer(f))]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            if prepared:
                batch = [list(row) for row in batch]
                for row in batch:
                    for i, prepare in prepared:
                        row[i] = prepare(row[i])
            if connection.vendor == "postgresql":
                _copy(cursor.cursor, table, columns, batch)
            else:  # one prepared statement run for many rows, looped in C
                cursor.executemany(sql, batch)


def _copy(raw_cursor, table: str, columns: str, rows: list[list]) -> None:
    """PostgreSQL's COPY: the fastest way in, several times faster than INSERTs."""
    with raw_cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


@contextmanager
def without_secondary_indexes(cursor, table: str):
    """Bulk-load a PostgreSQL table as its manual says: drop its foreign keys, unique
    constraints and other indexes (the primary key stays), load, then build them back (one
    sorted build and one validating join each, instead of 13 M index insertions and 26 M
    deferred foreign-key checks: hours on a loaded 2-core machine).

    Inside a transaction that already wrote rows, their deferred foreign-key checks run
    first (SET CONSTRAINTS ALL IMMEDIATE): PostgreSQL cannot alter a table with pending
    trigger events."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('f', 'u')",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
        [table, table],
    )
    indexes = cursor.fetchall()
    for name, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    yield
    for _name, definition in indexes:
        cursor.execute(definition)
    for name, definition in constraints:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")


# Generators (`quanze generate_events`, the benchmarks' data) write plain tuples for whole
# tables: COPY on PostgreSQL, multi-row INSERTs on SQLite, the tables' plain secondary indexes
# dropped during the load and rebuilt once afterwards. Rebuilding an index over the loaded
# table is one sort; keeping it during the load is one B-tree insertion per row and index
# (about 1,000 events per second with 13 indexes to maintain).

SQLITE_ROWS = 500  # rows per INSERT: 500 × 26 columns stays under SQLite's 32,766 variables


def plain_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's secondary indexes: not the primary key,
    not an index backing a constraint (those cannot be dropped as indexes)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        else:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
                "AND i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM "
                "pg_constraint c WHERE c.conname = i.indexname)",
                [table],
            )
        return list(cursor.fetchall())


@contextmanager
def without_indexes(*tables: str):
    """Drop the tables' plain secondary indexes for the block (not the primary key, not the
    indexes behind unique constraints: see `without_secondary_indexes` for those), then
    create them again. When the block fails inside a transaction the rollback brings them
    back, so they are not created in the failed transaction (that would hide the error)."""
    dropped = [index for table in tables for index in plain_indexes(table)]
    with connection.cursor() as cursor:
        for name, _ in dropped:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    except BaseException:
        if not connection.in_atomic_block:
            _create(dropped)
        raise
    _create(dropped)


def _create(indexes: list[tuple[str, str]]) -> None:
    with connection.cursor() as cursor:
        for _, create in indexes:
            cursor.execute(create)


class TableWriter:
    """Buffered rows per table. `tick()` (called between complete units of rows) writes
    every table once one buffer is full, in the order given (referenced tables first),
    so the foreign keys hold at each commit."""

    def __init__(self, columns: dict[str, list[str]], batch: int = 50_000):
        self.columns, self.batch = columns, batch
        self.rows: dict[str, list[tuple]] = {table: [] for table in columns}
        self.written: dict[str, int] = dict.fromkeys(columns, 0)

    def add(self, table: str, row: tuple) -> None:
        self.rows[table].append(row)

    def tick(self) -> None:
        if any(len(rows) >= self.batch for rows in self.rows.values()):
            self.flush()

    @transaction.atomic
    def flush(self) -> None:
        for table in self.columns:
            self._write(table)

    def _write(self, table: str) -> None:
        rows, columns = self.rows[table], self.columns[table]
        if not rows:
            return
        names = ", ".join(columns)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                _copy(cursor.cursor, table, names, rows)
        else:
            one = "(" + ", ".join(["?"] * len(columns)) + ")"
            connection.ensure_connection()
            raw = connection.connection  # sqlite3: qmark parameters, no Django rewriting
            full = f"INSERT INTO {table} ({names}) VALUES " + ", ".join([one] * SQLITE_ROWS)
            cut = len(rows) - len(rows) % SQLITE_ROWS
            for start in range(0, cut, SQLITE_ROWS):
                chunk = rows[start : start + SQLITE_ROWS]
                raw.execute(full, [value for row in chunk for value in row])
            if cut < len(rows):
                rest = rows[cut:]
                raw.execute(
                    f"INSERT INTO {table} ({names}) VALUES " + ", ".join([one] * len(rest)),
                    [value for row in rest for value in row],
                )
        self.written[table] += len(rows)
        rows.clear()


def reset_sequence(table: str) -> None:
    """After rows were written with explicit ids: PostgreSQL's id sequence past them."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        )
