"""Reads of the township duty lists: the access choke points of lists, versions and
opinions, the version in force, and whether a township may be given a matter or duty.

`is_on_list` says whether a task may be given to a township: the territorial list in
force gives the township a part in the matter (all townships, or it is named), or
the township's published duty list carries a duty of that name (basic, cooperating
or newly delegated; a returned item is, by definition, no longer the township's).
Anything else is outside the list and needs an admission (准入) first.
"""

from datetime import date

from django.db.models import Count, Exists, Min, OuterRef
from django.utils import timezone

from quanze.core.errors import NotFound
from quanze.duties.dutylists.models import (
    DutyClass,
    DutyEntry,
    DutyList,
    DutyOpinion,
    DutyRound,
    DutyVersion,
)
from quanze.duties.rules import office_of
from quanze.duties.territorial.models import Matter
from quanze.duties.territorial.routing import township_on_list
from quanze.org.roles import is_department_clerk, is_township_clerk

ON_LIST_CLASSES = (DutyClass.BASIC, DutyClass.COOPERATING, DutyClass.NEW)


def duty_lists_visible(user):
    qs = DutyList.objects.select_related("township")
    if not user.is_authenticated or user.county_id is None:
        return qs.none()
    return qs.filter(township__parent_id=user.county_id)


def can_edit_duty_list(user, duty_list) -> bool:
    return office_of(user, duty_list.township.parent_id) or (
        is_township_clerk(user) and user.township_id == duty_list.township_id
    )


def access_duty_list(user, pk, *, for_write=False) -> DutyList:
    obj = duty_lists_visible(user).filter(pk=pk).first()
    if obj is None or (for_write and not can_edit_duty_list(user, obj)):
        raise NotFound("履职事项清单")
    return obj


def access_duty_version(user, pk, *, for_write=False) -> DutyVersion:
    obj = DutyVersion.objects.select_related("duty_list__township").filter(pk=pk).first()
    if obj is None:
        raise NotFound("履职清单版本")
    if obj.published_at is not None and not for_write:
        return obj
    access_duty_list(user, obj.duty_list_id, for_write=for_write)
    return obj


def access_round(user, pk) -> DutyRound:
    """A round of a draft, for whoever may see its duty list."""
    found = DutyRound.objects.select_related("version__duty_list__township").filter(pk=pk).first()
    if found is None:
        raise NotFound("征求意见轮次")
    access_duty_list(user, found.version.duty_list_id)
    return found


def access_opinion(user, pk, *, for_write=False) -> DutyOpinion:
    obj = (
        DutyOpinion.objects.select_related("round__version__duty_list__township")
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise NotFound("意见")
    duty_list = obj.round.version.duty_list
    access_duty_list(user, duty_list.pk)
    if for_write and not (
        (
            obj.department_id
            and is_department_clerk(user)
            and user.department_id == obj.department_id
        )
        or (obj.township_id and is_township_clerk(user) and user.township_id == obj.township_id)
    ):
        raise NotFound("意见")
    return obj


def duty_version_in_force(*, township, on: date | None = None):
    on = on or timezone.localdate()
    return (
        DutyVersion.objects.filter(
            duty_list__township=township, published_at__isnull=False, effective_date__lte=on
        )
        .order_by("-effective_date", "-number")
        .first()
    )


def is_on_list(*, township, matter_or_duty=None, on: date | None = None, matter=None) -> bool:
    """Whether `township` may be given this matter or duty (a Matter, its pk, or a name)."""
    subject = matter_or_duty if matter_or_duty is not None else matter
    on = on or timezone.localdate()
    if isinstance(subject, (Matter, int)):
        if township_on_list(township=township, matter=subject, on=on):
            return True
        name = subject.name if isinstance(subject, Matter) else None
    else:
        name = str(subject or "").strip()
        found = Matter.objects.filter(county_id=township.parent_id, name=name).first()
        if found and township_on_list(township=township, matter=found, on=on):
            return True
    if not name:
        return False
    version = duty_version_in_force(township=township, on=on)
    return bool(
        version
        and DutyEntry.objects.filter(
            version=version, name=name, duty_class__in=ON_LIST_CLASSES
        ).exists()
    )


def rounds_awaiting_opinion(user) -> dict:
    """Open rounds of township duty lists that ask the clerk's department and hold no
    opinion of it yet (the workbench): how many and the first's version; one query."""
    if not is_department_clerk(user):
        return {"count": 0, "first": None}
    given = DutyOpinion.objects.filter(round=OuterRef("pk"), department_id=user.department_id)
    return (
        DutyRound.objects.filter(
            state=DutyRound.State.OPEN,
            departments=user.department_id,
            version__duty_list__township__parent_id=user.county_id,
        )
        .exclude(Exists(given))
        .aggregate(count=Count("pk"), first=Min("version_id"))
    )
