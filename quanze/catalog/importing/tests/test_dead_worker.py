"""A `quanze db_worker` killed with SIGKILL mid-import, in real processes on a real
database (this run's backend): the job is known dead at once, the next worker fails it
as it starts, and the import can be run again."""

import signal
import subprocess
import sys
import time

import pytest

from quanze.testing import sites
from quanze.testing.sites import fresh_site

pytestmark = pytest.mark.cost(240)

ROWS = 60000  # a few seconds of importing: long enough to be killed mid-run
RETRY_ROWS = 2000  # the last upload only has to run to the end
BEAT = 1  # QUANZE_JOB_HEARTBEAT_SECONDS for these processes


@pytest.fixture
def site(tmp_path, migrated_template):
    """A fresh, migrated site on this run's database backend."""
    with fresh_site(
        tmp_path,
        migrated_template,
        QUANZE_JOB_HEARTBEAT_SECONDS=str(BEAT),
        QUANZE_BACKGROUND_IMPORT_ROWS="100",
    ) as env:
        yield env


def probe(env, call: str) -> dict:
    return sites.probe(env, "worker_probe", call)


def worker(env, log):
    return subprocess.Popen(
        [sys.executable, "-m", "quanze.cli", "db_worker", "--no-reload", "--no-startup-delay",
         "--interval", "0.2"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


def wait_for(env, job: int, test, *, seconds: float, what: str) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        now = probe(env, f"state({job})")
        if test(now):
            return now
        assert time.monotonic() < deadline, f"{what}: {now}"
        time.sleep(0.2)


def kill_mid_run(env, job: int, log) -> dict:
    """Start a worker, let it beat a few times into the job, kill it with SIGKILL."""
    process = worker(env, log)
    try:
        running = wait_for(env, job, lambda s: s["status"] == "running", seconds=60,
                           what="the worker never started the job")  # fmt: skip
        beating = wait_for(env, job,
            lambda s: s["last_beat"] - s["started_at"] >= 2 * BEAT or s["status"] != "running",
            seconds=30, what="the running job never beat")  # fmt: skip
        assert beating["status"] == "running", "the import finished before it could be killed"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert running["worker"] and not running["stale"]
    return beating


def stop(process) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)


def test_a_killed_worker_is_known_dead_and_its_import_runs_again(site, tmp_path):
    env = site
    first = probe(env, f"setup({str(tmp_path)!r}, {ROWS})")
    assert first["status"] == "queued"
    log = (tmp_path / "worker.log").open("w")

    kill_mid_run(env, first["job"], log)
    killed_at = time.monotonic()
    left = probe(env, f"state({first['job']})")
    # Nothing of the killed run was kept; the job says running, but is known dead at once.
    assert left["status"] == "running" and left["entries"] == 0
    assert left["stale"] == "运行该任务的后台工作进程已不存在"

    # A new worker fails it as it starts.
    process = worker(env, log)
    try:
        failed = wait_for(env, first["job"], lambda s: s["status"] == "failed", seconds=60,
                          what="the new worker did not fail the dead job")  # fmt: skip
        seconds = time.monotonic() - killed_at
    finally:
        stop(process)
    assert seconds < 60
    assert failed["halted"] and failed["errors"][0].startswith("任务已停滞:运行该任务的")
    assert "未导入任何内容" in failed["errors"][0]

    # The office uploads again; that worker is killed too, and no worker is started:
    # confirming a third upload finds the dead job itself and fails it.
    second = probe(env, f"retry({str(tmp_path)!r}, {first['catalog']}, {ROWS})")
    kill_mid_run(env, second["job"], log)
    third = probe(env, f"retry({str(tmp_path)!r}, {first['catalog']}, {RETRY_ROWS})")
    assert third["status"] == "queued"
    assert probe(env, f"state({second['job']})")["halted"]

    # And the retry runs to the end.
    process = worker(env, log)
    try:
        done = wait_for(env, third["job"], lambda s: s["status"] not in ("queued", "running"),
                        seconds=300, what="the retry never ended")  # fmt: skip
    finally:
        stop(process)
    assert done["status"] == "done", done
    assert done["entries"] == RETRY_ROWS
    print(f"dead job failed {seconds:.1f} s after the kill")
