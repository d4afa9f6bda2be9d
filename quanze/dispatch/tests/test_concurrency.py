"""Two people acting on the same event at the same moment, in two threads with their own
connections: exactly one wins, the other is told; no lost update, no double dispatch.

Real concurrent connections need PostgreSQL (the SQLite test database is one in-memory
file shared by threads, which serialises them anyway); on SQLite the same guarantee is
checked with a stale row_version in test_services."""

import threading

import pytest
from django.db import connection, connections

from quanze.core.errors import Conflict
from quanze.dispatch.disputes import services as disputes
from quanze.dispatch.disputes.tests.builders import sent_back
from quanze.dispatch.events.models import Assignment, Event, EventLog
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import services

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    barrier, outcomes = threading.Barrier(len(calls)), []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except Conflict as error:
            outcomes.append(str(error))
        except Exception as error:  # a ValidationError "already dispatched" also counts as told
            outcomes.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return sorted(outcomes)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections: run with DATABASE_URL=postgres://…")


def test_two_clerks_dispatching_at_once_dispatch_once(postgres, cast, matters):
    event = raise_event(cast, matter=matters["garbage"])
    outcomes = race(
        lambda: services.event_dispatch(by=cast.town_a_clerk, event=Event.objects.get(pk=event.pk)),
        lambda: services.event_dispatch(by=cast.office, event=Event.objects.get(pk=event.pk)),
    )
    assert outcomes[0].startswith("ValidationError") or "已被他人处理" in outcomes[0], outcomes
    assert outcomes.count("ok") == 1, outcomes
    assert Assignment.objects.filter(event=event, role="primary").count() == 1
    assert EventLog.objects.filter(event=event, action="dispatch").count() == 1


def test_two_people_on_the_same_page_version_one_wins(postgres, cast, matters):
    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=matters["garbage"])
    )
    seen = event.row_version
    outcomes = race(
        lambda: services.event_accept(
            by=cast.dept_clerk, event=Event.objects.get(pk=event.pk), expected_version=seen
        ),
        lambda: disputes.event_send_back(
            by=cast.dept_clerk,
            event=Event.objects.get(pk=event.pk),
            expected_version=seen,
            reason="应由自然资源局办理",
            matter=matters["farmland"],
            version_id=event.routing["version_id"],
        ),
    )
    assert outcomes.count("ok") == 1, outcomes
    final = Event.objects.get(pk=event.pk)
    assert final.state in (Event.State.ACCEPTED, Event.State.SENT_BACK)
    assert final.row_version == seen + 1
    assert (
        EventLog.objects.filter(event=event).exclude(action__in=["create", "dispatch"]).count() == 1
    )


def test_two_rulings_correcting_the_list_at_once_publish_one_version(postgres, cast, matters):
    from datetime import date

    from quanze.dispatch.disputes.models import Dispute
    from quanze.duties.corrections.services import Correction
    from quanze.duties.models import ResponsibilityVersion

    event = services.event_dispatch(
        by=cast.town_a_clerk, event=raise_event(cast, matter=matters["garbage"])
    )
    sent_back(cast, event, matters["farmland"], "应由自然资源局办理")
    disputes.event_dispute(by=cast.town_a_clerk, event=event, reason="清单写明由城管局负责")

    def rule(basis):
        return lambda: disputes.dispute_rule(
            by=cast.office,
            event=Event.objects.get(pk=event.pk),
            responsible=None,
            ruling="清单依据不清,予以更正",
            correction=Correction(effective_date=date.today(), basis=basis),
        )

    outcomes = race(rule("《城市市容和环境卫生管理条例》"), rule("《山东省城乡环境卫生管理办法》"))
    assert outcomes.count("ok") == 1 and "不能再次裁定" in "".join(outcomes), outcomes
    assert (
        ResponsibilityVersion.objects.filter(responsibility_list__county=cast.county).count() == 2
    )
    assert Dispute.objects.get(event=event).correction_version.number == 2


def test_two_rulings_correcting_one_matter_at_once_keep_both_corrections(postgres, cast, matters):
    """Two disputed events of the same matter, ruled at once, each correcting a different
    field of its row: the second version is built on the first, so neither is lost."""
    from datetime import date

    from quanze.duties.corrections.selectors import version_current
    from quanze.duties.corrections.services import Correction

    def disputed():
        event = services.event_dispatch(
            by=cast.town_a_clerk, event=raise_event(cast, matter=matters["garbage"])
        )
        disputes.event_send_back(
            by=cast.dept_clerk, event=event, reason="应由自然资源局办理",
            matter=matters["farmland"], version_id=event.routing["version_id"],
        )  # fmt: skip
        return disputes.event_dispute(by=cast.town_a_clerk, event=event, reason="清单写明由城管局负责").event  # fmt: skip

    first, second = disputed(), disputed()

    def rule(event, **correction):
        return lambda: disputes.dispute_rule(
            by=cast.office, event=Event.objects.get(pk=event.pk), responsible=None,
            ruling="清单不清,予以更正", correction=Correction(effective_date=date.today(), **correction),
        )  # fmt: skip

    outcomes = race(
        rule(first, basis="《山东省城乡环境卫生管理办法》"),
        rule(second, primary_duty="负责生活垃圾收集清运的监督管理"),
    )
    assert outcomes == ["ok", "ok"], outcomes
    item = version_current(cast.county).items.get(matter=matters["garbage"])
    assert version_current(cast.county).number == 3
    assert item.basis == "《山东省城乡环境卫生管理办法》"
    assert item.primary_duty == "负责生活垃圾收集清运的监督管理"
