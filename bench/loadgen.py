"""Event intake through the HTTP API under load, from a second process on 127.0.0.1.

The step process prepares the database (scenario 002's list in every county, so the
matter suggestion runs over 243 matters) and a signed-in session, starts the production
server (gunicorn, threaded workers) on a free loopback port, then runs the load
generator as a separate process, first a short warm-up, then the timed run: an open-loop schedule at a fixed rate (request i is
due at i/rate seconds), a bounded number of requests and a time limit, a pool of
threads each with its own keep-alive connection. Latency is measured from the moment
a request was due, so a server that falls behind shows it.
"""

import csv
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.env import ROOT, setup_django
from bench.steps import report

CSRF = "benchcsrf" * 3 + "abcde"  # 32 characters, as Django's unmasked secret
DATA = Path(__file__).resolve().parent / "data"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _session() -> tuple[str, list[int]]:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from quanze.org.models import Division, User

    if not Division.objects.filter(level=Division.Level.TOWNSHIP).exists():
        call_command("generate", "--townships=25", "--items=5", "--no-lists", verbosity=0)
    county = Division.objects.filter(level=Division.Level.COUNTY).order_by("code").first()
    user, _ = User.objects.get_or_create(
        username="bench-office", defaults={"role": User.Role.ESTABLISHMENT_OFFICE, "county": county}
    )
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    towns = list(
        Division.objects.filter(level=Division.Level.TOWNSHIP, parent=county).values_list(
            "pk", flat=True
        )
    )
    return store.session_key, towns


def _wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("服务器未能启动")


# The production server (docs/architecture.md, "Serving"): gunicorn's threaded workers.
# BENCH_INTAKE_WORKERS / BENCH_INTAKE_THREADS override the defaults for a sweep of shapes.
# One worker per core; 2 threads each beat 4 on PostgreSQL (fewer threads contending for
# each process's interpreter lock; docs/performance.md).
WORKERS = int(os.environ.get("BENCH_INTAKE_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_INTAKE_THREADS", "2"))
WARM_UP = 40  # requests sent (and not counted) before the timed run: each worker's caches


def _server(port: int, env: dict) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "quanze.wsgi:application"]
    command += [f"--bind=127.0.0.1:{port}", f"--workers={WORKERS}", f"--threads={THREADS}"]
    command += ["--worker-class=gthread", "--keep-alive=30", "--log-level=warning"]
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _load(port: int, session: str, towns: list[int], requests: int, rate: float, env) -> dict:
    command = [sys.executable, "-m", "bench.loadgen", f"--port={port}", f"--session={session}"]
    command += [f"--towns={','.join(map(str, towns))}", f"--requests={requests}"]
    command += [f"--rate={rate}"]
    client = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if client.returncode != 0:
        sys.stderr.write(client.stdout + client.stderr)
        raise SystemExit("负载生成器失败")
    return json.loads(client.stdout.strip().splitlines()[-1])


def step_intake(args) -> None:
    setup_django()
    from django.conf import settings
    from django.db import connection

    from bench.dispatch_route import publish_lists

    session, towns = _session()
    publish_lists()  # scenario 002's 243 matters: the suggestion runs over a real list
    vendor = connection.vendor
    connection.close()
    port = _free_port()
    # The server runs as in production (no DEBUG query log), with the key that signed the
    # session, over plain HTTP on loopback.
    env = dict(
        os.environ,
        DEBUG="false",
        SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DB_CONN_MAX_AGE="60",  # persistent connections, as a production server keeps them
    )
    # A step stopped by SIGTERM (a timeout) still stops its server, in the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("基准测试被终止"))
    server = _server(port, env)
    try:
        _wait_for(port)
        _load(port, session, towns, WARM_UP, 20.0, env)
        load_before = os.getloadavg()[0]
        result = _load(port, session, towns, args.requests, args.rate, env)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
    note = (
        f"{vendor}, 目标 {args.rate:g} 次/秒, {result['sent']} 次请求, "
        f"gunicorn {WORKERS}进程×{THREADS}线程, 负载均值 {load_before:.1f}→{os.getloadavg()[0]:.1f}"
    )
    report("dispatch.intake.sustained", round(result["rps"], 1), "req/s", note=note)
    report("dispatch.intake.p50", round(result["p50"], 1), "ms")
    report("dispatch.intake.p99", round(result["p99"], 1), "ms")
    report(
        "dispatch.intake.errors", result["errors"], "errors", note="; ".join(result["samples"][:2])
    )


def _texts() -> list[str]:
    with (DATA / "complaints.csv").open(encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


def client_main(
    port: int,
    session: str,
    towns: list[int],
    requests: int,
    rate: float,
    workers: int = 32,
    limit_seconds: float = 300,
) -> dict:
    """The load generator proper: runs in its own process, talks HTTP only."""
    texts, rng = _texts(), random.Random(7)
    bodies = [
        json.dumps(
            {
                "township_id": rng.choice(towns),
                "description": rng.choice(texts),
                "occurred_at": "2026-01-01T08:00:00+08:00",
                "source": "api",
            },
            ensure_ascii=False,
        ).encode()
        for _ in range(requests)
    ]
    headers = {
        "Content-Type": "application/json",
        "X-CSRFToken": CSRF,
        "Cookie": f"sessionid={session}; csrftoken={CSRF}",
    }
    latencies, errors, samples = [], [0], []
    lock, next_index = threading.Lock(), [0]
    start = time.perf_counter() + 0.2

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= requests:
                break
            due = start + i / rate
            if due - start > limit_seconds:
                break
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            try:
                conn.request("POST", "/api/dispatch/events", body=bodies[i], headers=headers)
                response = conn.getresponse()
                payload = response.read()
                ok = response.status == 201
            except (OSError, http.client.HTTPException) as error:
                ok, payload = False, str(error).encode()
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            took = (time.perf_counter() - due) * 1000
            with lock:
                latencies.append(took)
                if not ok:
                    errors[0] += 1
                    if len(samples) < 3:
                        samples.append(payload[:200].decode("utf-8", "replace"))
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "sent": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies),
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "errors": errors[0],
        "samples": samples,
    }


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.loadgen")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--session", required=True)
    parser.add_argument("--towns", required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=200.0)
    a = parser.parse_args()
    out = client_main(a.port, a.session, [int(t) for t in a.towns.split(",")], a.requests, a.rate)
    print(json.dumps(out, ensure_ascii=False))
