"""A fresh, migrated site in its own processes, for tests that need real processes on a
real database (a killed worker, a backup restored): its environment, and helpers to run
`quanze` commands and probe functions (`quanze shell -c`) against it.

The database is of this test run's backend: a SQLite file in the test's folder, or a
new PostgreSQL database (dropped afterwards) on the server the run uses."""

import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


@contextmanager
def fresh_site(folder: Path, **env_vars):
    env = dict(os.environ, DEBUG="true", QUANZE_VAR_DIR=str(folder), LOG_LEVEL="ERROR")
    env.update(env_vars)
    database = settings.DATABASES["default"]
    drop = None
    if database["ENGINE"].endswith("postgresql"):
        import psycopg

        name = f"quanze_probe_{uuid.uuid4().hex[:8]}"
        admin = dict(host=database["HOST"], port=database["PORT"] or 5432,
                     user=database["USER"], password=database["PASSWORD"] or None)  # fmt: skip
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        password = f":{admin['password']}" if admin["password"] else ""
        env["DATABASE_URL"] = (
            f"postgres://{admin['user']}{password}@{admin['host']}:{admin['port']}/{name}"
        )

        def drop():
            with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        env["DATABASE_URL"] = f"sqlite:///{folder / 'quanze.sqlite3'}"
    try:
        quanze(env, "migrate", "-v0")
        yield env
    finally:
        if drop:
            drop()


def run(env, *args, timeout=300, stdin=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "quanze.cli", *args],
        env=env, capture_output=True, text=True, timeout=timeout, input=stdin,
    )  # fmt: skip


def quanze(env, *args, timeout=300) -> str:
    done = run(env, *args, timeout=timeout)
    assert done.returncode == 0, done.stderr
    return done.stdout


def probe(env, module: str, call: str) -> dict:
    """Call `quanze.testing.<module>.<call>` in the site; the JSON it printed last."""
    out = quanze(env, "shell", "-c", f"from quanze.testing import {module} as p; p.{call}")
    return json.loads(out.strip().splitlines()[-1])
