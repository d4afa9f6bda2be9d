"""Citizen requests through Open311 under load: `python -m bench.open311 [--requests N]
[--rate R] [--postgres]`.

A parent process makes a scratch database (SQLite, or PostgreSQL on DATABASE_URL) and
runs the step in a child: the step prepares divisions and scenario 002's list in every
county, starts gunicorn as in production (2 workers × 2 threads, gthread) on a free
loopback port, and sends form-encoded `POST /open311/v2/requests.json` at a fixed rate
from a thread pool (open loop: latency counts from the moment a request was due). Each
text is unique, so the duplicate rule never refuses one; the per-address limit is raised
for the run, since every request comes from 127.0.0.1. "No lost request": every 201
answer's service_request_id must be in the database afterwards, with its event, and the
number of requests stored must equal the number of 201 answers.
"""

import argparse
import csv
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench.env import ROOT, child_env, postgres_database, setup_django, sqlite_database
from bench.server import THREADS, WORKERS, gunicorn
from bench.steps import report

DATA = Path(__file__).resolve().parent / "data"


def _prepare() -> tuple[str, list[tuple[str, str]]]:
    """The first county's code and (township code, service code) pairs to file under."""
    from django.core.management import call_command

    from bench.dispatch_route import publish_lists
    from quanze.duties.territorial.routing import matters_for_county
    from quanze.org.models import Division

    call_command("generate", "--townships=25", "--items=5", "--no-lists", verbosity=0)
    publish_lists()
    county = Division.objects.filter(level=Division.Level.COUNTY).order_by("code").first()
    towns = list(
        Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP).values_list(
            "code", flat=True
        )
    )
    matters = list(matters_for_county(county=county).values_list("pk", flat=True)[:50])
    pairs = [(towns[i % len(towns)][:9], str(matters[i % len(matters)])) for i in range(500)]
    return county.code[:6], pairs


def _texts() -> list[str]:
    with (DATA / "complaints.csv").open(encoding="utf-8") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


def _send(port, bodies, rate, workers=32) -> dict:
    latencies, created, failures = [], [], []
    lock, cursor = threading.Lock(), [0]
    start = time.perf_counter() + 0.2
    headers = {"Content-Type": "application/x-www-form-urlencoded"}

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                i = cursor[0]
                cursor[0] += 1
            if i >= len(bodies):
                break
            due = start + i / rate
            if (pause := due - time.perf_counter()) > 0:
                time.sleep(pause)
            try:
                conn.request("POST", "/open311/v2/requests.json", body=bodies[i], headers=headers)
                response = conn.getresponse()
                payload = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                status, payload = 0, str(error).encode()
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            took = (time.perf_counter() - due) * 1000
            with lock:
                latencies.append(took)
                if status == 201:
                    created.append(json.loads(payload)[0]["service_request_id"])
                else:
                    failures.append(f"{status} {payload[:160].decode('utf-8', 'replace')}")
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies),
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "created": created,
        "failures": failures,
    }


def step(requests: int, rate: float) -> None:
    setup_django()
    from django.conf import settings
    from django.db import connection

    jurisdiction, pairs = _prepare()
    texts = _texts()
    bodies = [
        urlencode(
            {
                "jurisdiction_id": jurisdiction,
                "service_code": pairs[i % len(pairs)][1],
                "attribute[township]": pairs[i % len(pairs)][0],
                "description": f"{texts[i % len(texts)]}(压测{i})",
                "phone": "13800000000",
            }
        ).encode()
        for i in range(requests + 40)
    ]
    connection.close()
    limit = str(10 * (requests + 40))
    with gunicorn(
        os.environ, SECRET_KEY=settings.SECRET_KEY, QUANZE_PORTAL_REQUESTS_PER_HOUR=limit
    ) as port:
        warm = _send(port, bodies[:40], 20.0)  # each worker's caches
        result = _send(port, bodies[40:], rate)
    from quanze.portal.requests.models import CitizenRequest

    answered = warm["created"] + result["created"]
    stored = set(
        CitizenRequest.objects.filter(event__isnull=False).values_list("number", flat=True)
    )
    lost = len(set(answered) - stored)
    vendor = connection.vendor
    note = f"{vendor}, 目标 {rate:g} 次/秒, {requests} 次请求, gunicorn {WORKERS}进程×{THREADS}线程"
    report("portal.open311.sustained", round(result["rps"], 1), "req/s", note=note)
    report("portal.open311.p50", round(result["p50"], 1), "ms")
    report("portal.open311.p99", round(result["p99"], 1), "ms")
    report("portal.open311.errors", len(result["failures"]), "errors",
           note="; ".join(result["failures"][:2]))  # fmt: skip
    report("portal.open311.lost", lost + abs(len(stored) - len(answered)), "requests",
           note=f"201 答复 {len(answered)} 件, 入库 {len(stored)} 件")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.open311")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--postgres", action="store_true", help="on DATABASE_URL's server")
    parser.add_argument("--step", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        step(args.requests, args.rate)
        return
    with tempfile.TemporaryDirectory() as var_dir:
        made = (
            postgres_database(os.environ["DATABASE_URL"])
            if args.postgres
            else sqlite_database(Path(var_dir))
        )
        with made as url:
            command = [sys.executable, "-m", "bench.open311", "--step"]
            command += [f"--requests={args.requests}", f"--rate={args.rate}"]
            subprocess.run(command, env=child_env(Path(var_dir), url), cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
