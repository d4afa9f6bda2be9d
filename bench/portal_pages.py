"""The public portal's pages under load (issue 15): the item page, a township's list page
and the 谁来管 lookup, each read by a pool of client threads for a fixed time against the
production server shape (gunicorn, threaded workers, DEBUG off) on loopback.

    python -m bench.portal_pages [--townships=25] [--items=100] [--seconds=10] [--threads=8]

Runs on its own (not yet part of `make bench`): a temporary SQLite database (or the server
of `--database=postgres://…`) is generated (`quanze generate`: a guiding catalog and every
township's list published with snapshots) and given each county's territorial list
(scenario 002's matters, as bench.dispatch_route does). The client is closed-loop: each
thread sends its next request when the last one answered, over its own keep-alive
connection, so the figure is the throughput the server sustains; p99 is over every request
of the run. Figures are printed as `BENCH {json}` lines like the other benchmarks.
"""

import argparse
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
from urllib.parse import quote

from bench.env import ROOT, child_env, postgres_database, setup_django, sqlite_database
from bench.server import THREADS, WORKERS, gunicorn
from bench.steps import report

LOOKUP = "/portal/lookup/?text={text}&place={place}"


def step_setup(args) -> None:
    """In a child process: generate the data and print the URLs to read."""
    setup_django()
    from django.core.management import call_command

    from bench.dispatch_route import publish_lists
    from quanze.catalog.models import Catalog, CatalogEntry

    call_command("generate", f"--townships={args.townships}", f"--items={args.items}", verbosity=0)
    publish_lists()
    township_list = Catalog.objects.filter(kind=Catalog.Kind.TOWNSHIP_LIST).order_by("pk").first()
    entry = CatalogEntry.objects.filter(version__catalog=township_list).order_by("pk").first()
    town = township_list.owner.name
    urls = {
        "item": f"/portal/items/{entry.power_id}/",
        "township_list": f"/portal/lists/catalog/{township_list.pk}/",
        "lookup": LOOKUP.format(text=quote("路边井盖丢了"), place=quote(town)),
    }
    print(json.dumps(urls))


def _touch(port: int, url: str) -> None:
    """One GET with a long timeout: a cold worker loads the whole URLconf (seconds)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", url)
    connection.getresponse().read()
    connection.close()


def read_for(port: int, url: str, *, seconds: float, threads: int) -> dict:
    """Closed-loop GETs of `url` from `threads` threads for `seconds`: rate, p50, p99, errors."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, failed = [], []
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", url)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed.append(f"HTTP {response.status}")
            except (OSError, http.client.HTTPException) as error:
                failed.append(type(error).__name__)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors.extend(failed)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    began = time.monotonic()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.monotonic() - began
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies),
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "errors": len(errors),
        "samples": errors[:2],
    }


def run(args, database_url: str, work: Path) -> None:
    env = child_env(work, database_url)
    setup = subprocess.run(
        [sys.executable, "-m", "bench.portal_pages", "setup", f"--townships={args.townships}",
         f"--items={args.items}"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    if setup.returncode != 0:
        raise SystemExit(setup.stdout + setup.stderr)
    urls = json.loads(setup.stdout.strip().splitlines()[-1])
    with gunicorn(env, quiet=False) as port:
        for _ in range(WORKERS * THREADS):
            for url in urls.values():
                _touch(port, url)
        for name, url in urls.items():
            read_for(port, url, seconds=2, threads=2)  # warm each worker's caches
            found = read_for(port, url, seconds=args.seconds, threads=args.threads)
            note = (
                f"gunicorn {WORKERS}进程×{THREADS}线程, {args.threads} 个客户端线程, "
                f"{args.seconds:g} 秒, {args.townships} 个乡镇"
            )
            report(f"portal.{name}.rate", round(found["rps"], 1), "req/s", note=note)
            report(f"portal.{name}.p50", round(found["p50"], 1), "ms")
            report(f"portal.{name}.p99", round(found["p99"], 1), "ms")
            report(
                f"portal.{name}.errors", found["errors"], "errors", note="; ".join(found["samples"])
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", nargs="?", default="run", choices=["run", "setup"])
    parser.add_argument("--townships", type=int, default=25)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--database", default="", help="postgres://… 服务器(默认临时 SQLite)")
    args = parser.parse_args()
    if args.step == "setup":
        step_setup(args)
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        database = postgres_database(args.database) if args.database else sqlite_database(work)
        with database as url:
            run(args, url, work)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quanze.settings")
    main()
