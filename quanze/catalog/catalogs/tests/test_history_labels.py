"""The history page of a catalog names its choices in Chinese."""

from quanze.catalog.catalogs import services as catalogs
from quanze.catalog.models import Catalog


def test_the_history_page_names_choices_and_hides_empty_values(client, cast):
    listing = catalogs.catalog_create(
        by=cast.office, name="指导目录甲", kind=Catalog.Kind.GUIDING, owner=cast.county
    )
    client.force_login(cast.office)
    page = client.get(f"/history/catalog/{listing.pk}/").text
    assert Catalog.Kind.GUIDING.label in page
    assert ">guiding<" not in page and "guiding" not in page.split("<main>")[1]
