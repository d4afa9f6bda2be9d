"""Benchmarks of quanze.duties on the demo county (scenarios 002 and 004 loaded through
the services): who-is-responsible lookups, the list and duty-list reports against one
hand-written SQL aggregate, and an admission that publishes a new 243-matter version.

    python -m bench --only duties
"""

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

from bench.env import setup_django
from bench.steps import report

DUTY_SQL = """
SELECT e.version_id, e.duty_class, COUNT(*) FROM duties_dutyentry e
JOIN duties_dutyversion v ON v.id = e.version_id WHERE v.status = 'published'
GROUP BY e.version_id, e.duty_class
"""


def _median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _queries(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured)


def step_measure(args) -> None:
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    for name in ("002", "004"):
        started = time.perf_counter()
        call_command("scenario", name, stdout=StringIO())
        report(f"duties.scenario_{name}", round(time.perf_counter() - started, 1), "s")

    from quanze.duties.admission import services as admission
    from quanze.duties.dutylists.report import duty_report
    from quanze.duties.models import Matter, ResponsibilityVersion
    from quanze.duties.territorial import routing
    from quanze.duties.territorial.report import list_report
    from quanze.duties.territorial.routing import responsibility_for
    from quanze.org.models import Department, Division

    county = Division.objects.get(name="平阴县", level=Division.Level.COUNTY)
    towns = list(Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP))
    matters = list(Matter.objects.filter(county=county))
    rng = random.Random(7)
    draws = [
        (rng.choice(matters), rng.choice(towns), date(2025, 1, 1) + timedelta(days=rng.randrange(365)))
        for _ in range(args.lookups)
    ]  # fmt: skip
    routing.clear_cache()
    times, clock = [], time.perf_counter_ns
    began = clock()
    for matter, town, day in draws:
        t0 = clock()
        responsibility_for(matter=matter, township=town, on=day)
        times.append(clock() - t0)
    total = (clock() - began) / 1e9
    times.sort()
    report(
        "duties.lookup.throughput",
        round(len(draws) / total),
        "lookups/s",
        note=f"{len(matters)} 项事项 × {len(towns)} 个乡镇",
    )
    report("duties.lookup.p99", round(times[int(len(times) * 0.99)] / 1000, 1), "µs")
    report("duties.lookup.first", round(times[-1] / 1e6, 1), "ms", note="首次载入本县清单")

    version = ResponsibilityVersion.objects.get(status="published")
    report(
        "duties.list_report",
        round(_median(lambda: list_report(version), args.repeat) * 1000, 1),
        "ms",
        note="243 项",
    )
    duty = _median(lambda: duty_report(county=county), args.repeat)

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(DUTY_SQL)
            cursor.fetchall()

    baseline = _median(raw, args.repeat)
    report(
        "duties.duty_report",
        round(duty * 1000, 1),
        "ms",
        ratio=round(duty / baseline, 2),
        note=f"{_queries(lambda: duty_report(county=county))} 次查询",
    )

    request = admission.admission_create(
        by=None, department=Department.objects.get(name="平阴县城市管理局"), matter_name="共享单车停放秩序巡查",
        township_duty="每日巡查", reason="投放量增长", basis="《平阴县互联网租赁自行车管理办法》", staff="无",
        funding="每年2万元", equipment="监管平台账号",
    )  # fmt: skip
    admission.admission_submit(by=None, request=request)
    started = time.perf_counter()
    queries = _queries(lambda: admission.admission_admit(by=None, request=request, effective_date=date(2025, 7, 1), legality_opinion="合法"))  # fmt: skip
    report(
        "duties.admit_publish",
        round((time.perf_counter() - started) * 1000),
        "ms",
        note=f"新版本 244 项, {queries} 次查询",
    )


def duties_figures(size: dict, database, work: Path) -> list[dict]:
    """Called by bench.__main__: one step in its own process and database."""
    from bench.__main__ import run_step
    from bench.env import child_env

    lookups = 100_000 if size["townships"] >= 2500 else 20_000
    with database(work / "duties") as url:
        return run_step(
            "measure",
            child_env(work / "duties", url),
            f"--lookups={lookups}",
            f"--repeat={min(size['repeat'], 7)}",
            module="bench.duties",
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["measure"])
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    {"measure": step_measure}[args.step](args)


if __name__ == "__main__":
    sys.exit(main())
