"""方式 comes from the sources an app above the catalog registers, for township lists only."""

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.documents import list_document, modes
from quanze.catalog.documents.tests.lists import township_list


def test_a_registered_source_decides_the_mode_of_township_list_entries(cast, monkeypatch):
    monkeypatch.setattr(modes, "_sources", [])  # none from the apps above, for this test
    version = township_list(cast)
    first, second, _ = version.entries.order_by("position").values_list("power_id", flat=True)
    assert [row[6] for row in list_document(version).rows] == ["委托", "", ""]
    modes.register_mode_source(lambda v: {first: "赋权", second: "交办"})
    modes.register_mode_source(lambda v: {second: "委托"})  # registered last: wins
    assert [row[6] for row in list_document(version).rows] == ["赋权", "委托", ""]


def test_other_catalogs_ask_no_source(cast, monkeypatch):
    monkeypatch.setattr(modes, "_sources", [])
    modes.register_mode_source(_refuse)
    catalog = services.catalog_create(
        by=None, name="指导目录", kind=Catalog.Kind.GUIDING, owner=cast.county
    )
    assert modes.decided_modes(services.version_draft(by=None, catalog=catalog)) == {}


def _refuse(version):
    raise AssertionError("a source was asked for a catalog that is not a township list")
