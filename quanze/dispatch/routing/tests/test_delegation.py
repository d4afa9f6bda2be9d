"""权随事转: a township that holds a delegated power tied to a matter leads on it; a list
that still gives a department the lead is a warning on the list and on the decision."""

from datetime import date

from quanze.delegation.decisions import services as decisions
from quanze.delegation.tests.builders import recorded_decision
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.routing import delegation
from quanze.dispatch.routing.selectors import event_route
from quanze.dispatch.tests.lists import item, publish


def _published_decision(cast):
    decision = decisions.decision_publish(by=cast.office, decision=recorded_decision(cast))
    powers = [bi.item.power for bi in decision.items.order_by("position")]
    return decision, powers


def test_a_township_holding_the_power_leads_and_the_why_names_list_and_decision(cast):
    decision, powers = _published_decision(cast)
    matter = publish(
        cast, [item("占道经营管理", cast.urban, cast.urban, "摆摊", powers=[powers[0]])]
    )["占道经营管理"]
    route = event_route(event=raise_event(cast, matter=matter, text="路口有人摆摊"))
    assert route.township_primary
    why = route.why
    assert why["primary_unit"] == str(cast.town_a)
    assert why["delegation"]["document_number"] == decision.document_number == "平政发〔2025〕8号"
    assert why["delegation"]["powers"] == [powers[0].name]
    assert "权随事转" in why["rule"] and "占道经营管理" in why["rule"]  # names both
    assert "清单与赋权决定不一致" in why["conflict"]
    # Before the decision took effect the township held nothing.
    assert (
        delegation.held(township=cast.town_a, power_ids={powers[0].pk}, on=date(2025, 5, 31))
        is None
    )


def test_a_list_disagreeing_with_a_decision_warns_on_both_pages(cast, client):
    decision, powers = _published_decision(cast)
    publish(cast, [item("占道经营管理", cast.urban, cast.urban, "摆摊", powers=[powers[0]])])
    version = cast.county.responsibility_list.versions.get(published_at__isnull=False)
    found = delegation.version_conflicts(version)
    assert [(c.item.matter.name, c.decision) for c in found] == [("占道经营管理", decision)]
    assert set(found[0].townships) == {str(cast.town_a), str(cast.town_b)}
    client.force_login(cast.office)
    page = client.get(f"/duties/versions/{version.pk}/").content.decode()
    assert "清单与赋权决定不一致" in page and "平政发〔2025〕8号" in page
    page = client.get(f"/delegation/decisions/{decision.pk}/").content.decode()
    assert "清单与赋权决定不一致" in page and "占道经营管理" in page
    client.force_login(cast.outsider)
    assert delegation.version_links(cast.outsider, version) == []


def test_a_township_primary_row_agrees_with_the_decision(cast):
    _decision, powers = _published_decision(cast)
    matter = publish(
        cast,
        [
            item(
                "占道经营管理",
                cast.urban,
                cast.urban,
                "摆摊",
                powers=[powers[0]],
                township_primary=True,
            )
        ],
    )["占道经营管理"]
    route = event_route(event=raise_event(cast, matter=matter, text="路口有人摆摊"))
    assert route.township_primary and route.why["conflict"] == ""
    version = cast.county.responsibility_list.versions.get(published_at__isnull=False)
    assert delegation.version_conflicts(version) == []
