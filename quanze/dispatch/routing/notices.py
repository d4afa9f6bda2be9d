"""Who hears that an event was sent to them (rules for core/notices.py).

Every active user of each department given an assignment (primary, cooperating, summoned
by a whistle, or fallback) gets one notice naming the unit's part and its deadlines.
The users of all the departments are read in one query and the notices written in one
INSERT, whatever the number of units."""

from django.urls import reverse
from django.utils import timezone

from quanze.core import notices


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def event_assigned(event, assignments) -> list:
    """Notify the users of the departments in `assignments` (just created for `event`)."""
    by_department = {a.department_id: a for a in assignments}
    if not by_department:
        return []
    link = reverse("dispatch:event_detail", args=[event.pk])
    what = event.description if len(event.description) <= 60 else event.description[:60] + "…"
    messages = []
    for user in notices.unit_users(departments=list(by_department)):
        a = by_department[user.department_id]
        messages.append(
            notices.Message(
                user,
                title=f"事件派发:{event.number}({event.township},{a.get_role_display()})",
                body=(
                    f"{event.township}{event.address and ' ' + event.address}:{what}\n"
                    f"本单位:{a.get_role_display()}"
                    + (f",应做工作:{a.task}" if a.task else "")
                    + f"\n接收时限:{_when(a.accept_due)};办结时限:{_when(a.handle_due)}"
                ),
                link=link,
            )
        )
    return notices.notify_each(messages, kind=notices.Kind.EVENT_ASSIGNED)
