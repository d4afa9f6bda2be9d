from quanze.core.history import model_state, record_change


def test_model_state_writes_related_objects_as_their_names(cast):
    assert model_state(cast.urban, ["division", "name"]) == {
        "division": "平阴县",
        "name": "平阴县城市管理局",
    }


def test_a_system_job_is_recorded_without_an_actor(cast):
    record = record_change(cast.urban, action="update", actor=None, after={"name": "x"})
    assert record.actor is None
