"""Enforcement force (issue 11): a province's officers and the certificate check a case
step makes. `python -m bench.force measure [--officers N] [--repeat N]`.

A province of 100 counties × 20 townships gets N officers (60,000 at full size: 30 per
township), each with a certificate of one or two of six fields; 5 % of certificates have
expired, 2 % are suspended, 3 % of officers are auxiliary staff, and a tenth hold a
second, older certificate. Then:

- `check`: `officers.selectors.certificate_check(officer, on=, field=)` — the call every
  investigative step (调查取证, 听证, 当场处罚) and every evidence entry makes for each of
  its officers — median per call over a sample of officers spread over the province
  (each officer fetched fresh, as the step's form gives it); baseline: the same SQL
  statements the check sends, through a cursor;
- `step_pair`: the two checks of a step with two officers;
- `expiry_queue`: a county justice bureau's expiry queue (90 days, first page of 50 and
  its count) against its raw SQL.
"""

import argparse
import contextlib
import random
import statistics
import time
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.env import setup_django
from bench.steps import report

FIELDS = ("城市管理", "市场监管", "自然资源", "生态环境", "农业农村", "应急管理")
ON = date(2026, 6, 1)


def _median_ms(call, repeat: int) -> float:
    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def build(officers: int) -> list[dict]:
    """The province, its officers and certificates, by bulk inserts."""
    from quanze.catalog.models import Field
    from quanze.enforcement.officers.models import Certificate, Officer
    from quanze.org.models import Division, User

    started = time.perf_counter()
    rng = random.Random("force-bench")
    province = Division.objects.create(code="380000000000", name="基准省", level="province")
    city = Division.objects.create(
        code="380100000000", name="基准市", level="city", parent=province
    )
    counties = Division.objects.bulk_create(
        Division(code=f"38{1 + n // 99:02d}{n % 99 + 1:02d}000000", name=f"基准县{n}",
                 level="county", parent=city)
        for n in range(100)
    )  # fmt: skip
    townships = Division.objects.bulk_create(
        Division(code=f"{c.code[:6]}{t + 1:03d}000", name=f"{c.name}第{t + 1}镇",
                 level="township", kind="town", parent=c)
        for c in counties
        for t in range(20)
    )  # fmt: skip
    fields = [Field.objects.get_or_create(name=name)[0] for name in FIELDS]
    per_township = max(1, officers // len(townships))
    rows = []
    for township in townships:
        for n in range(per_township):
            auxiliary = rng.random() < 0.03
            rows.append(
                Officer(
                    name=f"执法员{township.code[4:9]}{n:02d}",
                    county_id=township.parent_id,
                    township=township,
                    post_type="auxiliary" if auxiliary else rng.choice(
                        ["administrative", "institutional"]),
                )
            )  # fmt: skip
    people = Officer.objects.bulk_create(rows, batch_size=5000)
    certificates, chosen = [], []
    for n, person in enumerate(people):
        if person.post_type == "auxiliary":
            continue
        roll = rng.random()
        end = (
            ON - timedelta(days=rng.randint(1, 300))
            if roll < 0.05
            else ON + timedelta(days=rng.randint(1, 1500))
        )
        status = "suspended" if 0.05 <= roll < 0.07 else "valid"
        certificates.append(
            Certificate(
                officer=person,
                number=f"B{n:07d}",
                issuer="基准省人民政府",
                valid_from=date(2024, 1, 1),
                valid_to=end,
                status=status,
            )
        )
        chosen.append(rng.sample(fields, rng.choice((1, 2))))
        if rng.random() < 0.1:
            certificates.append(
                Certificate(
                    officer=person,
                    number=f"O{n:07d}",
                    issuer="基准省人民政府",
                    valid_from=date(2019, 1, 1),
                    valid_to=date(2023, 12, 31),
                )
            )
            chosen.append(rng.sample(fields, 1))
    made = Certificate.objects.bulk_create(certificates, batch_size=5000)
    through = Certificate.fields.through
    through.objects.bulk_create(
        (through(certificate_id=c.pk, field_id=f.pk) for c, fs in zip(made, chosen, strict=True)
         for f in fs),
        batch_size=10000,
    )  # fmt: skip
    User.objects.create(username="bench-force-bureau", role="justice_reviewer", county=counties[0])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    seconds = round(time.perf_counter() - started, 2)
    return [
        {"name": "force.officers", "value": len(people), "unit": "officers",
         "note": f"{len(counties)} 个县、{len(townships)} 个乡镇;建库 {seconds} s"},
        {"name": "force.certificates", "value": len(made), "unit": "certificates"},
    ]  # fmt: skip


def measure(repeat: int) -> list[dict]:
    from django.core.exceptions import ValidationError

    from quanze.catalog.models import Field
    from quanze.enforcement.officers.models import Officer
    from quanze.enforcement.officers.selectors import certificate_check, certificates_expiring
    from quanze.org.models import User

    field = Field.objects.get(name=FIELDS[0])
    ids = list(Officer.objects.order_by("id").values_list("id", flat=True))
    rng = random.Random("force-sample")
    sample = rng.sample(ids, min(len(ids), 400, max(50, len(ids) // 20)))
    people = list(Officer.objects.filter(pk__in=sample))  # as the step's form gives them

    def check(officer):
        with contextlib.suppress(ValidationError):
            certificate_check(officer, on=ON, field=field)

    def fetch_and_check(pk):
        check(Officer.objects.get(pk=pk))

    outcomes = {"ok": 0, "refused": 0}
    statements = []
    for officer in people:
        with CaptureQueriesContext(connection) as queries:
            try:
                certificate_check(officer, on=ON, field=field)
                outcomes["ok"] += 1
            except ValidationError:
                outcomes["refused"] += 1
        statements.append([q["sql"] for q in queries.captured_queries])
    queries_per_check = max(len(s) for s in statements)

    def all_checks():
        for officer in people:
            check(officer)

    def all_fetched():
        for pk in sample:
            fetch_and_check(pk)

    def all_raw():
        with connection.cursor() as cursor:
            for sqls in statements:
                for sql in sqls:
                    cursor.execute(sql)
                    cursor.fetchall()

    rounds = max(3, repeat // 3)
    per_check = _median_ms(all_checks, rounds) / len(people)
    fetched = _median_ms(all_fetched, rounds) / len(sample)
    raw = _median_ms(all_raw, rounds) / len(people)
    pairs = [(people[i], people[i + 1]) for i in range(0, min(len(people), 200) - 1, 2)]
    step = _median_ms(lambda: [check(a) or check(b) for a, b in pairs], rounds) / len(pairs)

    bureau = User.objects.get(username="bench-force-bureau")
    queue = certificates_expiring(bureau, on=ON, within=90)

    def page():
        list(queue[:50])
        queue.count()

    sql, params = queue[:50].query.sql_with_params()

    def raw_page():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()
        queue.count()

    queue_ms = _median_ms(page, repeat)
    queue_raw = _median_ms(raw_page, repeat)
    return [
        {"name": "force.check.median", "value": round(per_check, 3), "unit": "ms",
         "ratio": per_check / raw if raw else None,
         "note": f"每次核验;{outcomes['ok']} 通过 {outcomes['refused']} 拒绝;目标 < 5 ms"},
        {"name": "force.check_with_fetch.median", "value": round(fetched, 3), "unit": "ms",
         "note": "连同按编号取执法人员"},
        {"name": "force.check.raw_sql", "value": round(raw, 3), "unit": "ms"},
        {"name": "force.check.queries", "value": queries_per_check, "unit": "queries"},
        {"name": "force.step_pair.median", "value": round(step, 3), "unit": "ms",
         "note": "一个执法步骤的两名执法人员"},
        {"name": "force.expiry_queue.median", "value": round(queue_ms, 2), "unit": "ms",
         "ratio": queue_ms / queue_raw if queue_raw else None,
         "note": f"一个县司法局的到期队列首页,{queue.count()} 本"},
    ]  # fmt: skip


def force_figures(size: dict, database, work) -> list[dict]:
    """Build the province's officers and measure, in one child process per database."""
    from bench.__main__ import run_step
    from bench.env import child_env

    officers = 60_000 if size["townships"] >= 2500 else 6_000 if size["townships"] >= 50 else 2_000
    with database(work / "force") as url:
        env = child_env(work / "force", url)
        return run_step(
            "measure", env, f"--officers={officers}", f"--repeat={size['repeat']}",
            module="bench.force",
        )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.force")
    parser.add_argument("step", choices=["measure"])
    parser.add_argument("--officers", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    setup_django()
    for figure in build(args.officers) + measure(args.repeat):
        report(**figure)


if __name__ == "__main__":
    main()
