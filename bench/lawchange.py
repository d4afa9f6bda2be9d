"""Law-change impact benchmark: `python -m bench.lawchange measure --townships T --powers P`.

The rows: T township lists (乡镇权责清单), each with a superseded and a published version
holding all P powers: 2 × T × P catalog entries (full size 2,500 × 2 × 2,600 = 13 M list
rows), generated set-based in the database (INSERT … SELECT over generate_series on
PostgreSQL, the table's secondary indexes and foreign keys built after the load; over
the power table on SQLite). Each power cites two of 20 acts; the
amendment looked up changes two articles of one act, which 9 powers cite at full size.

- impact.lookup: `lawchange.selectors.impact_rows` for that amendment across the
  province (every kind of list: powers, catalogs, duty, territorial, benchmarks, guiding
  cases), median of R runs, against the simplest raw SQL giving the same catalog rows
  (citation → entry → version → catalog → division, one SELECT);
- impact.page: the same lookup plus the impact page's sort and first page (core.listing).
"""

import argparse
import statistics
import time

from bench.env import setup_django
from bench.steps import report

ACTS, ARTICLES = 20, 60


def _median(call, repeat: int) -> float:
    call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def generate(townships: int, powers: int) -> int:
    """The divisions, powers, citations, catalogs and versions by the ORM; the entries by
    one INSERT … SELECT. Returns the number of entries."""
    from django.db import connection
    from django.utils import timezone

    from quanze.catalog.models import Catalog, CatalogVersion, Citation, Power, PowerType
    from quanze.core.bulk import without_secondary_indexes
    from quanze.evaluation.lawchange.models import ActVersion, LegalAct
    from quanze.org.models import Division

    level = Division.Level
    province = Division.objects.create(code="370000000000", name="山东省", level=level.PROVINCE)
    counties = Division.objects.bulk_create(
        Division(code=f"37{c // 20 + 1:02d}{c % 20 + 1:02d}000000", name=f"县{c}",
                 level=level.COUNTY, parent=province)
        for c in range((townships + 99) // 100)
    )  # fmt: skip
    towns = Division.objects.bulk_create(
        Division(code=f"{counties[t // 100].code[:6]}{t % 100 + 1:03d}000", name=f"镇{t}",
                 level=level.TOWNSHIP, parent=counties[t // 100])
        for t in range(townships)
    )  # fmt: skip
    kind = PowerType.objects.first()
    Power.objects.bulk_create(
        (Power(owner=province, code=f"P{k:05d}", name=f"事项{k}", power_type=kind,
               search_text=f"p{k:05d}") for k in range(powers)),
        batch_size=5000,
    )  # fmt: skip
    ids = list(Power.objects.order_by("pk").values_list("pk", flat=True))
    Citation.objects.bulk_create(
        (Citation(power_id=pid, position=pos, act_title=f"基准法规{(k + pos * 7) % ACTS}",
                  article=str((k // ACTS) % ARTICLES + 1 + pos), rank="法律")
         for k, pid in enumerate(ids) for pos in (0, 1)),
        batch_size=5000,
    )  # fmt: skip
    act = LegalAct.objects.create(title="基准法规0", rank="法律")
    ActVersion.objects.create(act=act, number=1, effective_date="2020-01-01")
    catalogs = Catalog.objects.bulk_create(
        (Catalog(name=f"镇{t.pk}权责清单", kind=Catalog.Kind.TOWNSHIP_LIST, owner=t)
         for t in towns), batch_size=5000,
    )  # fmt: skip
    now = timezone.now()
    CatalogVersion.objects.bulk_create(
        (CatalogVersion(catalog=c, number=n, status=status, published_at=now)
         for c in catalogs for n, status in ((1, "superseded"), (2, "published"))),
        batch_size=5000,
    )  # fmt: skip
    entries = "catalog_catalogentry (version_id, power_id, position, set_kind, snapshot_id)"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            first, last = ids[0], ids[-1]
            assert last - first + 1 == len(ids), "power ids are not contiguous"
            with without_secondary_indexes(cursor, "catalog_catalogentry"):
                cursor.execute(
                    f"INSERT INTO {entries} SELECT v.id, %s + g, g + 1, '', NULL "
                    "FROM catalog_catalogversion v CROSS JOIN generate_series(0, %s) g",
                    [first, last - first],
                )
            cursor.execute("ANALYZE")
        else:
            cursor.execute(
                f"INSERT INTO {entries} SELECT v.id, p.id, p.id, '', NULL "
                "FROM catalog_catalogversion v CROSS JOIN catalog_power p"
            )
            cursor.execute("ANALYZE")
        cursor.execute("SELECT COUNT(*) FROM catalog_catalogentry")
        count = cursor.fetchone()[0]
    from quanze.catalog.catalogs import in_force

    in_force.rebuild()  # versions written set-based, not by the publishing services
    return count


def step_measure(args) -> None:
    setup_django()
    from django.db import connection
    from django.test import RequestFactory

    from quanze.core.listing import listing
    from quanze.evaluation.lawchange import selectors
    from quanze.evaluation.lawchange.models import LegalAct
    from quanze.evaluation.lawchange.titles import title_variants

    started = time.perf_counter()
    total = generate(args.townships, args.powers)
    report("lawchange.rows", total, "rows", note=f"生成用时 {time.perf_counter() - started:.0f} s")
    act = LegalAct.objects.get(title="基准法规0")
    scope = selectors.Scope(act, ("1", "2"), 2027)

    def ours():
        return selectors.impact_rows(scope)

    def page():
        params = RequestFactory().get("/", {"sort": "division", "page": "1"}).GET
        return listing(params, ours(), columns=selectors.COLUMNS).page.object_list

    titles = title_variants(act.title, act.aliases)
    marks = ", ".join(["%s"] * len(titles))
    sql = f"""
        SELECT e.id, c.kind, c.name, v.number, p.code, p.name, d.name, d.code
        FROM catalog_citation ci
        JOIN catalog_catalogentry e ON e.power_id = ci.power_id
        JOIN catalog_catalogversion v ON v.id = e.version_id
        JOIN catalog_catalog c ON c.id = v.catalog_id
        JOIN org_division d ON d.id = c.owner_id
        JOIN catalog_power p ON p.id = e.power_id
        WHERE ci.act_title IN ({marks}) AND ci.article IN ('1', '2', '')
          AND (ci.revision_year IS NULL OR ci.revision_year < 2027)
          AND v.status IN ('draft', 'published')"""

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, titles)
            return cursor.fetchall()

    found, raw_rows = ours(), raw()
    catalog_rows = sum(1 for r in found if r["kind"] == "township_list")
    assert catalog_rows == len(raw_rows), (catalog_rows, len(raw_rows))
    ours_s, raw_s = _median(ours, args.repeat), _median(raw, args.repeat)
    page_s = _median(page, args.repeat)
    powers = len(selectors.cited_powers(scope))
    report("lawchange.impact.lookup", round(ours_s * 1000, 1), "ms", ratio=ours_s / raw_s,
           note=f"{len(found):,} 个受影响条目({powers} 项事项引用第1、2条),{total:,} 行中")  # fmt: skip
    report("lawchange.impact.raw_sql", round(raw_s * 1000, 1), "ms", note="一条手写 SELECT")
    report("lawchange.impact.page", round(page_s * 1000, 1), "ms", ratio=page_s / raw_s,
           note="查找 + 排序 + 第一页(50 行)")  # fmt: skip


def lawchange_figures(size: dict, database, work) -> list[dict]:
    from bench.delegation import _run
    from bench.env import child_env

    with database(work / "lawchange") as url:
        env = child_env(work / "lawchange", url)
        return _run(
            "measure",
            env,
            f"--townships={size['townships']}",
            f"--powers={size['law_powers']}",
            f"--repeat={size['repeat']}",
            module="bench.lawchange",
        )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.lawchange")
    parser.add_argument("step", choices=["measure"])
    parser.add_argument("--townships", type=int, default=2500)
    parser.add_argument("--powers", type=int, default=2600)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    step_measure(args)


if __name__ == "__main__":
    main()
