"""Reads of the stationed squads and their access choke points.

Who sees a squad: the county's office and justice bureau; the department that stationed it;
the township it is stationed in (which manages it day to day). Nobody else: a missing squad
and a hidden one are the same NotFound.
"""

from django.db.models import Count, Min, Q

from quanze.core.errors import NotFound
from quanze.enforcement.squads.models import Equipment, HeadConsent, Squad, SquadMember
from quanze.org.roles import is_county_wide, is_department_clerk, is_township_clerk

SORTS = {
    "township": ("township__code", "department__name", "id"),
    "department": ("department__name", "township__code", "id"),
    "-established": ("-established_on", "-id"),
    "-members": ("-member_count", "township__code", "id"),
}


def squads_visible(user):
    if is_county_wide(user):
        return Squad.objects.filter(county_id=user.county_id)
    if is_department_clerk(user):
        return Squad.objects.filter(department_id=user.department_id)
    if is_township_clerk(user):
        return Squad.objects.filter(township_id=user.township_id)
    return Squad.objects.none()


def access_squad(user, pk: int) -> Squad:
    squad = (
        squads_visible(user)
        .select_related("department", "township", "head", "county")
        .filter(pk=pk)
        .first()
    )
    if squad is None:
        raise NotFound("派驻中队")
    return squad


def access_consent(user, pk: int) -> HeadConsent:
    consent = (
        HeadConsent.objects.filter(pk=pk, squad__in=squads_visible(user))
        .select_related("squad__township", "squad__department", "candidate")
        .first()
    )
    if consent is None:
        raise NotFound("征求意见")
    return consent


def access_member(user, pk: int) -> SquadMember:
    member = (
        SquadMember.objects.filter(pk=pk, squad__in=squads_visible(user))
        .select_related("squad", "officer")
        .first()
    )
    if member is None:
        raise NotFound("中队队员")
    return member


def squad_list(user, *, q: str = "", township=None, department=None, sort: str = "township"):
    rows = squads_visible(user).select_related("department", "township", "head")
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(head__name__icontains=q))
    if township:
        rows = rows.filter(township_id=township)
    if department:
        rows = rows.filter(department_id=department)
    rows = rows.annotate(
        member_count=Count("members", filter=Q(members__left_on__isnull=True), distinct=True),
        vehicle_count=Count(
            "equipment", filter=Q(equipment__kind=Equipment.Kind.VEHICLE), distinct=True
        ),
    )
    return rows.order_by(*SORTS.get(sort, SORTS["township"]))


def active_members(squad: Squad):
    return squad.members.filter(left_on__isnull=True).select_related("officer")


def equipment_totals(rows) -> dict[str, int]:
    """{kind label: quantity} of equipment rows."""
    totals: dict[str, int] = {}
    for item in rows:
        label = item.get_kind_display()
        totals[label] = totals.get(label, 0) + item.quantity
    return totals


def township_equipment(user):
    """Equipment of the township teams the user sees (its own for a township clerk)."""
    if is_county_wide(user):
        return Equipment.objects.filter(county_id=user.county_id, township__isnull=False)
    if is_township_clerk(user):
        return Equipment.objects.filter(township_id=user.township_id)
    return Equipment.objects.none()


def consents_waiting(user) -> dict:
    """The workbench: head consents put to the user's township and not answered yet, the
    oldest request's time and a squad to answer on; one query."""
    if not is_township_clerk(user):
        return {"count": 0, "since": None, "first": None}
    return HeadConsent.objects.filter(
        squad__township_id=user.township_id, state=HeadConsent.State.PENDING
    ).aggregate(count=Count("pk"), since=Min("requested_at"), first=Min("squad_id"))
