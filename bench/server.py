"""The production server shape the portal benchmarks load (bench.portal_pages, bench.open311,
bench.portal_load): gunicorn as README's production command (gthread, 2 workers × 2
threads, keep-alive 30, DEBUG off) on a free loopback port.

    with gunicorn(env, QUANZE_PORTAL_REQUESTS_PER_HOUR="1000") as port:
        ...  # the server answers on 127.0.0.1:port
"""

import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from bench.env import ROOT

WORKERS, THREADS = 2, 2  # one process per core, two threads each (README)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, seconds: float = 30) -> None:
    """Until the port accepts a connection, or SystemExit after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("服务器未能启动")


@contextmanager
def gunicorn(env: dict, *, wait: float = 30, quiet: bool = True, **settings: str) -> Iterator[int]:
    """Start the server on `env` made production-like (DEBUG off, a fresh SECRET_KEY, no
    HTTPS redirect, persistent database connections; `settings` added last), yield its
    port once it accepts connections, and stop it afterwards. `quiet` drops its output.
    SIGTERM to the benchmark ends it through the `finally`, so the server is stopped too."""
    port = free_port()
    server_env = dict(
        env,
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DB_CONN_MAX_AGE="60",
    )
    server_env.update(settings)
    command = [sys.executable, "-m", "gunicorn", "quanze.wsgi:application"]
    command += [f"--bind=127.0.0.1:{port}", f"--workers={WORKERS}", f"--threads={THREADS}"]
    command += ["--worker-class=gthread", "--keep-alive=30", "--log-level=warning"]
    output = subprocess.DEVNULL if quiet else None
    server = subprocess.Popen(
        command, cwd=ROOT, env=server_env, start_new_session=True, stdout=output, stderr=output
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("基准测试被终止"))
    try:
        wait_for(port, wait)
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:  # keep-alive connections hold a graceful stop
            server.kill()
            server.wait()
