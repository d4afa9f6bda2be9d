import pytest
from django.core.exceptions import ValidationError

from quanze.catalog.catalogs import selectors, services
from quanze.catalog.catalogs.models import Catalog, CatalogVersion
from quanze.catalog.powers import services as power_services
from quanze.catalog.powers.tests.builders import make_power
from quanze.core.errors import Forbidden


@pytest.fixture
def catalog(cast):
    return services.catalog_create(
        by=cast.office, name="平阴县赋权乡镇指导目录", kind=Catalog.Kind.GUIDING, owner=cast.county
    )


def test_a_published_version_never_changes(cast, catalog):
    power = make_power(cast)
    draft = services.version_draft(by=cast.office, catalog=catalog)
    services.version_set_entries(by=cast.office, version=draft, entries=[(power, "basic")])
    published = services.version_publish(
        by=cast.office, version=draft, document_number="平编发〔2026〕1号"
    )
    power_services.power_update(by=cast.office, power=power, name="改过的名称")
    assert selectors.version_rows(published)[0]["name"] == "对擅自占用城市道路的处罚"
    with pytest.raises(ValidationError):
        services.version_set_entries(by=cast.office, version=published, entries=[])


def test_publishing_a_new_version_supersedes_the_old_and_diffs_field_by_field(cast, catalog):
    kept, dropped = make_power(cast, code="CF-1"), make_power(cast, code="CF-2")
    first = services.version_draft(by=cast.office, catalog=catalog)
    services.version_set_entries(by=cast.office, version=first, entries=[(kept, ""), (dropped, "")])
    services.version_publish(by=cast.office, version=first)

    added = make_power(cast, code="CF-3", name="对占道经营的处罚")
    power_services.power_update(by=cast.office, power=kept, exercise_level="县级")
    second = services.version_draft(by=cast.office, catalog=catalog)
    services.version_set_entries(
        by=cast.office, version=second, entries=[(kept, "basic"), (added, "")]
    )
    services.version_publish(by=cast.office, version=second)

    first.refresh_from_db()
    assert first.status == CatalogVersion.Status.SUPERSEDED
    diff = selectors.version_diff(first, second)
    assert [row["code"] for row in diff.added] == ["CF-3"]
    assert [row["code"] for row in diff.removed] == ["CF-2"]
    ((row, changes),) = diff.changed
    assert row["code"] == "CF-1"
    assert changes == [("exercise_level", "", "县级"), ("set_kind", "", "basic")]


def test_only_the_office_publishes(cast, catalog):
    power = make_power(cast)
    draft = services.version_draft(by=cast.office, catalog=catalog)
    services.version_set_entries(by=cast.office, version=draft, entries=[(power, "")])
    for user in (cast.reviewer, cast.dept_clerk, cast.town_a_clerk, cast.outsider):
        with pytest.raises(Forbidden):
            services.version_publish(by=user, version=draft)


def test_snapshots_are_shared_between_identical_entries(cast):
    power = make_power(cast)
    versions = []
    for town in (cast.town_a, cast.town_b):
        catalog = services.catalog_create(
            by=cast.office, name=f"{town.name}权责清单", kind=Catalog.Kind.TOWNSHIP_LIST, owner=town
        )
        draft = services.version_draft(by=cast.office, catalog=catalog)
        services.version_set_entries(by=cast.office, version=draft, entries=[(power, "")])
        versions.append(services.version_publish(by=cast.office, version=draft))
    assert power.snapshots.count() == 1
