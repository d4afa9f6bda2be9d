"""One migrated database per test run, copied wherever the run needs a migrated database.

Migrating a new database costs a process some 35-40 s of CPU on the 2-core machines the
suite runs on (Django applies and renders some fifty migrations). A run used to pay it in
every xdist worker, in the tiny benchmarks and in each test that starts a site in real
processes. Now the first of them to need one migrates a template, in a process of its own
and under a file lock shared by the run's workers; every other copies it:
PostgreSQL's `CREATE DATABASE … TEMPLATE`, SQLite's backup API into a worker's in-memory
test database, or a copy of the SQLite file.

The template is built with `quanze migrate`, the command a deployment runs, so a test
database is the schema a site has, cache table included (portal migration 0002)."""

import fcntl
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db.backends.base.creation import TEST_DATABASE_PREFIX

POSTGRESQL = "postgresql"
SQLITE = "sqlite"


@dataclass(frozen=True)
class Template:
    vendor: str  # POSTGRESQL or SQLITE
    name: str  # the PostgreSQL database's name, or the SQLite file's path


def migrated_template(shared_dir: Path, settings_dict: dict) -> Template:
    """The run's template for the database `settings_dict` describes, migrated by the first
    caller; the others wait on the lock and read what it wrote."""
    shared_dir.mkdir(parents=True, exist_ok=True)
    marker = shared_dir / "db-template.json"
    with _locked(shared_dir / "db-template.lock"):
        if marker.exists():
            return Template(**json.loads(marker.read_text(encoding="utf-8")))
        template = _build(shared_dir, settings_dict)
        marker.write_text(json.dumps(asdict(template)), encoding="utf-8")
        return template


def drop_template(template: Template, settings_dict: dict) -> None:
    """At the end of the run: drop a PostgreSQL template (a SQLite one goes with the run's
    temporary folder)."""
    if template.vendor == POSTGRESQL:
        drop_database(settings_dict, template.name)


def database_url(settings_dict: dict, name: str) -> str:
    """A `DATABASE_URL` for database `name` on the PostgreSQL server of `settings_dict`."""
    password = f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else ""
    host = f"{settings_dict['HOST'] or 'localhost'}:{settings_dict['PORT'] or 5432}"
    return f"postgres://{settings_dict['USER']}{password}@{host}/{name}"


def copy_database(template: Template, settings_dict: dict, name: str) -> None:
    """A new PostgreSQL database `name`, or SQLite file at path `name`, holding the template's
    schema and rows (a database of that name is replaced)."""
    if template.vendor == POSTGRESQL:
        drop_database(settings_dict, name)
        with _admin(settings_dict) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template.name}"')
    else:
        shutil.copyfile(template.name, name)


def load_test_database(connection, template: Template) -> str:
    """Point `connection` at its test database, filled from the template, as
    `creation.create_test_db` would have made it by migrating; return the name it had
    (for `creation.destroy_test_db`). The test database's name is Django's: TEST NAME
    (pytest-django's per-worker suffix included), or `test_` and the name, or for SQLite
    the shared in-memory database."""
    settings_dict = connection.settings_dict
    old_name = settings_dict["NAME"]
    test_name = settings_dict["TEST"].get("NAME")
    if template.vendor == SQLITE and not (
        test_name and not connection.creation.is_in_memory_db(test_name)
    ):
        _rename(connection, f"file:memorydb_{connection.alias}?mode=memory&cache=shared")
        connection.ensure_connection()
        with sqlite3.connect(f"file:{template.name}?mode=ro", uri=True) as source:
            source.backup(connection.connection)
    else:
        test_name = test_name or TEST_DATABASE_PREFIX + old_name
        copy_database(template, settings_dict, test_name)
        _rename(connection, test_name)
    connection.ensure_connection()
    return old_name


def flush_by_delete(truncate):
    """A PostgreSQL `sql_flush` that empties the tables with DELETE instead of `truncate`'s
    one TRUNCATE of every table.

    Every test that commits (browser tests, live servers, real processes) is followed by
    Django's flush. TRUNCATE of the ~150 tables gives each a new file: 1.1-1.3 s on the
    2-core machines, whatever the tables hold; DELETE of what such a test leaves (the demo
    county, 10,000 rows) takes 0.2 s, of empty tables 0.03 s. The foreign keys Django makes
    are DEFERRABLE INITIALLY DEFERRED and the flush runs in one transaction, so the order
    of the tables does not matter. A flush that resets sequences or cascades (Django's
    own options) still truncates."""

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        delete = style.SQL_KEYWORD("DELETE FROM")
        return [f"{delete} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]

    return sql_flush


def _rename(connection, name: str) -> None:
    """As `create_test_db` does: the settings and the connection's dict both name the test
    database (the connection's dict is updated in place: threads open new connections
    from it)."""
    from django.conf import settings

    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _build(shared_dir: Path, settings_dict: dict) -> Template:
    if settings_dict["ENGINE"].endswith("postgresql"):
        name = _postgres_name(settings_dict)
        drop_database(settings_dict, name)
        with _admin(settings_dict) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        template = Template(POSTGRESQL, name)
        url = database_url(settings_dict, name)
    else:
        path = shared_dir / "db-template.sqlite3"
        path.unlink(missing_ok=True)
        template = Template(SQLITE, str(path))
        url = f"sqlite:///{path}"
    var_dir = shared_dir / "db-template-var"
    var_dir.mkdir(exist_ok=True)
    env = dict(os.environ, DEBUG="true", QUANZE_VAR_DIR=str(var_dir), DATABASE_URL=url)
    env.pop("DATABASE_REPLICA_URLS", None)
    done = subprocess.run(
        [sys.executable, "-m", "quanze.cli", "migrate", "--noinput", "-v0"],
        env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    if done.returncode != 0:
        if template.vendor == POSTGRESQL:
            drop_database(settings_dict, template.name)
        raise RuntimeError(f"migrating the test template failed:\n{done.stderr}")
    return template


def _postgres_name(settings_dict: dict) -> str:
    return f"{TEST_DATABASE_PREFIX}{settings_dict['NAME']}_template"


@contextmanager
def _locked(path: Path):
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def _admin(settings_dict: dict):
    import psycopg

    with psycopg.connect(
        dbname="postgres",
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or 5432,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        autocommit=True,
    ) as admin:
        yield admin


def drop_database(settings_dict: dict, name: str) -> None:
    with _admin(settings_dict) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
