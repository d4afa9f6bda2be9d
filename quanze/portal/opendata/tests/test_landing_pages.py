"""Each dataset's dcat:landingPage lands: `/portal/data/?dataset=<kind>-<id>` redirects to
the catalogue page that holds the dataset's row in the default order, at its anchor, even
when the row is past page 1; the datasets' `@id`s stay the catalogue page's anchors; an
unknown or unpublished dataset is a 404 page in Chinese."""

import json

import pytest
from django.utils import timezone

from quanze.catalog.catalogs.models import CatalogVersion
from quanze.core.listing import PAGE_SIZES
from quanze.testing.factories import CatalogFactory

HOME = "http://testserver/portal/data/"


@pytest.fixture
def crowded(world, cast):
    """A catalog with more published versions than a page of the catalogue page holds:
    catalog versions come first in its order, so the world's duty list moves to page 2."""
    catalog = CatalogFactory(owner=cast.county, name="平阴县历次目录")
    count = PAGE_SIZES[0] + 5
    CatalogVersion.objects.bulk_create(
        CatalogVersion(
            catalog=catalog,
            number=n,
            status="published" if n == count else "superseded",
            published_at=timezone.now(),
        )
        for n in range(1, count + 1)
    )
    return world


def datasets(client, address="/portal/data/catalogue-all.jsonld"):
    return json.loads(client.get(address).content)["dataset"]


def test_a_dataset_past_page_one_lands_on_its_row(client, crowded):
    slug = f"duty-{crowded.duty.pk}"
    assert f'id="{slug}"' not in client.get("/portal/data/").content.decode()  # not on page 1
    duty = next(d for d in datasets(client) if d["identifier"] == slug)
    assert duty["landingPage"] == f"{HOME}?dataset={slug}"
    answer = client.get(duty["landingPage"].removeprefix("http://testserver"))
    assert answer.status_code == 302 and answer["Location"] == f"/portal/data/?page=2#{slug}"
    landed = client.get(duty["landingPage"].removeprefix("http://testserver"), follow=True)
    assert landed.status_code == 200 and f'<tr id="{slug}">' in landed.content.decode()


def test_every_landing_page_shows_its_dataset(client, crowded):
    found = datasets(client)
    assert len(found) == PAGE_SIZES[0] + 5 + 4
    pages = set()
    for data in found:
        landed = client.get(data["landingPage"].removeprefix("http://testserver"), follow=True)
        assert f'<tr id="{data["identifier"]}">' in landed.content.decode(), data["identifier"]
        pages.add(landed.redirect_chain[-1][0].split("#")[0])
    assert pages == {"/portal/data/?page=1", "/portal/data/?page=2"}


def test_the_identifiers_stay_the_catalogue_page_anchors(client, world):
    for address in ("/portal/data/catalogue.jsonld", "/portal/data/catalogue-all.jsonld"):
        found = datasets(client, address)
        assert {d["@id"] for d in found} == {
            f"{HOME}#catalog-{world.published.pk}",
            f"{HOME}#catalog-{world.foreign_version.pk}",
            f"{HOME}#territorial-{world.territorial.pk}",
            f"{HOME}#duty-{world.duty.pk}",
        }
        assert all(d["@id"] == f"{HOME}#{d['identifier']}" for d in found)
        assert all(d["landingPage"] == f"{HOME}?dataset={d['identifier']}" for d in found)


@pytest.mark.parametrize(
    "slug", ["duty-999999", "catalog-draft", "nonsense", "", "catalog-1-2", "<b>x</b>"]
)
def test_an_unknown_dataset_is_a_page_that_says_so(client, world, slug):
    slug = slug.replace("draft", str(world.draft.pk))  # a draft is never a dataset
    answer = client.get("/portal/data/", {"dataset": slug})
    page = answer.content.decode()
    assert answer.status_code == 404 and answer["Content-Type"].startswith("text/html")
    assert "数据集不存在" in page and "<b>x</b>" not in page
    assert 'href="/portal/data/"' in page
