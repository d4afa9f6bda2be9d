"""Fresh databases for benchmark runs: a temporary SQLite file, or a temporary
PostgreSQL database on the server `DATABASE_URL` points at."""

import os
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


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
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django() -> None:
    """In a step process: configure Django from the environment and migrate."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def python() -> str:
    return sys.executable
