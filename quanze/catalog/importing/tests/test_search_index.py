"""An import keeps the bigram search index of powers current."""

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import Catalog
from quanze.catalog.importing import import_run
from quanze.catalog.importing.tests.sheets import STANDARD, csv_file, penalty
from quanze.catalog.powers import selectors
from quanze.catalog.powers.models import Power


def _found(user, q: str) -> set[int]:
    return set(
        selectors.power_search(user, selectors.PowerFilter(q=q)).values_list("pk", flat=True)
    )


def test_imported_powers_are_found_and_an_update_moves_them(cast, tmp_path):
    catalog = services.catalog_create(
        by=cast.office, name="城管清单", kind=Catalog.Kind.POWERS_LIST, owner=cast.county
    )

    def run(name, path):
        import_run(by=cast.office, catalog=catalog, path=path, file_name=name)

    run("a.csv", csv_file(tmp_path / "a.csv", [STANDARD, penalty("CF-1", name="对占道经营的处罚")]))
    power = Power.objects.get(code="CF-1")
    assert _found(cast.office, "占道") == {power.pk}
    run("b.csv", csv_file(tmp_path / "b.csv", [STANDARD, penalty("CF-1", name="对露天烧烤的处罚")]))
    assert _found(cast.office, "占道") == set()
    assert _found(cast.office, "烧烤") == {power.pk}
