"""The overdue sweep (`quanze sweep-cases`): every case past the limit of its current step
is escalated once per state: a 超期督办 entry in its log, a ChangeRecord, and a notice to
the handling team and the county's justice bureau."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from quanze.core.history import change_record, record_changes
from quanze.core.notices import Kind, Message, notify_each, unit_users
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.models import Case, CaseStep
from quanze.org.models import User


def overdue_cases(today: date):
    """Cases past their current limit and not yet escalated in their current state."""
    return (
        Case.objects.filter(due_on__lt=today)
        .exclude(state=m.ARCHIVED)
        .exclude(escalated_state=F("state"))
    )


@transaction.atomic
def cases_sweep(*, today: date | None = None) -> int:
    """Escalate what is overdue on `today`; returns how many cases were escalated."""
    today = today or timezone.localdate()
    cases = list(overdue_cases(today).select_for_update().select_related("county"))
    if not cases:
        return 0
    now = timezone.now()
    steps, records, messages = [], [], []
    bureau = {}
    for user in get_user_model().objects.filter(
        role=User.Role.JUSTICE_REVIEWER, is_active=True, county_id__in={c.county_id for c in cases}
    ):
        bureau.setdefault(user.county_id, []).append(user)
    for case in cases:
        reason = f"{case.due_label}时限{case.due_on:%Y年%m月%d日}已过({case.due_basis}),超期督办"
        steps.append(
            CaseStep(
                case=case,
                action="escalate",
                from_state=case.state,
                to_state=case.state,
                at=now,
                on=today,
                summary=reason,
                data={"due_on": case.due_on.isoformat()},
            )
        )
        records.append(
            change_record(
                case,
                action="escalate",
                actor=None,
                before={"escalated_state": case.escalated_state},
                after={"escalated_state": case.state},
                reason=reason,
                at=now,
            )
        )
        team = unit_users(
            townships=[case.township_id] if case.township_id else [],
            departments=[case.department_id] if case.department_id else [],
        )
        link = reverse("enforcement:case_detail", args=[case.pk])
        for user in [*team, *bureau.get(case.county_id, [])]:
            messages.append(Message(user, f"执法案件{case.number}超期", reason, link))
    CaseStep.objects.bulk_create(steps)
    record_changes(records)
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(escalated_state=F("state"))
    # One notice per user and case: notify_each keeps a user's first message, so one call
    # per case.
    by_case = {}
    for message in messages:
        by_case.setdefault(message.link, []).append(message)
    for batch in by_case.values():
        notify_each(batch, kind=Kind.CASE_OVERDUE, at=now)
    return len(cases)
