"""A fresh, migrated site in its own processes, for tests that need real processes on a
real database (a killed worker, a backup restored): its environment, and helpers to run
`quanze` commands and probe functions (`quanze shell -c`) against it.

The database is of this test run's backend, copied from the run's migrated template."""

import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from quanze.testing import dbtemplate


@contextmanager
def fresh_site(folder: Path, template: dbtemplate.Template, **env_vars):
    """A site whose database is a copy of the run's migrated `template` (the
    `migrated_template` fixture): a SQLite file in `folder`, or a new PostgreSQL database
    on the run's server, dropped afterwards."""
    env = dict(os.environ, DEBUG="true", QUANZE_VAR_DIR=str(folder), LOG_LEVEL="ERROR")
    env.update(env_vars)
    database = settings.DATABASES["default"]
    if template.vendor == dbtemplate.POSTGRESQL:
        name = f"quanze_probe_{uuid.uuid4().hex[:8]}"
        dbtemplate.copy_database(template, database, name)
        env["DATABASE_URL"] = dbtemplate.database_url(database, name)
        try:
            yield env
        finally:
            dbtemplate.drop_database(database, name)
    else:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "quanze.sqlite3"
        dbtemplate.copy_database(template, database, str(path))
        env["DATABASE_URL"] = f"sqlite:///{path}"
        yield env


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
