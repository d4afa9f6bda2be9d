import os
import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from quanze.env import envbool, envint, envlist


def test_it_reads_booleans_strictly(monkeypatch):
    monkeypatch.setenv("QZ_FLAG", "yes")
    assert envbool("QZ_FLAG", False) is True
    monkeypatch.setenv("QZ_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="QZ_FLAG"):
        envbool("QZ_FLAG", False)


def test_it_refuses_a_number_that_is_not_one(monkeypatch):
    monkeypatch.setenv("QZ_NUM", "12x")
    with pytest.raises(ImproperlyConfigured, match="QZ_NUM"):
        envint("QZ_NUM", 1)


def test_it_splits_lists_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("QZ_HOSTS", "a.gov.cn, ,b.gov.cn")
    assert envlist("QZ_HOSTS", []) == ["a.gov.cn", "b.gov.cn"]


def _quanze(*args, **env):
    # A production process: without the switch the browser tests set for Playwright's loop.
    dropped = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "quanze.cli", *args], env=full_env, capture_output=True, text=True
    )


def test_production_settings_pass_the_deployment_checks():
    result = _quanze(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="quanze.example.gov.cn",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_will_not_start_in_production_without_a_secret_key():
    result = _quanze("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
