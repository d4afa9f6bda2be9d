"""What an adjustment acts on, built through the real services on the shared `cast`:

- a guiding catalog (指导目录CG: 处罚事项0, 处罚事项1 of the urban department, 审批事项2 of
  the land department) and a decision (平政发〔2025〕8号) that put 处罚事项0 and 处罚事项1 on
  both townships' published lists;
- the territorial list with 生活垃圾收集清运, primary 城管局, an event of it in 锦水街道
  dispatched to 城管局 and still open, and a case 城管局 filed from that event;
- a clue (a case registered, not filed) of 锦水街道 under 处罚事项0.
"""

from types import SimpleNamespace

from django.utils import timezone

from quanze.catalog.models import Power
from quanze.delegation.decisions import services as decisions
from quanze.delegation.tests.builders import recorded_decision
from quanze.dispatch.intake.tests.builders import raise_event
from quanze.dispatch.loop import services as loop
from quanze.dispatch.tests import lists
from quanze.enforcement.cases import services as cases

MATTER = "生活垃圾收集清运"


def adjustment_world(cast) -> SimpleNamespace:
    w = SimpleNamespace(cast=cast)
    decision = recorded_decision(cast)
    decisions.decision_publish(by=cast.office, decision=decision)
    w.returned = Power.objects.get(code="CG-000")
    w.amended = Power.objects.get(code="CG-001")
    w.added = Power.objects.get(code="CG-002")
    w.matter = lists.publish(cast, [lists.item(MATTER, cast.urban, cast.urban)])[MATTER]
    event = raise_event(cast, matter=w.matter)
    w.event = loop.event_dispatch(by=cast.town_a_clerk, event=event)
    today = timezone.localdate()
    w.case = cases.case_open(
        by=cast.dept_clerk,
        power=w.amended,
        opened_on=today,
        source="event",
        event=w.event,
        title="擅自倾倒生活垃圾",
        party_kind="individual",
        party_name="某甲",
    )
    w.case = cases.case_step(by=cast.dept_clerk, case=w.case, action="file", on=today)
    w.clue = cases.case_open(
        by=cast.town_a_clerk,
        power=w.returned,
        opened_on=today,
        source="inspection",
        title="占道堆放杂物",
        party_kind="individual",
        party_name="某乙",
    )
    return w
