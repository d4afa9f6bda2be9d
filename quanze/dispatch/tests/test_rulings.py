"""A dispute ruling that corrects the list, end to end: routed by the list, sent back citing
it, disputed, ruled with a correction on the event page; the event goes to the corrected
unit, the new version differs in that matter only, later events follow it, earlier ones
the old version; and every refusal leaves everything as it was."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quanze.core.errors import Conflict, Forbidden
from quanze.core.models import ChangeRecord
from quanze.dispatch.disputes import services as disputes
from quanze.dispatch.disputes.models import Dispute
from quanze.dispatch.events.models import Assignment, Event, EventLog
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import services
from quanze.duties.corrections.services import Correction
from quanze.duties.models import ResponsibilityVersion
from quanze.duties.territorial.selectors import version_diff
from quanze.testing.factories import DepartmentFactory

S = Event.State
HOUSING = "平阴县住房和城乡建设局"


@pytest.fixture
def housing(cast):
    return DepartmentFactory(division=cast.county, name=HOUSING)


def _event(cast, matters, *, days_ago):
    event = raise_event(cast, matter=matters["garbage"])
    Event.objects.filter(pk=event.pk).update(occurred_at=timezone.now() - timedelta(days=days_ago))
    return services.event_dispatch(by=cast.town_a_clerk, event=Event.objects.get(pk=event.pk))


@pytest.fixture
def disputed(cast, matters):
    """Routed by the list to 城管局, sent back citing the list, disputed by the township."""
    event = _event(cast, matters, days_ago=2)
    assert event.primary_department == cast.urban and event.routing["version"] == 1
    disputes.event_send_back(
        by=cast.dept_clerk,
        event=event,
        reason="垃圾中转站归住建管理,不是城管",
        matter=matters["farmland"],
        version_id=event.routing["version_id"],
    )
    disputes.event_dispute(
        by=cast.town_a_clerk, event=event, reason="清单写明生活垃圾收集清运由城管局负责"
    )
    return Event.objects.get(pk=event.pk)


def _rule_form(housing, **more):
    return {
        "ruling": "清单对垃圾中转站的分工不清,改由住建局承担主体责任",
        "correct_primary_department": housing.pk,
        "correct_effective_date": timezone.localdate().isoformat(),
        "correct_document_number": "平编裁〔2025〕1号",
        **more,
    }


def test_the_office_rules_and_corrects_the_list_and_the_event_follows_it(
    client, cast, matters, housing, disputed
):
    client.force_login(cast.office)
    page = client.get(f"/dispatch/{disputed.pk}/").content.decode()
    assert "action-rule" in page and "current-entry" in page and "更正主体责任部门" in page
    response = client.post(
        f"/dispatch/{disputed.pk}/act/rule/",
        {"row_version": disputed.row_version, **_rule_form(housing)},
        follow=True,
    )
    assert "已裁定" in response.content.decode()

    # The event is re-routed to the unit the corrected list names, and says why.
    event = Event.objects.get(pk=disputed.pk)
    new = ResponsibilityVersion.objects.get(number=2)
    old = ResponsibilityVersion.objects.get(number=1)
    assert new.status == "published" and old.status == "superseded"
    assert event.state == S.DISPATCHED and event.primary_department == housing
    assert event.routing["version_id"] == new.pk and "争议裁定更正清单" in event.routing["rule"]
    assert event.routing["on"] == (timezone.localdate() - timedelta(days=2)).isoformat()
    lead = event.assignments.get(active=True, role=Assignment.Role.PRIMARY)
    assert lead.department == housing
    row = EventLog.objects.filter(event=event).latest("at", "id")
    assert row.action == "rule" and "更正「" in row.reason and f"由「{HOUSING}」办理" in row.reason
    assert row.data["correction"]["version_id"] == new.pk
    assert row.data["correction"]["changes"] == [["主体责任部门", "平阴县城市管理局", HOUSING]]
    dispute = Dispute.objects.get(event=event)
    assert dispute.correction_version == new and dispute.list_corrected
    assert dispute.department_lost is False
    assert ChangeRecord.objects.filter(object_id=new.pk, action="correct").exists()

    # The list's new version differs from the old one in that matter only.
    diff = version_diff(old=old, new=new)
    assert diff["added"] == [] and diff["removed"] == []
    assert diff["changed"] == [
        {"matter": "生活垃圾收集清运", "fields": [("主体责任部门", "平阴县城市管理局", HOUSING)]}
    ]
    page = client.get(f"/dispatch/{event.pk}/").content.decode()
    assert f"?old={old.pk}&amp;new={new.pk}" in page and "第2版" in page
    page = client.get(f"/duties/lists/{new.responsibility_list_id}/diff/?old={old.pk}&new={new.pk}")
    assert HOUSING in page.content.decode() and "变更事项(1)" in page.content.decode()

    # A later event of the matter follows the new version, one dated before it the old one.
    later = _event(cast, matters, days_ago=0)
    earlier = _event(cast, matters, days_ago=3)
    assert later.primary_department == housing and later.routing["version_id"] == new.pk
    assert earlier.primary_department == cast.urban and earlier.routing["version_id"] == old.pk

    # Ruling twice is refused.
    with pytest.raises(Conflict, match="争议已于"):
        disputes.dispute_rule(by=cast.office, event=event, responsible=None, ruling="再裁一次")


def _count():
    return ResponsibilityVersion.objects.count()


@pytest.mark.parametrize(
    ("who", "correction", "error", "text"),
    [
        ("outsider", lambda c, h: Correction(effective_date=timezone.localdate(), primary_department=h), Forbidden, "只有本县编办"),
        ("office", lambda c, h: Correction(effective_date=timezone.localdate(), primary_department=c.other_dept), ValidationError, "更正主体责任部门:「商河县城市管理局」不是本县部门"),
        ("office", lambda c, h: Correction(primary_department=h), ValidationError, "更正生效日期"),
    ],
)  # fmt: skip
def test_a_refused_correction_changes_nothing(cast, matters, housing, disputed, who, correction, error, text):  # fmt: skip
    with pytest.raises(error, match=text):
        disputes.dispute_rule(
            by=getattr(cast, who),
            event=disputed,
            responsible=None,
            ruling="改由住建局",
            correction=correction(cast, housing),
        )
    assert _count() == 1 and Event.objects.get(pk=disputed.pk).state == S.DISPUTED
    assert not Dispute.objects.filter(ruled_at__isnull=False).exists()


def test_a_matter_not_on_the_list_is_refused_naming_it(cast, matters, housing, disputed):
    from quanze.duties.models import Matter

    stray = Matter.objects.create(county=cast.county, name="共享单车停放")
    with pytest.raises(ValidationError) as refused:
        disputes.dispute_rule(
            by=cast.office,
            event=disputed,
            responsible=None,
            ruling="改由住建局",
            matter=stray,
            correction=Correction(effective_date=timezone.localdate(), primary_department=housing),
        )
    assert "「共享单车停放」不在现行" in refused.value.message_dict["matter"][0]
    assert _count() == 1


def test_a_failure_after_publishing_rolls_the_new_version_back(cast, matters, housing, disputed):
    """The list is corrected first; a responsible unit that contradicts it then fails the
    ruling, and the new version, the routing cache and the event are as before."""
    with pytest.raises(ValidationError, match="与所选「平阴县城市管理局」不一致"):
        disputes.dispute_rule(
            by=cast.office,
            event=disputed,
            responsible=cast.urban,
            ruling="改由住建局",
            correction=Correction(effective_date=timezone.localdate(), primary_department=housing),
        )
    assert _count() == 1 and Event.objects.get(pk=disputed.pk).state == S.DISPUTED
    assert _event(cast, matters, days_ago=0).primary_department == cast.urban


def test_a_ruling_without_correction_works_as_before(cast, matters, disputed):
    disputes.dispute_rule(
        by=cast.office, event=disputed, responsible=cast.urban, ruling="按清单由城管局办理"
    )
    dispute = Dispute.objects.get(event=disputed)
    assert dispute.correction_version is None and not dispute.list_corrected
    assert dispute.department_lost is True and _count() == 1


def test_the_api_rules_with_a_correction_and_names_a_bad_field(
    client, cast, matters, housing, disputed
):
    client.force_login(cast.office)
    url = f"/api/dispatch/events/{disputed.pk}/actions/rule"
    bad = _rule_form(housing, correct_add_co_department=cast.other_dept.pk)
    response = client.post(url, json.dumps(bad), content_type="application/json")
    assert response.status_code == 422
    assert any("增加配合部门" in e for e in response.json()["errors"]), response.json()
    response = client.post(
        url,
        json.dumps(_rule_form(housing, correct_township_scope="named", correct_townships=[cast.town_a.pk])),
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    body = response.json()
    new = ResponsibilityVersion.objects.get(number=2)
    assert body["primary_department_id"] == housing.pk
    assert body["disputes"][0]["correction_version_id"] == new.pk
    old = ResponsibilityVersion.objects.get(number=1)
    assert body["disputes"][0]["correction_base_version_id"] == old.pk
    response = client.post(url, json.dumps(_rule_form(housing)), content_type="application/json")
    assert response.status_code == 409


def test_the_shared_routing_cache_never_holds_the_version_before_the_ruling_commits(
    cast, matters, housing, disputed, monkeypatch
):
    """Server threads share the routing cache: the corrected version, published inside the
    ruling's transaction, must not be put in it before that transaction commits (another
    thread would route by it, and by nothing real if the ruling then rolls back)."""
    from quanze.dispatch.disputes import services as rulings
    from quanze.duties.territorial import routing as duties_routing

    seen, real = {}, rulings.transition

    def spy(**kwargs):  # called after the list is corrected, before the ruling commits
        seen["cached"] = duties_routing.cached_version_ids()
        return real(**kwargs)

    monkeypatch.setattr(rulings, "transition", spy)
    dispute = disputes.dispute_rule(
        by=cast.office,
        event=disputed,
        responsible=None,
        ruling="改由住建局",
        correction=Correction(effective_date=timezone.localdate(), primary_department=housing),
    )
    new = dispute.correction_version
    assert new is not None and Event.objects.get(pk=disputed.pk).primary_department == housing
    assert new.pk not in seen["cached"]
