"""The DCAT-AP catalogue in pages (?page=N, hydra:PartialCollectionView with first,
previous, next and last links, a fixed page size, a stable order) and in full
(catalogue-all.jsonld); a page outside 1..last is a 404; a page costs the same number
of queries however many datasets the catalogue holds."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quanze.catalog.catalogs import services as catalogs
from quanze.portal.opendata import linked

PAGED = "/portal/data/catalogue.jsonld"
FULL = "/portal/data/catalogue-all.jsonld"
HERE = f"http://testserver{PAGED}"


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of one dataset: the world's four published versions make four pages."""
    monkeypatch.setattr(linked, "PAGE_SIZE", 1)


def get(client, address):
    answer = client.get(address)
    assert answer.status_code == 200, address
    return json.loads(answer.content)


def test_pages_link_each_other_and_together_make_the_full_export(client, world, small_pages):
    full = get(client, FULL)
    assert "view" not in full and len(full["dataset"]) == 4
    first = get(client, PAGED)
    assert first == get(client, f"{PAGED}?page=1")
    assert first["totalItems"] == 4 and first["@context"]["view"] == "hydra:view"
    assert first["view"] == {
        "@id": f"{HERE}?page=1",
        "@type": "PartialCollectionView",
        "first": f"{HERE}?page=1",
        "last": f"{HERE}?page=4",
        "next": f"{HERE}?page=2",
    }
    pages = [first]
    while "next" in pages[-1]["view"]:
        pages.append(get(client, pages[-1]["view"]["next"].removeprefix("http://testserver")))
    last = pages[-1]
    assert len(pages) == 4 and last["view"]["@id"] == first["view"]["last"]
    assert last["view"]["previous"] == f"{HERE}?page=3" and "next" not in last["view"]
    assert all(len(p["dataset"]) == 1 and p["totalItems"] == 4 for p in pages)
    # Every published version once, in the full export's order; the catalogue's own
    # description (title, publisher, newest modification) on every page.
    assert [d for p in pages for d in p["dataset"]] == full["dataset"]
    assert {(p["title"], p["modified"], p["@id"]) for p in pages} == {
        (full["title"], full["modified"], full["@id"])
    }


def test_a_new_version_links_across_pages_and_the_order_is_stable(client, world, small_pages):
    def listed():
        return [get(client, f"{PAGED}?page={n}")["dataset"][0]["identifier"] for n in (1, 2, 3, 4)]

    before = listed()
    assert listed() == before
    catalogs.version_publish(
        by=None, version=world.draft, effective_date=date(2026, 1, 1), document_number="平编发〔2026〕1号"
    )  # fmt: skip
    after = [get(client, f"{PAGED}?page={n}")["dataset"][0] for n in (1, 2, 3, 4, 5)]
    newer = next(d for d in after if d["identifier"] == f"catalog-{world.draft.pk}")
    older = next(d for d in after if d["identifier"] == f"catalog-{world.published.pk}")
    # The list's versions stand together, newest first, each on its own page here.
    assert after.index(newer) + 1 == after.index(older)
    assert newer["previousVersion"] == older["@id"]
    assert [d["identifier"] for d in after if d is not newer] == before
    assert get(client, PAGED)["view"]["last"] == f"{HERE}?page=5"


@pytest.mark.parametrize("page", ["0", "5", "-1", "abc", "1.0", "²", ""])
def test_a_page_outside_the_catalogue_is_not_found(client, world, small_pages, page):
    assert client.get(f"{PAGED}?page={page}").status_code == 404


def test_an_empty_catalogue_has_one_empty_page(client, db):
    body = get(client, PAGED)
    assert body["dataset"] == [] and body["totalItems"] == 0
    assert body["view"]["first"] == body["view"]["last"] == f"{HERE}?page=1"
    assert client.get(f"{PAGED}?page=2").status_code == 404


def test_a_page_costs_the_same_queries_however_large_the_page_or_catalogue(
    client, world, monkeypatch
):
    def queries(address):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    # At most a count, a slice and the previous versions per kind: nine.
    monkeypatch.setattr(linked, "PAGE_SIZE", 1)
    one = queries(f"{PAGED}?page=2")
    assert one <= 9
    assert queries(f"{PAGED}?page=4") == one
    monkeypatch.setattr(linked, "PAGE_SIZE", 3)
    assert queries(f"{PAGED}?page=1") <= 9
    catalogs.version_publish(
        by=None, version=world.draft, effective_date=date(2026, 1, 1), document_number="平编发〔2026〕1号"
    )  # fmt: skip
    monkeypatch.setattr(linked, "PAGE_SIZE", 1)
    assert queries(f"{PAGED}?page=2") == one


def test_a_page_is_cut_in_the_database(client, world, monkeypatch):
    """Only the page's rows are read: the slice is a LIMIT/OFFSET, not a Python cut of
    every published version."""
    monkeypatch.setattr(linked, "PAGE_SIZE", 1)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"{PAGED}?page=2").status_code == 200
    slices = [q["sql"] for q in captured if "LIMIT 1" in q["sql"] and "OFFSET 1" in q["sql"]]
    assert len(slices) == 1


def test_conditional_requests_per_page(client, world, small_pages):
    first = client.get(f"{PAGED}?page=1")
    second = client.get(f"{PAGED}?page=2")
    assert first["ETag"] != second["ETag"] and first["Last-Modified"]
    again = client.get(f"{PAGED}?page=1", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert client.get(FULL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
