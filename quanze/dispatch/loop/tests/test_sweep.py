"""The deadline sweep as a command, by its hyphenated name, and as a background task."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from quanze.dispatch.events.models import Event

S = Event.State


def test_the_sweep_command_and_the_background_task_escalate(cast, dispatched, settings):
    Event.objects.filter(pk=dispatched.pk).update(accept_due=timezone.now() - timedelta(minutes=1))
    out = StringIO()
    call_command("sweep_deadlines", stdout=out)
    assert "已升级 1 件" in out.getvalue()
    assert Event.objects.get(pk=dispatched.pk).state == S.ESCALATED


def test_the_background_task_escalates(cast, dispatched, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    from quanze.dispatch.loop.tasks import sweep_deadlines

    Event.objects.filter(pk=dispatched.pk).update(accept_due=timezone.now() - timedelta(minutes=1))
    result = sweep_deadlines.enqueue()
    assert result.return_value == 1
    assert Event.objects.get(pk=dispatched.pk).state == S.ESCALATED


def test_the_command_answers_to_its_hyphenated_name(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, DEBUG="true", QUANZE_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "quanze.cli", "sweep-deadlines", "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "已超期" in result.stdout and "--background" in result.stdout
