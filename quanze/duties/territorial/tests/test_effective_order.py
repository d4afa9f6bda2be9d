"""A newly published list may take effect before the current one: on any day the list in
force is the one published last among those whose effective date has come."""

from datetime import date

from quanze.duties.territorial import routing
from quanze.duties.territorial import services as territorial
from quanze.duties.territorial.tests.builders import published_list


def _publish(cast, *, on, number):
    responsibility_list = territorial.list_for_county(by=cast.office, county=cast.county)
    draft = territorial.version_draft(by=cast.office, responsibility_list=responsibility_list)
    return territorial.version_publish(
        by=cast.office,
        version=draft,
        effective_date=on,
        document_number=f"平编发〔2025〕{number}号",
    )


def test_a_later_publication_dated_before_the_current_one_takes_effect_from_its_date(cast):
    first = published_list(cast, on=date(2025, 6, 1))
    second = _publish(cast, on=date(2025, 3, 1), number=9)
    routing.clear_cache()
    assert routing.version_in_force(county=cast.county, on=date(2025, 2, 1)) is None
    assert routing.version_in_force(county=cast.county, on=date(2025, 4, 1)) == second
    # the first, overtaken before its date came, never takes effect
    assert routing.version_in_force(county=cast.county, on=date(2025, 7, 1)) == second
    first.refresh_from_db()
    assert first.status == "superseded"


def test_a_later_version_dated_after_the_current_one_waits_for_its_date(cast):
    first = published_list(cast, on=date(2025, 1, 1))
    second = _publish(cast, on=date(2025, 9, 1), number=9)
    routing.clear_cache()
    assert routing.version_in_force(county=cast.county, on=date(2025, 8, 31)) == first
    assert routing.version_in_force(county=cast.county, on=date(2025, 9, 1)) == second
