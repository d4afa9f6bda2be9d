"""What enforcement adds to a dispatch event's page: its cases, and the way to open one."""

from django.urls import reverse

from quanze.core.links import RelatedLink
from quanze.enforcement.cases.selectors import cases_for_event
from quanze.org.roles import is_department_clerk, is_township_clerk

SECTION = "执法案件"


def can_open_from(user, event) -> bool:
    if is_township_clerk(user):
        return event.township_id == user.township_id
    if is_department_clerk(user):
        return event.primary_department_id == user.department_id
    return False


def event_links(user, event) -> list[RelatedLink]:
    links = [
        RelatedLink(
            SECTION,
            c.number,
            reverse("enforcement:case_detail", args=[c.pk]),
            f"{c.get_state_display()} · {c.title}",
        )
        for c in cases_for_event(user, event)
    ]
    if can_open_from(user, event):
        url = reverse("enforcement:case_open") + f"?event={event.pk}"
        links.append(RelatedLink(SECTION, "据此事件立案", url, "open"))
    return links
