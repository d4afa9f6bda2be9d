"""Who hears that an event was sent to them (rules for core/notices.py).

Every active user of each unit given an assignment (primary, cooperating, summoned by a
whistle, or fallback; a township's own team reaches the township's clerks) gets one notice
naming the unit's part and its deadlines.
The users of all the departments are read in one query and the notices written in one
INSERT, whatever the number of units."""

from django.urls import reverse
from django.utils import timezone

from quanze.core import notices
from quanze.dispatch.events.permissions import is_township_team, led_by_township
from quanze.org.models import Department, Division
from quanze.org.roles import Role, county_users, is_township_clerk


def _when(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _assignees(department_ids) -> list[tuple]:
    """(user, department id) for everyone who acts for these units: each department's users
    and, for a township's own team, that township's clerks; one query for the teams, one
    for the users."""
    ids = set(department_ids)
    teams = dict(
        Department.objects.filter(pk__in=ids, division__level=Division.Level.TOWNSHIP).values_list(
            "division_id", "pk"
        )
    )
    out = []
    for user in notices.unit_users(departments=ids, townships=list(teams)):
        if user.department_id in ids:
            out.append((user, user.department_id))
        elif user.township_id in teams and is_township_clerk(user):
            out.append((user, teams[user.township_id]))
    return out


def event_assigned(event, assignments) -> list:
    """Notify the users of the units in `assignments` (just created for `event`)."""
    by_department = {a.department_id: a for a in assignments}
    if not by_department:
        return []
    link = reverse("dispatch:event_detail", args=[event.pk])
    what = event.description if len(event.description) <= 60 else event.description[:60] + "…"
    messages = []
    for user, department_id in _assignees(by_department):
        a = by_department[department_id]
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


def _brief(event) -> str:
    return event.description if len(event.description) <= 60 else event.description[:60] + "…"


def _office(county_id):
    return county_users(county_id, Role.ESTABLISHMENT_OFFICE)


def event_handled(event, result: str) -> list:
    """The township (and the office, which acts for a caller) hears the event was handled
    and is asked to confirm and rate it; where the township's own team handled it, only
    the office is asked (the township does not rate its own work)."""
    users = list(_office(event.county_id))
    if not led_by_township(event):
        users = list(notices.unit_users(townships=[event.township_id])) + users
    return notices.notify(
        users,
        kind=notices.Kind.EVENT_HANDLED,
        title=f"事件已办结,请评价:{event.number}",
        body=f"{event.township}:{_brief(event)}\n办理结果:{result.strip()}\n请确认办理结果并评价。",
        link=reverse("dispatch:event_detail", args=[event.pk]),
    )


def event_sent_back(event, department, reason: str) -> list:
    """The township and the office hear a department sent the event back: the township may
    dispute or dispatch again, the office may hand it to the fallback department."""
    users = list(notices.unit_users(townships=[event.township_id])) + list(_office(event.county_id))
    return notices.notify(
        users,
        kind=notices.Kind.EVENT_SENT_BACK,
        title=f"事件被退回:{event.number}({department})",
        body=f"{department}退回了事件{event.number}:{_brief(event)}\n退回理由:{reason}\n"
        + (
            "乡镇(街道)可重新确认事项后派发;编办可交兜底部门办理。"
            if is_township_team(department, event)  # its own team: nothing to dispute
            else "乡镇(街道)可重新确认事项后派发或提出争议;编办可交兜底部门办理。"
        ),
        link=reverse("dispatch:event_detail", args=[event.pk]),
    )


def event_disputed(event, department, reason: str) -> list:
    """The office hears a township disputes a send-back and must rule; the department too."""
    users = list(_office(event.county_id)) + list(notices.unit_users(departments=[department.pk]))
    return notices.notify(
        users,
        kind=notices.Kind.EVENT_DISPUTED,
        title=f"事件争议待裁定:{event.number}",
        body=f"{event.township}对{department}退回事件{event.number}提出争议:{reason.strip()}\n"
        "请编办裁定责任单位。",
        link=reverse("dispatch:event_detail", args=[event.pk]),
    )


def events_overdue(late: list[tuple]) -> list:
    """Each department that let a deadline pass hears of each of its escalated events, and
    the office of each county hears of every escalated event (it may hand one to the
    fallback department). `late` holds (event, department_id, what) triples."""
    if not late:
        return []
    link = {e.pk: reverse("dispatch:event_detail", args=[e.pk]) for e, _, _ in late}
    by_department = {}
    for event, department_id, what in late:
        by_department.setdefault(department_id, []).append((event, what))
    messages = []
    for user, department_id in _assignees(by_department):
        for event, what in by_department[department_id][:1]:
            more = len(by_department[department_id]) - 1
            messages.append(
                notices.Message(
                    user,
                    title=f"事件超期:{event.number}{f'等{more + 1}件' if more else ''}",
                    body=f"本单位{what}已超过时限,事件已升级:{_brief(event)}",
                    link=link[event.pk],
                )
            )
    counties = {}
    for event, _, what in late:
        counties.setdefault(event.county_id, {}).setdefault(event.pk, (event, what))
    for county_id, events in counties.items():
        rows = list(events.values())
        first = rows[0][0]
        for user in _office(county_id):
            messages.append(
                notices.Message(
                    user,
                    title=f"事件超期升级:{first.number}{f'等{len(rows)}件' if len(rows) > 1 else ''}",
                    body="\n".join(f"{e.number} {e.township}:{what}超期" for e, what in rows[:20]),
                    link=link[first.pk],
                )
            )
    return notices.notify_each(messages, kind=notices.Kind.EVENT_OVERDUE)
