"""Enforcement (issue 10): the team queue and a case page over a province's year of cases.
`python -m bench.enforcement measure|exercise [--repeat N] [--per-township N]`
(`exercise`: the exercise-rate report, bench/enforcement_exercise.py).

The province of `quanze generate` gets a year of cases from `quanze generate_cases`
(400 per township at full size: about 1 million cases with 10 million log and evidence
rows). Then, through Django's test Client, the median wall time of the whole request
(middleware, selector, count, page query, template) after one warm-up request:

- the queue `/enforcement/` of the first township's clerk (its own cases, open, by due date);
- the same for the county's justice bureau (every case of the county's townships), and
  the bureau's queue searched by a case number;
- the case page `/enforcement/cases/<id>/` of the township's case with the longest log.

Baseline of each: the SQL the ORM sends for the same rows (the page's 50 rows; for the
case page the case, its log and its evidence), run through a cursor.
"""

import argparse
import statistics
import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.env import setup_django
from bench.steps import report


def _median_ms(call, repeat: int) -> float:
    call()  # warm: templates, the database's pages
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _raw_ms(querysets, repeat: int) -> float:
    """The SQL the ORM writes for these rows, through a cursor, nothing else."""
    statements = [qs.query.sql_with_params() for qs in querysets]

    def fetch():
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    return _median_ms(fetch, repeat)


def _users(township):
    from quanze.org.models import User

    clerk, _ = User.objects.get_or_create(
        username="bench-enforcement-clerk",
        defaults={"role": User.Role.TOWNSHIP_CLERK, "township": township, "county_id": township.parent_id},
    )  # fmt: skip
    bureau, _ = User.objects.get_or_create(
        username="bench-enforcement-bureau",
        defaults={"role": User.Role.JUSTICE_REVIEWER, "county_id": township.parent_id},
    )
    return clerk, bureau


def generate(per_township: int) -> list[dict]:
    """`quanze generate_cases` in this process (one process start less than a command)."""
    from io import StringIO

    from django.core.management import call_command

    from bench.enforcement_exercise import mid_year_versions

    started = time.perf_counter()
    changed = mid_year_versions()
    call_command("generate_cases", f"--per-township={per_township}", stdout=StringIO())
    seconds = round(time.perf_counter() - started, 2)
    return [{"name": "generate.cases", "value": seconds, "unit": "s",
             "note": f"每个乡镇 {per_township} 件;{changed} 份乡镇清单 7 月 1 日起施行第 2 版"}]  # fmt: skip


def measure(repeat: int) -> list[dict]:
    from django.db.models import Count

    from quanze.enforcement.cases import selectors
    from quanze.enforcement.cases.models import Case, CaseStep, Evidence
    from quanze.org.models import Division

    with connection.cursor() as cursor:  # a fresh bulk load: give the planner statistics
        cursor.execute("ANALYZE")
    township = Division.objects.filter(enforcement_cases__isnull=False).order_by("code").first()
    clerk, bureau = _users(township)
    figures = [
        {"name": "enforcement.cases", "value": Case.objects.count(), "unit": "cases"},
        {"name": "enforcement.steps_and_evidence", "unit": "rows",
         "value": CaseStep.objects.count() + Evidence.objects.count()},
    ]  # fmt: skip
    longest = (
        CaseStep.objects.filter(case__township=township)
        .values("case_id")
        .annotate(n=Count("id"))
        .order_by("-n", "case_id")
        .first()
    )
    case = Case.objects.get(pk=longest["case_id"])
    pages = [
        ("queue.township", clerk, "/enforcement/", selectors.case_queue(clerk)[:50]),
        ("queue.county", bureau, "/enforcement/", selectors.case_queue(bureau)[:50]),
        (
            "queue.county_search",
            bureau,
            f"/enforcement/?queue=all&q={case.number}",
            selectors.case_queue(bureau, queue="all", q=case.number)[:50],
        ),
        (
            "case_page",
            clerk,
            f"/enforcement/cases/{case.pk}/",
            [
                selectors.cases_visible(clerk).filter(pk=case.pk),
                selectors.case_steps(case),
                Evidence.objects.filter(case=case).select_related("collected_by"),
            ],
        ),
    ]
    counts = {
        "queue.township": selectors.case_queue(clerk).count(),
        "queue.county": selectors.case_queue(bureau).count(),
        "queue.county_search": 1,
        "case_page": case.steps.count(),
    }
    units = {"case_page": "条办案记录"}
    for name, user, url, rows in pages:
        client = Client()
        client.force_login(user)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        assert case.number.encode() in response.content or name.startswith("queue."), name
        ms = _median_ms(lambda u=url, c=client: c.get(u), repeat)
        raw = _raw_ms(rows if isinstance(rows, list) else [rows], repeat)
        figures += [
            {"name": f"enforcement.{name}.median", "value": round(ms, 1), "unit": "ms",
             "ratio": ms / raw if raw else None,
             "note": f"{counts[name]} {units.get(name, '件')};目标 < 100 ms"},
            {"name": f"enforcement.{name}.raw_sql", "value": round(raw, 2), "unit": "ms"},
            {"name": f"enforcement.{name}.queries", "value": len(queries), "unit": "queries"},
        ]  # fmt: skip
    return figures


def enforcement_figures(size: dict, database, work) -> list[dict]:
    """Generate the province, then (in the measuring process) its year of cases and the pages."""
    from bench.__main__ import run_step
    from bench.env import child_env

    per_township = 400 if size["townships"] >= 50 else 10  # a year; the tiny run writes 10
    with database(work / "enforcement") as url:
        env = child_env(work / "enforcement", url)
        shape = [f"--townships={size['townships']}", f"--items={size['items']}"]
        figures = run_step("generate", env, *shape, "--label=enforcement_data")
        figures += run_step(
            "measure", env, f"--repeat={size['repeat']}", f"--per-township={per_township}",
            module="bench.enforcement",
        )  # fmt: skip
        figures += run_step(
            "exercise", env, f"--repeat={size['repeat']}", module="bench.enforcement"
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.enforcement")
    parser.add_argument("step", choices=["measure", "exercise"])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--per-township", type=int, default=0, help="先生成每个乡镇多少件案件(0:已生成,不再生成)"
    )
    args = parser.parse_args()
    setup_django()
    made = generate(args.per_township) if args.per_township else []
    if args.step == "exercise":
        from bench.enforcement_exercise import measure as measure_exercise

        made += measure_exercise(args.repeat)
    else:
        made += measure(args.repeat)
    for figure in made:
        report(**figure)


if __name__ == "__main__":
    main()
