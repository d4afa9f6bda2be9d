from quanze.core.history import history_for, model_state, record_change
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


def test_model_state_writes_related_objects_as_their_names(cast):
    assert model_state(cast.urban, ["division", "name"]) == {
        "division": "平阴县",
        "name": "平阴县城市管理局",
    }


def test_a_system_job_is_recorded_without_an_actor(cast):
    record = record_change(cast.urban, action="update", actor=None, after={"name": "x"})
    assert record.actor is None
