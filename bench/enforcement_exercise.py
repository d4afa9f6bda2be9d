"""Enforcement (issue 10): the exercise-rate report (行权率) over a province's year of cases,
against one hand-written SQL statement computing the same figures.

Data: the province of `quanze generate`; before its cases are generated, every second
township list gets a version 2 taking effect on 1 July that drops every fifth item
(`mid_year_versions`), so the report meets lists that change mid-year; then a year of
cases from `quanze generate_cases` (which starts no case under a version after the next
one takes over).

Measured, median of `repeat` runs after one warm-up, for the province over the year, the
province from 1 August (a period starting after the mid-year versions) and one county
over the year: `exercise_report` (township rows with held and exercised items, fines
decided, paid and returned, counties, total), and the baseline: one hand-written
statement per township with the same five figures, in three shapes (`BASELINE`: EXISTS
probes per held pair or a join against the distinct pairs exercised, the fines' cases
chosen by county or by the townships of the rates); the ratio is to the fastest. The report's figures must equal the baseline's (checked before timing).
"""

import statistics
import time
from datetime import date
from decimal import Decimal

from django.db import connection

PERIODS = {
    "province.year": (date(2025, 1, 1), date(2025, 12, 31)),
    "province.from_august": (date(2025, 8, 1), date(2025, 12, 31)),
    "county.year": (date(2025, 1, 1), date(2025, 12, 31)),
}

VERSIONS = """
WITH versions AS (
    SELECT v.id, c.owner_id AS township_id, v.effective_date AS starts,
           LEAD(v.effective_date) OVER (
               PARTITION BY v.catalog_id ORDER BY v.effective_date, v.number) AS until
    FROM catalog_catalogversion v
    JOIN catalog_catalog c ON c.id = v.catalog_id
    JOIN org_division t ON t.id = c.owner_id
    WHERE c.kind = 'township_list' AND v.published_at IS NOT NULL
      AND v.effective_date <= %(end)s AND t.level = 'township'
      AND t.code >= %(low)s AND t.code < %(high)s
),
held AS (
    SELECT DISTINCT versions.township_id, e.power_id
    FROM versions JOIN catalog_catalogentry e ON e.version_id = versions.id
    WHERE versions.until IS NULL
       OR (versions.until > %(start)s AND versions.until > versions.starts)
),
"""
COUNTED = """{k}opened_on >= %(start)s AND {k}opened_on <= %(end)s
      AND NOT ({k}filed_on IS NULL AND {k}closed_on IS NOT NULL)"""
RATES = {
    "exists": f"""
rates AS (
    SELECT township_id, COUNT(*) AS held,
           SUM(CASE WHEN EXISTS (
                   SELECT 1 FROM enforcement_case k
                   WHERE k.township_id = held.township_id AND k.power_id = held.power_id
                     AND {COUNTED.format(k="k.")}
               ) OR EXISTS (
                   SELECT 1 FROM enforcement_exercise x
                   WHERE x.township_id = held.township_id AND x.power_id = held.power_id
                     AND x."on" >= %(start)s AND x."on" <= %(end)s
               ) THEN 1 ELSE 0 END) AS exercised
    FROM held GROUP BY township_id
),""",
    "join": f"""
used AS (
    SELECT township_id, power_id FROM enforcement_case
    WHERE township_id IS NOT NULL AND {COUNTED.format(k="")}
    UNION
    SELECT township_id, power_id FROM enforcement_exercise
    WHERE "on" >= %(start)s AND "on" <= %(end)s
),
rates AS (
    SELECT held.township_id, COUNT(*) AS held, COUNT(used.power_id) AS exercised
    FROM held LEFT JOIN used
      ON used.township_id = held.township_id AND used.power_id = held.power_id
    GROUP BY held.township_id
),""",
}
FINES = """
fines AS (
    SELECT k.township_id,
           SUM(CASE WHEN k.decided_on >= %(start)s AND k.decided_on <= %(end)s
                    THEN k.fine_amount END) AS decided,
           SUM(CASE WHEN k.paid_on >= %(start)s AND k.paid_on <= %(end)s
                    THEN k.paid_amount END) AS paid,
           SUM(CASE WHEN k.paid_on >= %(start)s AND k.paid_on <= %(end)s
                    THEN k.paid_amount * (
                        SELECT d.fine_return_share FROM delegation_decision d
                        JOIN delegation_decision_townships dt
                          ON dt.decision_id = d.id AND dt.division_id = k.township_id
                        JOIN delegation_decision_items di ON di.decision_id = d.id
                        JOIN delegation_batchitem bi ON bi.id = di.batchitem_id
                        JOIN delegation_itemassessment ia ON ia.id = bi.item_id
                        WHERE d.status = 'published' AND d.effective_date <= k.opened_on
                          AND ia.power_id = k.power_id
                        ORDER BY d.effective_date DESC, d.id DESC LIMIT 1) / 100 END) AS returned
    FROM enforcement_case k
    WHERE {cases}
      AND ((k.decided_on >= %(start)s AND k.decided_on <= %(end)s)
        OR (k.paid_on >= %(start)s AND k.paid_on <= %(end)s))
    GROUP BY k.township_id
)
SELECT rates.township_id, rates.held, rates.exercised,
       fines.decided, fines.paid, fines.returned
FROM rates LEFT JOIN fines ON fines.township_id = rates.township_id
ORDER BY rates.township_id
"""
CASES = {
    # the scope's cases by their county (index (county, decided_on) and (county, paid_on))
    "": """k.township_id IS NOT NULL
      AND k.county_id IN (SELECT id FROM org_division
                          WHERE level = 'county' AND code >= %(low)s AND code < %(high)s)""",
    # or by the townships of the rates (SQLite plans this one better for a county)
    "_by_township": "k.township_id IN (SELECT township_id FROM rates)",
}
BASELINE = {
    f"{shape}{by}": VERSIONS + rates + FINES.replace("{cases}", cases)
    for shape, rates in RATES.items()
    for by, cases in CASES.items()
    if shape == "exists" or not by
}


def mid_year_versions(on: date = date(2025, 7, 1)) -> int:
    """Version 2 of every second township list, from `on`, without every fifth item of
    version 1 (which becomes 已废止). Three set-based statements; returns the lists changed."""
    from quanze.catalog.models import Catalog, CatalogVersion

    firsts = list(
        CatalogVersion.objects.filter(
            catalog__kind=Catalog.Kind.TOWNSHIP_LIST, number=1, published_at__isnull=False
        )
        .order_by("catalog_id")
        .values_list("pk", "catalog_id", "published_at")[::2]
    )
    if not firsts:
        return 0
    created = CatalogVersion.objects.bulk_create(
        [
            CatalogVersion(
                catalog_id=catalog_id, number=2, status=CatalogVersion.Status.PUBLISHED,
                effective_date=on, document_number="基准测试〔2025〕7号", published_at=published,
            )
            for _, catalog_id, published in firsts
        ],
        batch_size=2000,
    )  # fmt: skip
    CatalogVersion.objects.filter(pk__in=[pk for pk, _, _ in firsts]).update(
        status=CatalogVersion.Status.SUPERSEDED
    )
    pairs = [(new.pk, old) for new, (old, _, _) in zip(created, firsts, strict=True)]
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), 500):
            chunk = pairs[start : start + 500]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f"""
                WITH mapping(new_id, old_id) AS (VALUES {values})
                INSERT INTO catalog_catalogentry (version_id, power_id, position, set_kind,
                                                  snapshot_id)
                SELECT mapping.new_id, e.power_id, e.position, e.set_kind, e.snapshot_id
                FROM catalog_catalogentry e JOIN mapping ON mapping.old_id = e.version_id
                WHERE e.position %% 5 <> 0""",
                [x for pair in chunk for x in pair],
            )
    from quanze.catalog.catalogs import in_force

    in_force.record(published=[new for new, _ in pairs], superseded=[old for _, old in pairs])
    return len(firsts)


def median_ms(call, repeat: int) -> tuple[float, object]:
    """The median milliseconds of `repeat` calls after a warm-up one, and what it returned
    (bench.evaluation times the same way)."""
    result = call()  # warm: the database's pages
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def _baseline(shape: str, prefix: str, start: date, end: date) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            BASELINE[shape], {"low": prefix, "high": _next(prefix), "start": start, "end": end}
        )
        return cursor.fetchall()


def _next(prefix: str) -> str:
    """The first code after every code starting with `prefix` (digits): a range the
    code index serves on both databases."""
    return str(int(prefix) + 1).zfill(len(prefix))


def _cents(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def _same(report, rows: list[tuple]) -> None:
    mine = sorted(
        (t.id, t.held, t.exercised, t.fines_decided, t.fines_paid, t.returned)
        for t in report.townships
    )
    theirs = [
        (tid, held, int(used), _cents(decided), _cents(paid), _cents(returned))
        for tid, held, used, decided, paid, returned in rows
    ]
    assert mine == theirs, "行权率报表与手写 SQL 的结果不一致"


def measure(repeat: int) -> list[dict]:
    from quanze.enforcement.statistics.exercise import exercise_report
    from quanze.enforcement.statistics.selectors import division_scope
    from quanze.org.models import Division
    from quanze.org.roles import code_prefix

    with connection.cursor() as cursor:  # a fresh bulk load: give the planner statistics
        cursor.execute("ANALYZE")
    province = Division.objects.get(level=Division.Level.PROVINCE)
    county = Division.objects.filter(level=Division.Level.COUNTY).order_by("code").first()
    figures = []
    for name, (start, end) in PERIODS.items():
        place = province if name.startswith("province") else county
        scope, prefix = division_scope(place), code_prefix(place)
        ms, report = median_ms(
            lambda s=scope, a=start, b=end: exercise_report(s, start=a, end=b), repeat
        )
        raw = {}
        for shape in BASELINE:
            raw[shape], rows = median_ms(
                lambda h=shape, p=prefix, a=start, b=end: _baseline(h, p, a, b), repeat
            )
            _same(report, rows)
        best = min(raw.values())
        total = report.total
        figures += [
            {"name": f"enforcement.exercise.{name}.median", "value": round(ms, 1), "unit": "ms",
             "ratio": ms / best if best else None,
             "note": f"{len(report.townships)} 个乡镇,承接 {total.held} 项次,行权 {total.exercised}"
                     f"(行权率 {total.rate or 0:.1%}),目标 ≤ 1.5x"},
        ]  # fmt: skip
        for shape, value in raw.items():
            figures.append(
                {"name": f"enforcement.exercise.{name}.raw_sql_{shape}",
                 "value": round(value, 1), "unit": "ms"}
            )  # fmt: skip
    return figures
