"""History of organisation writes: each change is recorded with only its changed fields."""

from quanze.core.history import history_for
from quanze.org import services


def test_it_keeps_only_changed_fields_and_names_the_actor(cast):
    services.division_update(by=cast.office, division=cast.town_b, pilot=True, reason="列入试点")
    record = history_for(cast.town_b).first()
    assert record.actor == cast.office
    assert record.changed_fields() == [("pilot", False, True)]
    assert record.reason == "列入试点"


def test_it_records_nothing_when_nothing_changed(cast):
    services.division_update(by=cast.office, division=cast.town_b, name=cast.town_b.name)
    assert history_for(cast.town_b).count() == 0
