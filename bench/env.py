"""Fresh databases for benchmark runs: a temporary SQLite file, or a temporary
PostgreSQL database on the server `DATABASE_URL` points at.

A run migrates once (`migrated_templates`): every fresh database of the run then starts as a
copy of the migrated one (SQLite's backup API, PostgreSQL's CREATE DATABASE … TEMPLATE)
instead of running some fifty migrations again in each step's database."""

import os
import sqlite3
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# Set by `migrated_templates` for the run's child processes.
SQLITE_TEMPLATE = "QUANZE_BENCH_SQLITE_TEMPLATE"
POSTGRES_TEMPLATE = "QUANZE_BENCH_POSTGRES_TEMPLATE"


def child_env(var_dir: Path, database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="quanze.settings",
        DEBUG="true",
        QUANZE_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="testserver,localhost,127.0.0.1",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
    )
    return env


@contextmanager
def sqlite_database(var_dir: Path):
    yield f"sqlite:///{var_dir / 'bench.sqlite3'}"


@contextmanager
def postgres_database(server_url: str):
    """Create a database named quanze_bench_<random> on the server and drop it afterwards."""
    import psycopg

    parts = urlsplit(server_url)
    name = f"quanze_bench_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    template = os.environ.get(POSTGRES_TEMPLATE)
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def migrated_templates(work: Path, postgres_server: str = "", *, sqlite: bool = True):
    """Migrate one SQLite file (when the run uses SQLite) and one PostgreSQL database on
    `postgres_server` for the whole run and point the run's child processes at them; the
    PostgreSQL one is dropped at the end. A template the caller already names in the
    environment (the test suite's migrated database) is used as it is."""
    if os.environ.get(SQLITE_TEMPLATE) or os.environ.get(POSTGRES_TEMPLATE):
        yield
        return
    try:
        if sqlite:
            sqlite_file = work / "template.sqlite3"
            _migrate(child_env(work, f"sqlite:///{sqlite_file}"))
            os.environ[SQLITE_TEMPLATE] = str(sqlite_file)
        if not postgres_server:
            yield
            return
        with postgres_database(postgres_server) as url:
            _migrate(child_env(work, url))
            os.environ[POSTGRES_TEMPLATE] = urlsplit(url).path.lstrip("/")
            yield
    finally:
        os.environ.pop(SQLITE_TEMPLATE, None)
        os.environ.pop(POSTGRES_TEMPLATE, None)


def _migrate(env: dict) -> None:
    subprocess.run([python(), "-m", "quanze.cli", "migrate", "-v0"], env=env, cwd=ROOT, check=True)


def setup_django() -> None:
    """In a step process: configure Django from the environment and migrate (an empty SQLite
    database is first filled from the run's migrated template, when there is one). A
    database with no migration left to apply (a copy of the template) is not given to
    `migrate`: its no-op run still renders every model's state, 1.8 s a step."""
    import django
    from django.core.management import call_command

    django.setup()
    _copy_sqlite_template()
    if _migrations_to_apply():
        call_command("migrate", verbosity=0)


def _migrations_to_apply() -> list:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def _copy_sqlite_template() -> None:
    from django.db import connection

    template = os.environ.get(SQLITE_TEMPLATE)
    if not template or connection.vendor != "sqlite" or connection.introspection.table_names():
        return
    connection.ensure_connection()
    with sqlite3.connect(template) as source:
        source.backup(connection.connection)


def python() -> str:
    return sys.executable
