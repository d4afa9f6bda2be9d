"""A nation on one database: `python -m bench.nation measure [--provinces 31 --townships
38000 --items 556] [--repeat 7]`.

On the database of DATABASE_URL: `quanze generate --provinces … ` unless that database
already holds the first province (so a full-size nation generated once can be measured
again), then the first county gets scenario 002's territorial list (as
bench.dispatch_route does, one county: the lookup reads one county's list) and each page
is requested through Django's test Client, median of R runs (server time: middleware,
view, queries, template; no network):

- nation.list_page: a township's published list (/portal/lists/catalog/<pk>/, ~340
  rows), `cold` with the portal cache cleared before each request, `cached` as a second
  reader sees it; baseline: the ORM's own query for the rows, run through a cursor;
- nation.lists_index: the portal's index of every public list (/portal/lists/): page 1,
  page 200 and a name filter (?q=镇);
- nation.search.*: the county office's power search (/catalog/powers/?q=…, the bigram
  index, bench.search) and the portal's search across every list in force
  (/portal/search/?q=…);
- nation.lookup: 谁来管 (/portal/lookup/?text=…&place=<township>), cache cleared.

Table sizes (pg_total_relation_size) on PostgreSQL. Not part of `make bench` by default:
`python -m bench --only nation` (its own size table, `NATION` in bench/__main__.py).
"""

import argparse
import os
import time
from urllib.parse import quote

from bench.env import setup_django
from bench.steps import report

TABLES = [
    "catalog_catalogentry",
    "catalog_catalogversion",
    "catalog_catalog",
    "catalog_power",
    "catalog_powersnapshot",
    "org_division",
    "org_department",
    "core_changerecord",
]


def _sizes() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                f"SELECT pg_total_relation_size('{table}'), (SELECT COUNT(*) FROM {table})"
            )
            size, rows = cursor.fetchone()
            report(f"nation.size.{table}", round(size / 2**20, 1), "MiB", note=f"{rows:,} 行")
        cursor.execute("SELECT pg_database_size(current_database())")
        report("nation.size.database", round(cursor.fetchone()[0] / 2**20, 1), "MiB")


def _territorial(county) -> None:
    from quanze.duties.scenarios.s002 import EFFECTIVE, rows
    from quanze.duties.territorial import services as territorial

    responsibility_list = territorial.list_for_county(by=None, county=county)
    if responsibility_list.versions.exclude(published_at=None).exists():
        return
    draft = territorial.version_draft(by=None, responsibility_list=responsibility_list)
    territorial.version_set_items(by=None, version=draft, rows=rows(county))
    territorial.version_publish(by=None, version=draft, effective_date=EFFECTIVE)


def step_measure(args) -> None:
    setup_django()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from bench.search import _median_ms, _office, _raw_page_ms
    from quanze.catalog.catalogs.models import Catalog, CatalogEntry
    from quanze.catalog.demo.nation import PROVINCES
    from quanze.org.models import Division

    if not Division.objects.filter(code=PROVINCES[0][0]).exists():
        started = time.perf_counter()
        call_command(
            "generate",
            f"--provinces={args.provinces}",
            f"--townships={args.townships}",
            f"--items={args.items}",
            verbosity=0,
        )
        report("nation.generate", round(time.perf_counter() - started, 1), "s")
    entries = CatalogEntry.objects.count()
    townships = Division.objects.filter(level=Division.Level.TOWNSHIP).count()
    report("nation.rows", entries, "rows", note=f"{townships:,} 个乡镇的清单及各省指导目录")
    _sizes()

    user, county = _office()
    _territorial(county)
    lists = Catalog.objects.filter(kind=Catalog.Kind.TOWNSHIP_LIST).order_by("pk")
    shown = lists[lists.count() // 2]
    version = shown.versions.get()
    client = Client()
    url = f"/portal/lists/catalog/{shown.pk}/"

    def get(path, params=None, *, cold=False):
        if cold:
            cache.clear()
        response = client.get(path, params or {})
        assert response.status_code == 200, (path, response.status_code)
        return response

    repeat = args.repeat
    cold = _median_ms(lambda: get(url, cold=True), repeat)
    rows = version.entries.count()
    from quanze.catalog.catalogs import selectors as catalogs

    sql, values = catalogs.version_entry_values(version).query.sql_with_params()

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            return cursor.fetchall()

    raw_ms = _median_ms(raw, repeat)
    report("nation.list_page.cold", round(cold, 1), "ms", ratio=cold / raw_ms,
           note=f"{shown.owner.name} {rows} 项,清空缓存")  # fmt: skip
    cached = _median_ms(lambda: get(url), repeat)
    report("nation.list_page.cached", round(cached, 1), "ms", ratio=cached / raw_ms)
    report("nation.list_page.raw_sql", round(raw_ms, 1), "ms", note="该版本条目的一条 SELECT")
    index = _median_ms(lambda: get("/portal/lists/", cold=True), repeat)
    report("nation.lists_index.cold", round(index, 1), "ms", note=f"{lists.count():,} 份乡镇清单")
    for name, params in (("page200", {"page": 200}), ("q", {"q": "镇"})):
        index = _median_ms(lambda p=params: get("/portal/lists/", p, cold=True), repeat)
        report(f"nation.lists_index.{name}", round(index, 1), "ms", note=f"{params}")

    office = Client()
    office.force_login(user)
    for name, q in (("2char", "执法"), ("common", "审批")):
        page = _median_ms(lambda q=q: office.get("/catalog/powers/", {"q": q}), repeat)
        base = _raw_page_ms(user, {"q": q}, repeat)
        report(f"nation.search.powers_{name}", round(page, 1), "ms", ratio=page / base,
               note=f"本县可见事项检索 q={q}")  # fmt: skip
        portal = _median_ms(lambda q=q: get("/portal/search/", {"q": q}, cold=True), repeat)
        report(f"nation.search.portal_{name}", round(portal, 1), "ms",
               note=f"全国在用清单检索 q={q}")  # fmt: skip

    town = Division.objects.filter(
        level=Division.Level.TOWNSHIP, code__startswith=county.code[:6]
    ).first()
    lookup = f"/portal/lookup/?text={quote('路边井盖丢了')}&place={quote(town.name)}"
    found = _median_ms(lambda: get(lookup, cold=True), repeat)
    report("nation.lookup", round(found, 1), "ms", note=f"{county.name}{town.name},清空缓存")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.nation")
    parser.add_argument("step", choices=["measure"])
    parser.add_argument("--provinces", type=int, default=31)
    parser.add_argument("--townships", type=int, default=38_000)
    parser.add_argument("--items", type=int, default=556)
    parser.add_argument("--repeat", type=int, default=7)
    # Run by hand against a database generated once (DATABASE_URL): the test Client's host.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quanze.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    step_measure(parser.parse_args())


if __name__ == "__main__":
    main()
