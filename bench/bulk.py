"""Set-based loading for benchmark data: rows as plain tuples, written with COPY on
PostgreSQL (psycopg's `cursor.copy`) and with multi-row INSERTs on SQLite, with the
tables' secondary indexes dropped during the load and rebuilt once afterwards.

Rebuilding an index over the loaded table is one sort; keeping it during the load is
one B-tree insertion per row and index, which is what made event generation crawl
(about 1,000 events per second with 13 indexes to maintain).
"""

from contextlib import contextmanager

from django.db import connection, transaction

SQLITE_ROWS = 500  # rows per INSERT: 500 × 26 columns stays under SQLite's 32,766 variables


def _indexes(table: str) -> list[tuple[str, str]]:
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
    """Drop the tables' secondary indexes for the block, then create them again."""
    dropped = [index for table in tables for index in _indexes(table)]
    with connection.cursor() as cursor:
        for name, _ in dropped:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _, create in dropped:
                cursor.execute(create)


class Writer:
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
            connection.ensure_connection()
            copying = f"COPY {table} ({names}) FROM STDIN"
            with connection.connection.cursor() as cursor, cursor.copy(copying) as copy:
                for row in rows:
                    copy.write_row(row)
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
