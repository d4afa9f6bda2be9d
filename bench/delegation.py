"""Delegation benchmarks (issue 3): claim statistics for a whole province, and publishing
a decision to every township's list. `python -m bench.delegation STEP [options]`.

- claims: `claim_report` over every township's claims (about 1.2 million rows at
  full size), median of `repeat` runs, against one hand-written SQL statement
  computing the same counts (per township, with the basic set and approvals
  apart, and per item) over the same table.
- publish: `township_lists_publish` of 52 city-management penalties to every
  township: total time and number of queries (one run; it writes).
"""

import argparse
import statistics
import time

from bench.env import setup_django
from bench.steps import report


def _median(call, repeat: int) -> float:
    call()  # warm the caches and the database's pages
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _baseline(window):
    """The same figures in one statement: UNION ALL of the two groupings."""
    from django.db import connection

    from quanze.catalog.models import CatalogEntry
    from quanze.delegation.models import Claim

    entries = CatalogEntry.objects.filter(version_id=window.catalog_version_id)
    basic = list(entries.filter(set_kind="basic").values_list("id", flat=True)) or [0]
    licences = list(
        entries.filter(power__power_type__name="行政许可").values_list("id", flat=True)
    ) or [0]
    table = Claim._meta.db_table
    in_basic = ", ".join(["%s"] * len(basic))
    in_licence = ", ".join(["%s"] * len(licences))
    where = "window_id = %s AND status IN ('submitted', 'accepted')"
    sql = (
        f"SELECT 't', township_id, COUNT(*), "
        f"SUM(CASE WHEN entry_id IN ({in_basic}) THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN entry_id IN ({in_licence}) THEN 1 ELSE 0 END) "
        f"FROM {table} WHERE {where} AND claimed GROUP BY township_id "
        f"UNION ALL SELECT 'e', entry_id + 0, COUNT(*), 0, 0 FROM {table} "
        f"WHERE {where} AND claimed GROUP BY entry_id + 0"
    )
    params = [*basic, *licences, window.pk, window.pk]

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return run


def step_claims(args) -> None:
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quanze.delegation.claims.demo import WINDOW_TITLE
    from quanze.delegation.claims.stats import claim_report
    from quanze.delegation.models import ClaimWindow

    with connection.cursor() as cursor:  # fresh bulk load: give the planner statistics
        cursor.execute("ANALYZE")
    window = ClaimWindow.objects.get(title=WINDOW_TITLE)
    rows = window.claims.count()
    result = claim_report(window=window)
    with CaptureQueriesContext(connection) as queries:
        claim_report(window=window)
    ours = _median(lambda: claim_report(window=window), args.repeat)
    raw = _median(_baseline(window), args.repeat)
    report(
        "claims.rows", rows, "rows", note=f"{result.reported} 个乡镇 × {result.catalog_items} 项"
    )
    report("claims.report.median", round(ours, 3), "s", ratio=ours / raw if raw else None,
           note=f"平均 {result.average:.1f} 项,最高 {result.highest.claimed} 项")  # fmt: skip
    report("claims.report.raw_sql", round(raw, 3), "s", note="一条手写 SQL,同样的计数")
    report("claims.report.queries", len(queries), "queries")


def step_publish(args) -> None:
    setup_django()
    from datetime import date

    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from quanze.catalog.demo.province import GUIDING_NAME, PROVINCE
    from quanze.catalog.models import CatalogEntry, CatalogVersion
    from quanze.delegation.decisions.publishing import township_lists_publish
    from quanze.org.models import Division

    version = CatalogVersion.objects.get(
        catalog__owner__code=PROVINCE[0], catalog__name=GUIDING_NAME
    )
    powers = [
        e.power
        for e in CatalogEntry.objects.filter(
            version=version, power__field__name="城市管理", power__power_type__name="行政处罚"
        )
        .select_related("power")
        .order_by("position")[:52]
    ]
    townships = list(Division.objects.filter(level=Division.Level.TOWNSHIP).order_by("code"))
    before = CatalogEntry.objects.count()
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = township_lists_publish(
            by=None, townships=townships, powers=powers, effective_date=date(2025, 10, 1),
            document_number="基准〔2025〕1号", note="基准测试",
        )  # fmt: skip
        elapsed = time.perf_counter() - started
    written = CatalogEntry.objects.count() - before
    report("publish.townships", len(result.versions), "townships", note=f"{len(powers)} 项决定事项")
    report("publish.entries_written", written, "rows", note=f"其中新增事项 {result.added} 条")
    report("publish.time", round(elapsed, 2), "s")
    report("publish.queries", len(queries), "queries", note="不随乡镇数增长")


def _run(step: str, env: dict, *options: str, module: str) -> list[dict]:
    import json
    import subprocess
    import sys

    from bench.env import ROOT, python

    command = [python(), "-m", module, step, *options]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"基准测试步骤 {step} 失败")
    return [
        json.loads(line[6:]) for line in result.stdout.splitlines() if line.startswith("BENCH ")
    ]


def delegation_figures(size: dict, database, work) -> list[dict]:
    """Generate the province with its claims, then measure the report and a publication."""
    from bench.env import child_env

    with database(work / "delegation") as url:
        env = child_env(work / "delegation", url)
        shape = [f"--townships={size['townships']}", f"--items={size['items']}"]
        figures = _run("generate", env, *shape, "--label=delegation_data", module="bench.steps")
        started = time.perf_counter()
        _run_command(env, "generate_claims", *shape)
        figures.append(
            {
                "name": "generate.claims",
                "value": round(time.perf_counter() - started, 2),
                "unit": "s",
            }
        )
        figures += _run("claims", env, f"--repeat={size['repeat']}", module="bench.delegation")
        figures += _run("publish", env, module="bench.delegation")
    return figures


def _run_command(env: dict, *args: str) -> None:
    import subprocess
    import sys

    from bench.env import ROOT, python

    result = subprocess.run(
        [python(), "-m", "quanze.cli", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"命令 {args[0]} 失败")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.delegation")
    parser.add_argument("step", choices=["claims", "publish"])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    {"claims": step_claims, "publish": step_publish}[args.step](args)


if __name__ == "__main__":
    main()
