"""The workbench section of law changes (立改废释): a unit told of a law change (the notice
of `lawchange.notices`, one per person) sees how many of those changes still wait for an
adjustment project of its county (none opened, or only cancelled ones), one click from the
latest change's impact page; the justice bureau sees the changes its county recorded that
hit rows, the units they told, and how many no county has adjusted yet. Fixed number of
queries.
"""

import re

from django.db.models import Q, Sum
from django.urls import reverse

from quanze.core.models import Notice
from quanze.core.workbench import Section, Task
from quanze.evaluation.adjustment.models import AdjustmentProject
from quanze.evaluation.lawchange.models import LawChange
from quanze.org.roles import is_department_clerk, is_office, is_reviewer, is_township_clerk

ORIGIN = "evaluation.lawchange:{}"
_CHANGE_LINK = re.compile(r"/law-changes/(\d+)/")


def _adjusted(change_ids, county_id) -> set[int]:
    """The changes among `change_ids` with a (not cancelled) adjustment project of the
    county (`county_id` None: of any county)."""
    origins = {ORIGIN.format(pk): pk for pk in change_ids}
    if not origins:
        return set()
    projects = AdjustmentProject.objects.exclude(status=AdjustmentProject.Status.CANCELLED)
    if county_id is not None:
        projects = projects.filter(county_id=county_id)
    found = projects.filter(
        Q(origin__in=list(origins)) | Q(changes__source__in=list(origins))
    ).values_list("origin", "changes__source")
    return {origins[s] for pair in found for s in pair if s in origins}


def lawchange_section(user) -> Section | None:
    links = [("法律法规库", reverse("evaluation:lawchange_acts"))]
    if is_reviewer(user):
        recorded = LawChange.objects.filter(
            recorded_by__county_id=user.county_id, rows_found__gt=0
        ).order_by("-recorded_at", "-pk")
        rows = list(recorded.values_list("pk", "units_notified")[:500])
        waiting = [pk for pk, _ in rows if pk not in _adjusted([pk for pk, _ in rows], None)]
        told = recorded.aggregate(n=Sum("units_notified"))["n"] or 0
        url = (
            reverse("evaluation:lawchange_detail", args=[waiting[0]])
            if waiting
            else reverse("evaluation:lawchange_acts")
        )
        task = Task("法规变更影响待启动调整", len(waiting), url, note=f"已通知受影响单位 {told} 个")
        return Section("法规立改废释", tasks=[task], links=links)
    if not (is_office(user) or is_department_clerk(user) or is_township_clerk(user)):
        return None
    notices = Notice.objects.filter(recipient=user, kind=Notice.Kind.LAW_CHANGED).order_by(
        "-created_at", "-pk"
    )
    ids = []
    for link in notices.values_list("link", flat=True)[:500]:
        if (m := _CHANGE_LINK.search(link)) and int(m.group(1)) not in ids:
            ids.append(int(m.group(1)))
    done = _adjusted(ids, user.county_id)
    waiting = [pk for pk in ids if pk not in done]
    label = "法规变更待启动动态调整" if is_office(user) else "法规变更涉及本单位清单,待调整"
    url = (
        reverse("evaluation:lawchange_detail", args=[waiting[0]])
        if waiting
        else reverse("notice_list")
    )
    return Section("法规立改废释", tasks=[Task(label, len(waiting), url)], links=links)
