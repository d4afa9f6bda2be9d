"""`quanze units` and `quanze users`: look-ups before a command that takes an id or a user."""

import os
import subprocess
import sys
from io import StringIO

from django.core.management import call_command


def _run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_units_lists_divisions_and_departments_with_ids(cast):
    text = _run("units", "平阴")
    assert f"ID {cast.county.pk}  370124000000  平阴县" in text
    assert f"ID {cast.urban.pk}  平阴县城市管理局" in text
    assert "商河县" not in text


def test_users_lists_names_roles_and_units(cast):
    text = _run("users", "锦水")
    assert "town_a  乡镇(街道)经办人  锦水街道" in text
    assert "town_b" not in text


def test_help_without_debug_lists_quanze_commands():
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    done = subprocess.run(
        [sys.executable, "-m", "quanze.cli", "help"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert "[catalog]" in done.stdout and "catalogs" in done.stdout
    assert "units" in done.stdout and "sweep_deadlines" in done.stdout
    assert "only Django core commands" not in done.stdout + done.stderr
