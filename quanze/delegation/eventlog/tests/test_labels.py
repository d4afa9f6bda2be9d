"""The event log speaks Chinese: states by their labels, not their codes."""

from django.urls import reverse

from quanze.delegation.eventlog.selectors import events_for
from quanze.delegation.tests.builders import recorded_decision


def test_a_decisions_log_names_its_states_in_chinese(client, cast):
    decision = recorded_decision(cast)
    event = events_for(decision).first()
    assert (event.from_label, event.to_label) == ("新建", decision.get_status_display())
    client.force_login(cast.office)
    page = client.get(reverse("delegation:decision_detail", args=[decision.pk])).text
    assert f"新建 → {decision.get_status_display()}" in page
    assert "→ recorded" not in page and "— →" not in page
