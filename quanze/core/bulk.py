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

from django.db import connection

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
