"""A township's list page and its exports (issue 3, performance): `python -m bench.documents`.

On the generated province, one township's list gets a new published version of
350 items of the provincial catalog (as a decision would publish it: snapshots
frozen). Then, through Django's test Client as the county's establishment
office, the median wall time of the whole request for:

- the list page `/catalog/versions/<id>/`, against the baseline of one raw SQL
  fetch of the same rows (the query the ORM sends for the entries, through a cursor);
- the .xlsx export, the .docx and the PDF document of the same version;
- the PDF of a 350-duty township duty list, and the background task that renders
  it on publication (`bench/documents_duties.py`).
"""

import argparse
import shutil
import statistics
import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.env import setup_django
from bench.steps import report

LIST_ITEMS = 350


def _median_ms(call, repeat: int, clock=time.perf_counter) -> float:
    call()  # warm: templates, fonts, the database's pages
    times = []
    for _ in range(repeat):
        started = clock()
        call()
        times.append(clock() - started)
    return statistics.median(times) * 1000


def township_version(items: int):
    """A new published version of the first township's list holding `items` catalog powers."""
    from datetime import date

    from quanze.catalog.catalogs import services
    from quanze.catalog.models import Catalog, CatalogEntry

    township_list = (
        Catalog.objects.filter(kind=Catalog.Kind.TOWNSHIP_LIST)
        .select_related("owner")
        .order_by("owner__code")
        .first()
    )
    guiding = Catalog.objects.filter(kind=Catalog.Kind.GUIDING).order_by("pk").first()
    powers = [
        e.power
        for e in CatalogEntry.objects.filter(version__catalog=guiding, version__status="published")
        .select_related("power")
        .order_by("position")[:items]
    ]
    draft = services.version_draft(by=None, catalog=township_list)
    services.version_set_entries(by=None, version=draft, entries=[(p, "") for p in powers])
    return services.version_publish(
        by=None,
        version=draft,
        effective_date=date(2025, 7, 1),
        document_number="豫编发〔2025〕1号",
    )


def _office(version):
    from quanze.org.models import User

    county = version.catalog.owner.parent
    user, _ = User.objects.get_or_create(
        username="bench-documents-office",
        defaults={"role": User.Role.ESTABLISHMENT_OFFICE, "county": county},
    )
    return user


def _raw_rows_ms(version, repeat: int) -> float:
    """One SQL query for the page's rows, as the ORM writes it, and nothing else."""
    from quanze.catalog.catalogs import selectors

    sql, values = selectors.version_entry_values(version).query.sql_with_params()

    def fetch():
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            return cursor.fetchall()

    return _median_ms(fetch, repeat)


def _cold(client, url):
    """A download with no kept file: the document is rendered."""
    from quanze.catalog.documents import store

    shutil.rmtree(store.folder(), ignore_errors=True)
    return client.get(url)


def _pdf_pages(version) -> int:

    from quanze.catalog.documents import list_document, pdf

    return len(pdf.list_html_class()(string=pdf.html(list_document(version))).render().pages)


def run(*, items: int, repeat: int) -> list[dict]:
    version = township_version(items)
    count = version.entries.count()
    client = Client()
    client.force_login(_office(version))
    base = f"/catalog/versions/{version.pk}/"
    urls = {
        "list_page": base,
        "xlsx": base + "export.xlsx",
        "docx": base + "document.docx",
        "pdf": base + "document.pdf",
    }
    figures = [{"name": "documents.list_items", "value": count, "unit": "items"}]
    raw_ms = _raw_rows_ms(version, repeat)
    for name, url in urls.items():
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        if name in ("list_page", "xlsx"):
            ms = _median_ms(lambda u=url: client.get(u), repeat)
        else:  # a first download renders; later ones read the kept file (documents/store.py)
            ms = _median_ms(lambda u=url: _cold(client, u), max(3, repeat // 3))
            cached_ms = _median_ms(lambda u=url: client.get(u), repeat)
        figure = {"name": f"documents.{name}.median", "value": round(ms, 1), "unit": "ms"}
        if name == "list_page":
            figure |= {"ratio": ms / raw_ms if raw_ms else None, "note": f"{count} 项"}
        elif name in ("docx", "pdf"):
            figure["note"] = "首次生成"
        figures += [
            figure,
            {"name": f"documents.{name}.queries", "value": len(queries), "unit": "queries"},
        ]
        if name in ("docx", "pdf"):
            figures.append(
                {
                    "name": f"documents.{name}.cached_median",
                    "value": round(cached_ms, 1),
                    "unit": "ms",
                    "note": "已生成,读取保存的文件",
                }
            )
    # CPU time of this process alone: what a render costs when other work shares the cores.
    cpu_ms = _median_ms(lambda: _cold(client, urls["pdf"]), 3, clock=time.process_time)
    figures.append(
        {
            "name": "documents.pdf.cpu_median",
            "value": round(cpu_ms, 1),
            "unit": "ms",
            "note": "首次生成,本进程 CPU 时间",
        }
    )
    figures.append({"name": "documents.pdf.pages", "value": _pdf_pages(version), "unit": "pages"})
    from bench.documents_duties import duty_figures

    figures += duty_figures(client, version.catalog.owner, items, repeat)
    figures.append({"name": "documents.list_page.raw_sql", "value": round(raw_ms, 2), "unit": "ms"})
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.documents")
    parser.add_argument("step", choices=["measure"])
    parser.add_argument("--items", type=int, default=LIST_ITEMS)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    setup_django()
    for figure in run(items=args.items, repeat=args.repeat):
        report(**figure)


if __name__ == "__main__":
    main()
