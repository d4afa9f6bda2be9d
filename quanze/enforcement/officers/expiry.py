"""Certificates about to expire: the reminder each unit gets (the queue is a selector,
`selectors.certificates_expiring`). Run by `quanze certificates-expiring --notify` from
the operator's scheduler, or by the justice bureau from the queue page."""

from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse

from quanze.core.errors import Forbidden
from quanze.core.history import change_record, record_changes
from quanze.core.notices import Kind, Message, notify_each, unit_users
from quanze.enforcement.officers.models import Certificate
from quanze.org.models import Division, User
from quanze.org.roles import is_reviewer

DEFAULT_DAYS = 90


def _due(county: Division, *, on: date, within: int):
    return (
        Certificate.objects.filter(
            officer__county=county,
            officer__active=True,
            status=Certificate.Status.VALID,
            valid_to__gte=on,
            valid_to__lte=on + timedelta(days=within),
        )
        .exclude(officer__certificates__valid_to__gt=on + timedelta(days=within))
        .exclude(expiry_notified_on__isnull=False)
        .select_related("officer__township", "officer__department")
        .order_by("valid_to", "id")
    )


@transaction.atomic
def certificates_expiry_notify(*, by, county: Division, on: date, within: int = DEFAULT_DAYS):
    """Tell each unit (its users) which of its officers' certificates end within `within`
    days, once per certificate (`expiry_notified_on`); the county's justice bureau gets the
    whole list. Returns the number of certificates announced."""
    if by is not None and not (is_reviewer(by) and by.county_id == county.pk):
        raise Forbidden("只有本县(市、区)司法局可以发出执法证到期提醒")
    if within < 1 or within > 366:
        raise ValueError("within")
    certificates = list(_due(county, on=on, within=within).select_for_update(of=("self",)))
    if not certificates:
        return 0
    per_unit = defaultdict(list)
    for c in certificates:
        per_unit[(c.officer.township_id, c.officer.department_id)].append(c)
    link = reverse("enforcement:certificate_expiring") + f"?days={within}"
    messages = []
    for (township_id, department_id), rows in per_unit.items():
        lines = "\n".join(
            f"{c.officer.name} 执法证{c.number} 有效期至{c.valid_to:%Y-%m-%d}" for c in rows
        )
        unit = rows[0].officer.unit
        users = unit_users(
            townships=[township_id] if township_id else [],
            departments=[department_id] if department_id else [],
        )
        title = f"{unit}有{len(rows)}本执法证将在{within}日内到期,请及时办理换证"
        messages += [Message(u, title, lines, link) for u in users]
    bureau = User.objects.filter(role=User.Role.JUSTICE_REVIEWER, county=county, is_active=True)
    title = f"本县(市、区)有{len(certificates)}本执法证将在{within}日内到期"
    messages += [Message(u, title, "", link) for u in bureau]
    notify_each(messages, kind=Kind.CERTIFICATE_EXPIRING)
    Certificate.objects.filter(pk__in=[c.pk for c in certificates]).update(expiry_notified_on=on)
    record_changes(
        change_record(
            c,
            action="expiry_notice",
            actor=by,
            before={"expiry_notified_on": None},
            after={"expiry_notified_on": on.isoformat()},
        )
        for c in certificates
    )
    return len(certificates)
