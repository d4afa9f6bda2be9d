"""Open work handed over by the rule (动态调整): filed enforcement cases stay with the body
that filed them; clues not yet filed go with the item; open dispatch events of a matter whose
primary unit changed go to the new unit from the new version's effective date (now, or on
that day by `handover_due`, run daily by `quanze adjustments handover`)."""

from django.utils import timezone

from quanze.dispatch.routing.rerouting import event_reroute, open_events
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.handover import clue_hand_over, clues_of
from quanze.enforcement.cases.models import Case
from quanze.evaluation.adjustment.models import Handover

H = Handover.Kind
SETTLED = {m.REGISTERED, *m.FINAL}


def _staying(change, cases) -> int:
    rows = [
        Handover(
            change=change,
            kind=H.CASE_STAYS,
            subject=f"案件{c.number}({m.STATES[c.state]})",
            case=c,
            from_unit=c.acting_name,
            to_unit=c.acting_name,
        )
        for c in cases
    ]
    Handover.objects.bulk_create(rows)
    return len(rows)


def transferred(*, by, change, version) -> str:
    """Re-route (or schedule) the matter's open events; record the open cases that stay."""
    today, now = timezone.localdate(), timezone.now()
    events = list(open_events(county=change.project.county, matter=change.matter))
    rerouted = pending = 0
    for event in events:
        old = str(event.primary_department or "")
        due = version.effective_date
        if due <= today:
            event_reroute(
                by=by, event=event, version=version, reason=f"动态调整:{change.reason}"[:500]
            )
            rerouted += 1
        else:
            pending += 1
        Handover.objects.create(
            change=change,
            kind=H.EVENT_REROUTED if due <= today else H.EVENT_PENDING,
            subject=f"事件{event.number}",
            event=event,
            from_unit=old,
            to_unit=str(change.unit),
            due_on=due,
            done_at=now if due <= today else None,
        )
    cases = Case.objects.filter(event__matter=change.matter, county=change.project.county).exclude(
        state__in=SETTLED
    )
    stays = _staying(change, cases)
    return f"改派在办事件{rerouted}件,待生效日改派{pending}件,已立案件{stays}件由原机关继续办理"


def returned(*, by, change, on) -> None:
    """Clues of a returned item go to its department; its filed open cases stay."""
    department = change.power.department
    for township in change.townships.all():
        for case in clues_of(power=change.power, township=township):
            old = case.acting_name
            case = clue_hand_over(
                by=by,
                case=case,
                on=on,
                department=department,
                reason=f"事项收回县级:{change.reason}"[:500],
            )
            Handover.objects.create(
                change=change,
                kind=H.CLUE_MOVED,
                subject=f"线索{case.number}",
                case=case,
                from_unit=old,
                to_unit=case.acting_name,
                due_on=on,
                done_at=timezone.now(),
            )
        filed = Case.objects.filter(power=change.power, township=township).exclude(
            state__in=SETTLED
        )
        _staying(change, filed)
    change.outcome += ";" + summary(change)


def summary(change) -> str:
    counts = {k: 0 for k in H.values}
    for kind in change.handovers.values_list("kind", flat=True):
        counts[kind] += 1
    return (
        f"线索随事项移交{counts[H.CLUE_MOVED]}件,已立案件{counts[H.CASE_STAYS]}件由原机关继续办理"
    )


def handover_due(*, by, on=None) -> int:
    """Re-route the events whose new version took effect by `on` (default today)."""
    on = on or timezone.localdate()
    done = 0
    for row in Handover.objects.filter(
        kind=H.EVENT_PENDING, done_at__isnull=True, due_on__lte=on
    ).select_related("event", "change__list_version", "change__project"):
        still_open = open_events(county=row.change.project.county, matter=row.change.matter)
        if still_open.filter(pk=row.event_id).exists():
            event_reroute(
                by=by,
                event=row.event,
                version=row.change.list_version,
                reason=f"动态调整:{row.change.reason}"[:500],
            )
        row.kind, row.done_at = H.EVENT_REROUTED, timezone.now()
        row.save(update_fields=["kind", "done_at"])
        done += 1
    return done
