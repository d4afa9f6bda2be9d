"""`quanze catalogs`: the ids a CLI user needs before `--catalog ID` and `--version ID`."""

from io import StringIO

from django.core.management import call_command

from quanze.catalog.catalogs import services as catalogs
from quanze.catalog.models import Catalog


def test_it_lists_each_catalog_with_its_versions_and_ids(cast):
    listing = catalogs.catalog_create(
        by=cast.office, name="平阴县指导目录", kind=Catalog.Kind.GUIDING, owner=cast.county
    )
    draft = catalogs.version_draft(by=cast.office, catalog=listing)
    catalogs.catalog_create(
        by=cast.office, name="锦水街道清单", kind=Catalog.Kind.GUIDING, owner=cast.county
    )
    out = StringIO()
    call_command("catalogs", "指导", stdout=out)
    text = out.getvalue()
    assert f"目录 ID {listing.pk}  平阴县指导目录  〔{listing.get_kind_display()}〕" in text
    assert f"版本 ID {draft.pk}  第1版  草稿" in text
    assert "锦水街道清单" not in text and "共 1 个目录" in text
