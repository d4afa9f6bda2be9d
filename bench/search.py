"""The catalog page and search over a county holding every generated power.

Each page is requested through Django's test Client as the county's establishment
office; the figure is the median wall time of the whole request (middleware,
view, queries, template). The baseline is the same page of rows fetched by one
raw SQL query: the query the ORM sends for the page, run through a cursor.
"""

import statistics
import time

from django.core.paginator import Paginator
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

PAGE_SIZE = 50


def _office():
    from quanze.org.models import Division, User

    county = Division.objects.filter(level=Division.Level.COUNTY).order_by("code").first()
    User.objects.get_or_create(
        username="bench-office",
        defaults={"role": User.Role.ESTABLISHMENT_OFFICE, "county": county},
    )
    return User.objects.select_related("county").get(username="bench-office"), county


def _median_ms(call, repeat: int) -> float:
    call()  # warm caches: templates, content types, the database's pages
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _queryset(user, params: dict):
    """The powers the page lists, found as the view finds them."""
    from quanze.catalog.powers import selectors
    from quanze.catalog.powers.forms import PowerFilterForm

    form = PowerFilterForm({k: v for k, v in params.items() if k != "page"}, user=user)
    assert form.is_valid(), form.errors
    return selectors.power_search(user, form.to_filter())


def _raw_page_ms(user, params: dict, repeat: int) -> float:
    """One SQL query for the page's rows, as the ORM would write it, and nothing else."""
    qs = _queryset(user, params)
    page = int(params.get("page", 1))
    sql, values = qs[(page - 1) * PAGE_SIZE : page * PAGE_SIZE].query.sql_with_params()

    def fetch():
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            return cursor.fetchall()

    return _median_ms(fetch, repeat)


def run_search(*, repeat: int) -> list[dict]:
    from quanze.catalog.models import Field, Power, PowerType
    from quanze.org.models import Department

    user, county = _office()
    client = Client()
    client.force_login(user)
    county_powers = Power.objects.filter(owner=county).order_by("code")
    middle = county_powers[county_powers.count() // 2]
    urban = Department.objects.get(division=county, short_name="县城管局")
    penalty = PowerType.objects.get(name="行政处罚")
    pages = {
        "list": {},
        "list_page50": {"page": 50},
        "search_2char": {"q": "执法"},
        "search_2char_common": {"q": "审批"},
        "search_code": {"q": middle.code},
        "filtered": {"department": urban.pk, "power_type": penalty.pk},
        "filtered_field": {"field": Field.objects.get(name="城市管理").pk, "q": "处罚"},
    }
    visible = Power.objects.filter(owner__code__startswith=county.code[:6]).count()
    figures = [
        {"name": "search.powers_in_table", "value": Power.objects.count(), "unit": "powers"},
        {"name": "search.powers_visible", "value": visible, "unit": "powers"},
    ]
    constant = page_size_queries()
    figures.append(
        {
            "name": "search.queries_at_page_size_10_50_200",
            "value": constant,
            "unit": "queries",
            "note": "各页大小查询数相同" if constant >= 0 else "查询数随页大小变化",
        }
    )
    for name, params in pages.items():
        reset_queries()  # DEBUG's query log is capped; counting needs room in it
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/catalog/powers/", params)
        assert response.status_code == 200, (name, response.status_code)
        matches = _queryset(user, params).count()
        view_ms = _median_ms(lambda p=params: client.get("/catalog/powers/", p), repeat)
        raw_ms = _raw_page_ms(user, params, repeat)
        figures += [
            {
                "name": f"search.{name}.median",
                "value": round(view_ms, 1),
                "unit": "ms",
                "ratio": view_ms / raw_ms if raw_ms else None,
                "note": f"{matches} 条匹配",
            },
            {"name": f"search.{name}.raw_sql", "value": round(raw_ms, 2), "unit": "ms"},
            {"name": f"search.{name}.queries", "value": len(queries), "unit": "queries"},
        ]
    return figures


def page_size_queries() -> int:
    """Queries the ORM needs for one page, whatever its size (select_related, no N+1)."""
    from quanze.catalog.powers import selectors

    user, _ = _office()
    counts = set()
    for size in (10, 50, 200):
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            page = Paginator(selectors.power_search(user, selectors.PowerFilter()), size).page(1)
            # What the table shows of each row; a missing select_related would query here.
            shown = [(p.power_type.name, p.field, p.department) for p in page.object_list]
            assert len(shown) <= size
        counts.add(len(queries))
    return counts.pop() if len(counts) == 1 else -1
