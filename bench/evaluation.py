"""Evaluation (issue 12): an evaluation round over a province against the same indicators
computed by one hand-written SQL query set.
`python -m bench.evaluation measure [--repeat N] [--per-township N] [--events N] [--matters N]`
(`generate` with the same options writes the year only; `measure --per-township=0
--events=0` then measures a database that has it)

Data: the province of `quanze generate` (its township lists), a year of cases: the case
rows of `quanze generate_cases` (400 per township at full size: 1 million) loaded
set-based without their full-process rows (`generate_cases` below), a year of events from
the dispatch benchmark's generator (quanze/dispatch/loop/fabricate.py: 2 million at full size, with
their assignments and disputes), then for each county a published territorial list of
`--matters` matters, each tied (关联职权) to every `matters`-th item of the township
lists, and every event given one of its county's matters.

Measured, median of `repeat` runs after one warm-up: `indicators.measure(round)` (every
indicator of every held township × item pair: held and exercised, cases, dispatch
measures through the matters, disputes, declined claims, certified officers, inputs), and
the baseline: the hand-written statements computing the same per-pair figures
(`BASELINE`); the ratio is to it (target ≤ 2x). The figures must agree (checked before
timing). Also `round_compute` once (measure, score, write every indicator row, reach the
proposals) with its query count.
"""

import argparse
import time
from datetime import UTC, date, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.enforcement_exercise import COUNTED, VERSIONS, median_ms
from bench.env import setup_django
from bench.steps import report
from quanze.core.bulk import without_indexes

START, END = date(2025, 1, 1), date(2025, 12, 31)

HELD = (
    VERSIONS
    + f"""cases AS (
    SELECT township_id, power_id, COUNT(*) AS n FROM enforcement_case
    WHERE township_id IS NOT NULL AND {COUNTED.format(k="")}
    GROUP BY township_id, power_id
),
recorded AS (
    SELECT DISTINCT township_id, power_id FROM enforcement_exercise
    WHERE "on" >= %(start)s AND "on" <= %(end)s
)
SELECT held.township_id, held.power_id, COALESCE(cases.n, 0),
       CASE WHEN cases.n IS NOT NULL OR recorded.power_id IS NOT NULL THEN 1 ELSE 0 END
FROM held
LEFT JOIN cases ON cases.township_id = held.township_id AND cases.power_id = held.power_id
LEFT JOIN recorded
  ON recorded.township_id = held.township_id AND recorded.power_id = held.power_id
"""
)
TIED = """
WITH tied AS (
    SELECT DISTINCT ri.matter_id, rp.power_id
    FROM duties_responsibilityitem_powers rp
    JOIN duties_responsibilityitem ri ON ri.id = rp.responsibilityitem_id
    JOIN duties_responsibilityversion v ON v.id = ri.version_id
    WHERE v.status IN ('published', 'superseded') AND v.effective_date <= %(end)s
),"""
DISPATCH = (
    TIED
    + """
per_matter AS (
    SELECT e.township_id, e.matter_id, COUNT(*) AS dispatched,
           SUM(CASE WHEN a.accepted_in_time THEN 1 ELSE 0 END) AS in_time,
           SUM(CASE WHEN a.handled_at IS NOT NULL AND (e.satisfied IS NULL OR e.satisfied)
                    THEN 1 ELSE 0 END) AS resolved,
           SUM(CASE WHEN e.satisfied IS NOT NULL THEN 1 ELSE 0 END) AS rated,
           SUM(CASE WHEN e.satisfied THEN 1 ELSE 0 END) AS satisfied,
           SUM(CASE WHEN a.sent_back THEN 1 ELSE 0 END) AS sent_back,
           SUM(a.handle_seconds) AS seconds, COUNT(a.handle_seconds) AS timed
    FROM dispatch_assignment a JOIN dispatch_event e ON e.id = a.event_id
    WHERE a.role IN ('primary', 'fallback') AND a.assigned_at >= %(from)s
      AND a.assigned_at < %(until)s AND e.township_id IS NOT NULL AND e.matter_id IS NOT NULL
    GROUP BY e.township_id, e.matter_id
)
SELECT p.township_id, tied.power_id, SUM(p.dispatched), SUM(p.in_time), SUM(p.resolved),
       SUM(p.rated), SUM(p.satisfied), SUM(p.sent_back), SUM(p.seconds), SUM(p.timed)
FROM per_matter p JOIN tied ON tied.matter_id = p.matter_id
GROUP BY p.township_id, tied.power_id
"""
)
DISPUTES = (
    TIED
    + """
per_matter AS (
    SELECT e.township_id, e.matter_id, COUNT(*) AS n,
           SUM(CASE WHEN d.department_lost THEN 1 ELSE 0 END) AS lost,
           SUM(CASE WHEN d.list_corrected THEN 1 ELSE 0 END) AS corrected
    FROM dispatch_dispute d JOIN dispatch_event e ON e.id = d.event_id
    WHERE d.raised_at >= %(from)s AND d.raised_at < %(until)s
      AND e.township_id IS NOT NULL AND e.matter_id IS NOT NULL
    GROUP BY e.township_id, e.matter_id
)
SELECT p.township_id, tied.power_id, SUM(p.n), SUM(p.lost), SUM(p.corrected)
FROM per_matter p JOIN tied ON tied.matter_id = p.matter_id
GROUP BY p.township_id, tied.power_id
"""
)
CERTIFIED = """
SELECT o.township_id, cf.field_id, COUNT(DISTINCT o.id)
FROM enforcement_certificate c
JOIN enforcement_officer o ON o.id = c.officer_id
JOIN enforcement_certificate_fields cf ON cf.certificate_id = c.id
WHERE c.status = 'valid' AND c.valid_from <= %(end)s AND c.valid_to >= %(end)s
  AND o.active AND o.township_id IS NOT NULL
GROUP BY o.township_id, cf.field_id
"""
CLAIMS = """
SELECT DISTINCT c.township_id, e.power_id FROM delegation_claim c
JOIN catalog_catalogentry e ON e.id = c.entry_id
WHERE c.claimed = %(no)s AND c.status IN ('submitted', 'accepted')
"""
POWERS = "SELECT id, field_id FROM catalog_power WHERE id IN (SELECT DISTINCT power_id FROM catalog_catalogentry)"
BASELINE = (HELD, DISPATCH, DISPUTES, CERTIFIED, CLAIMS, POWERS)


def _params(prefix: str) -> dict:
    from django.utils import timezone

    adapt = connection.ops.adapt_datetimefield_value
    local = timezone.get_current_timezone()  # a round's dates are local days
    return {
        "low": prefix,
        "high": str(int(prefix) + 1).zfill(len(prefix)),
        "start": START,
        "end": END,
        "from": adapt(datetime(2025, 1, 1, tzinfo=local)),
        "until": adapt(datetime(2026, 1, 1, tzinfo=local)),
        "no": False,
    }


def baseline(prefix: str) -> dict:
    """The hand-written query set: per (township, item) cases, exercised and the dispatch
    sums; the certified officers joined in memory by the item's field, as the round does."""
    params = _params(prefix)
    with connection.cursor() as cursor:
        results = []
        for sql in BASELINE:
            cursor.execute(sql, params)
            results.append(cursor.fetchall())
    held, dispatch, disputes, certified, claims, powers = results
    fields = dict(powers)
    officers = {(t, f): n for t, f, n in certified}
    pairs = {(t, p): [n, ex, 0, 0, 0, 0, officers.get((t, fields[p]), 0)] for t, p, n, ex in held}
    for t, p, dispatched, _in_time, _resolved, rated, satisfied, *_ in dispatch:
        row = pairs.get((t, p))
        if row is not None:
            row[2], row[3], row[4] = dispatched, rated, satisfied
    for t, p, n, *_ in disputes:
        if (t, p) in pairs:
            pairs[(t, p)][5] = n
    declined = {pair for pair in claims if pair in pairs}
    for pair in declined:
        pairs[pair].append(1)
    return pairs


def _totals(pairs) -> tuple:
    return tuple(sum(int(row[i] or 0) for row in pairs.values()) for i in range(7)) + (
        sum(len(row) > 7 for row in pairs.values()),
    )


def _mine(m) -> tuple:
    rows = m.pairs.values()
    return (
        sum(p.cases for p in rows),
        sum(p.exercised for p in rows),
        sum(p.dispatched for p in rows),
        sum(p.rated for p in rows),
        sum(p.satisfied for p in rows),
        sum(p.disputes for p in rows),
        sum(p.certified for p in rows),
        sum(p.declined for p in rows),
    )


def tie_matters(matters: int) -> int:
    """A published territorial list per county with `matters` matters, matter k tied to
    every `matters`-th township-list item from the k-th; each event gets a matter of its
    county. Set-based: a few bulk inserts and one UPDATE."""
    from quanze.catalog.models import Catalog, CatalogEntry
    from quanze.duties.territorial.models import (
        Matter,
        ResponsibilityItem,
        ResponsibilityList,
        ResponsibilityVersion,
    )
    from quanze.org.models import Department, Division

    items = sorted(
        set(
            CatalogEntry.objects.filter(version__catalog__kind=Catalog.Kind.TOWNSHIP_LIST)
            .values_list("power_id", flat=True)
            .distinct()
        )
    )
    counties = list(Division.objects.filter(level=Division.Level.COUNTY).order_by("pk"))
    primary = dict(Department.objects.order_by("-pk").values_list("division_id", "pk"))
    made = Matter.objects.bulk_create(
        [Matter(county=c, name=f"属地事项{k:03d}") for c in counties for k in range(matters)],
        batch_size=5000,
    )
    lists = ResponsibilityList.objects.bulk_create(
        [ResponsibilityList(county=c, name=f"{c.name}属地管理事项清单") for c in counties]
    )
    versions = ResponsibilityVersion.objects.bulk_create(
        [
            ResponsibilityVersion(
                responsibility_list=rl, number=1, status="published",
                effective_date=START, published_at=datetime(2024, 12, 20, tzinfo=UTC),
            )
            for rl in lists
        ]
    )  # fmt: skip
    version_of = {rl.county_id: v.pk for rl, v in zip(lists, versions, strict=True)}
    rows = ResponsibilityItem.objects.bulk_create(
        [
            ResponsibilityItem(
                version_id=version_of[m.county_id], matter=m, position=i % matters + 1,
                primary_department_id=primary.get(m.county_id),
            )
            for i, m in enumerate(made)
        ],
        batch_size=5000,
    )  # fmt: skip
    through = ResponsibilityItem.powers.through
    through.objects.bulk_create(
        [
            through(responsibilityitem_id=row.pk, power_id=power)
            for i, row in enumerate(rows)
            for power in items[i % matters :: matters]
        ],
        batch_size=10000,
    )
    event, matter = "dispatch_event", Matter._meta.db_table
    # every event row is rewritten: its indexes rebuilt once rather than updated per row
    with without_indexes(event), connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {event} SET matter_id = (
                    SELECT MIN(m.id) FROM {matter} m WHERE m.county_id = {event}.county_id
                ) + {event}.id % {matters}"""
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return len(made)


def generate_cases(per_township: int) -> dict:
    """The year of cases the round reads, loaded set-based: the cases of
    `quanze generate_cases` (same seed, same case rows: `CaseFabricator`, its officers and
    certificates), written without the full-process rows the round never reads (steps,
    their officers, evidence, custody, history), with the case and officer tables'
    secondary indexes dropped during the load and rebuilt once (quanze.core.bulk), then
    ANALYZE. The rows go in through `quanze.core.bulk` (COPY on PostgreSQL)."""
    from quanze.enforcement.cases import fabricate
    from quanze.enforcement.cases.models import Case
    from quanze.enforcement.officers.models import Certificate, Officer

    class CasesOnly(fabricate.CaseFabricator):
        def flush(self, counts: dict) -> None:
            cases = self.buffers["case"]
            fabricate.bulk.insert_rows(Case, cases, fabricate.CASE_FIELDS)
            counts["cases"] += len(cases)
            for rows in self.buffers.values():
                rows.clear()

    tables = [Case._meta.db_table, Officer._meta.db_table, Certificate._meta.db_table]
    tables.append(Certificate.fields.through._meta.db_table)
    with without_indexes(*tables):
        counts = CasesOnly(seed=1, per_township=per_township, year=START.year).run()
    with connection.cursor() as cursor:  # fresh statistics, as after any bulk load
        cursor.execute("ANALYZE")
    return counts


def generate(per_township: int, events: int, matters: int) -> tuple[list[dict], dict]:
    """The year (cases, events with their assignments and disputes, the tied matters), each
    part timed; the figures and what was made."""
    from quanze.dispatch.loop.fabricate import generate_events

    started = time.perf_counter()
    cases = generate_cases(per_township)
    cases_s = time.perf_counter() - started
    # The evaluation reads the raw assignments, not the measures' aggregates: no rebuild.
    made = generate_events(events=events, open_events=events // 10, measures=False)
    events_s = time.perf_counter() - started - cases_s
    tied = tie_matters(matters)
    total = time.perf_counter() - started
    note = (
        f"案件 {cases['cases']} 件 {cases_s:.1f} 秒;事件 {made['events']} 件(共 {made['rows']} 行)"
        f" {events_s:.1f} 秒;{tied} 个属地事项 {total - cases_s - events_s:.1f} 秒"
    )
    return [{"name": "evaluation.setup", "value": round(total, 1), "unit": "s", "note": note}], {
        "cases": cases["cases"],
        "events": made["events"],
    }


def measure(repeat: int, per_township: int, events: int, matters: int) -> list[dict]:
    from quanze.evaluation.models import Indicator, Proposal
    from quanze.evaluation.rounds import indicators, services
    from quanze.org.models import Division
    from quanze.org.roles import code_prefix

    figures = []
    if per_township or events:
        figures, _made = generate(per_township, events, matters)
    province = Division.objects.get(level=Division.Level.PROVINCE)
    round_ = services.round_create(by=None, county=province, title="全省评估", start=START, end=END)
    round_ = services.round_open(by=None, round_=round_)
    ms, m = median_ms(lambda: indicators.measure(round_), repeat)
    raw, pairs = median_ms(lambda: baseline(code_prefix(province)), repeat)
    assert len(pairs) == len(m.pairs), "乡镇×事项数与手写 SQL 不一致"
    assert _mine(m) == _totals(pairs), ("指标与手写 SQL 不一致", _mine(m), _totals(pairs))
    with CaptureQueriesContext(connection) as queries:
        begun = time.perf_counter()
        services.round_compute(by=None, round_=round_)
        compute = time.perf_counter() - begun
    totals = _mine(m)
    figures += [
        {"name": "evaluation.round.measure.median", "value": round(ms, 1), "unit": "ms",
         "ratio": ms / raw if raw else None,
         "note": f"{len(m.pairs)} 个乡镇×事项({len(m.townships)} 个乡镇);案件 {totals[0]},"
                 f"派发 {totals[2]};目标 ≤ 2x"},
        {"name": "evaluation.round.raw_sql", "value": round(raw, 1), "unit": "ms"},
        {"name": "evaluation.round.compute", "value": round(compute, 2), "unit": "s",
         "note": f"写入 {Indicator.objects.count()} 行指标、{Proposal.objects.count()} 条建议;"
                 f"{len(queries)} 条查询"},
    ]  # fmt: skip
    return figures


def evaluation_figures(size: dict, database, work) -> list[dict]:
    """Generate the province, then (in the measuring process) its year and the round."""
    from bench.__main__ import run_step
    from bench.dispatch import SIZES as EVENTS
    from bench.env import child_env

    per_township = 400 if size["townships"] >= 50 else 10
    events = EVENTS.get(size["townships"], EVENTS[3])["events"]
    with database(work / "evaluation") as url:
        env = child_env(work / "evaluation", url)
        shape = [f"--townships={size['townships']}", f"--items={size['items']}"]
        figures = run_step("generate", env, *shape, "--label=evaluation_data")
        figures += run_step(
            "measure", env, f"--repeat={min(size['repeat'], 5)}",
            f"--per-township={per_township}", f"--events={events}", module="bench.evaluation",
        )  # fmt: skip
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.evaluation")
    parser.add_argument("step", choices=["generate", "measure"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--per-township", type=int, default=400)
    parser.add_argument("--events", type=int, default=2_000_000)
    parser.add_argument("--matters", type=int, default=20)
    args = parser.parse_args()
    setup_django()
    if args.step == "generate":  # the year only, to measure later with --per-township=0 --events=0
        figures, _made = generate(args.per_township, args.events, args.matters)
    else:
        figures = measure(args.repeat, args.per_township, args.events, args.matters)
    for figure in figures:
        report(**figure)


if __name__ == "__main__":
    main()
