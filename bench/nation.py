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
- nation.lookup: 谁来管 (/portal/lookup/?text=…&place=<township>), cache cleared;
- with `--events N` (a year of N dispatch events, `quanze generate_events`, written unless
  the database holds events already) nation.dispatch.*: the work queues of the first
  county's office, one of its townships and its busiest department (`/dispatch/?queue=…`,
  each page with its queue counts), an event page, the county's measures for the year;
  and nation.events.delete_month: what keeping a year costs without partitions (one
  month's events and their rows deleted, inside a transaction rolled back).

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
    "dispatch_event",
    "dispatch_assignment",
    "dispatch_eventlog",
    "dispatch_dispute",
    "dispatch_measuresday",
    "dispatch_durationbin",
    "dispatch_measuresmonth",
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
    if args.events:
        _events(args)
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
    if args.events:
        _dispatch_pages(county, town, repeat)
        _delete_month()


def _events(args) -> None:
    from django.core.management import call_command

    from quanze.dispatch.events.models import Event

    if Event.objects.exists():
        return
    started = time.perf_counter()
    call_command("generate_events", f"--events={args.events}", f"--open-events={args.open_events}")
    report("nation.events.generate", round(time.perf_counter() - started, 1), "s",
           note=f"{args.events:,} 件事件,其中未办结 {args.open_events:,} 件")  # fmt: skip


def _dispatch_pages(county, town, repeat: int) -> None:
    """The pages a county's units work from, at the nation's year of events (< 100 ms)."""
    from django.db.models import Count
    from django.test import Client

    from bench.search import _median_ms
    from quanze.dispatch.events.models import Assignment, Event
    from quanze.org.models import User

    busiest = (
        Assignment.objects.filter(event__county=county)
        .values("department_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    users = {
        "office": User.objects.get(username="bench-office"),
        "township": User.objects.get_or_create(
            username="bench-township",
            defaults={"role": User.Role.TOWNSHIP_CLERK, "county": county, "township": town},
        )[0],
        "department": User.objects.get_or_create(
            username="bench-department",
            defaults={
                "role": User.Role.DEPARTMENT_CLERK,
                "county": county,
                "department_id": busiest["department_id"],
            },
        )[0],
    }
    county_events = Event.objects.filter(county=county).count()
    report("nation.dispatch.county_events", county_events, "events",
           note=f"{county.name}全年;最忙部门 {busiest['n']} 次派发")  # fmt: skip
    for who, user in users.items():
        client = Client()
        client.force_login(user)
        for queue in ("new", "overdue", "all"):

            def page(q=queue, c=client):
                response = c.get("/dispatch/", {"queue": q})
                assert response.status_code == 200, (q, response.status_code)

            ms = _median_ms(page, repeat)
            report(f"nation.dispatch.queue.{who}.{queue}", round(ms, 1), "ms",
                   note="工作队列首页(含各队列计数)")  # fmt: skip
    office = Client()
    office.force_login(users["office"])
    event = Event.objects.filter(county=county, assignments__sent_back=True).order_by("pk").first()

    def ok(path, params=None):
        response = office.get(path, params or {})
        assert response.status_code == 200, (path, response.status_code)

    ms = _median_ms(lambda: ok(f"/dispatch/{event.pk}/"), repeat)
    report("nation.dispatch.event_page", round(ms, 1), "ms", note="退回后重新派发的事件页")
    year = {"start": "2025-01-01", "end": "2025-12-31"}
    ms = _median_ms(lambda: ok("/dispatch/measures/", year), repeat)
    report("nation.dispatch.measures", round(ms, 1), "ms", note=f"{county.name}各单位全年考评")


def _delete_month() -> None:
    """Retention without partitions: one month's events and every row keyed by them
    deleted (what DROP of a month's partitions would do), then rolled back."""
    from datetime import UTC, datetime

    from django.db import connection, transaction

    start, end = datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 2, 1, tzinfo=UTC)
    mine = "event_id IN (SELECT id FROM dispatch_event WHERE created_at >= %s AND created_at < %s)"
    deleted = 0
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for table in ("dispatch_eventlog", "dispatch_assignment", "dispatch_dispute"):
            cursor.execute(f"DELETE FROM {table} WHERE {mine}", [start, end])
            deleted += cursor.rowcount
        cursor.execute(
            "DELETE FROM dispatch_event WHERE created_at >= %s AND created_at < %s", [start, end]
        )
        deleted += cursor.rowcount
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    report("nation.events.delete_month", round(seconds, 1), "s",
           note=f"2025年1月事件及其记录 {deleted:,} 行(回滚)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.nation")
    parser.add_argument("step", choices=["measure"])
    parser.add_argument("--provinces", type=int, default=31)
    parser.add_argument("--townships", type=int, default=38_000)
    parser.add_argument("--items", type=int, default=556)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--events", type=int, default=0, help="a year of dispatch events")
    parser.add_argument("--open-events", type=int, default=0)
    # Run by hand against a database generated once (DATABASE_URL): the test Client's host.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quanze.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    step_measure(parser.parse_args())


if __name__ == "__main__":
    main()
