"""Reads of decisions, and the decision's access choke point.

- the establishment office reads and writes those of its county;
- the justice bureau reads those of its county;
- a township clerk reads the decisions naming its township;
- department clerks, other counties and the public see none of them.
Missing and forbidden objects give the same NotFound.
"""

from decimal import Decimal

from django.db.models import QuerySet

from quanze.delegation.decisions.models import Decision
from quanze.delegation.permissions import get_visible
from quanze.org.roles import is_county_wide, is_office, is_township_clerk


def decisions_readable(user) -> QuerySet[Decision]:
    qs = Decision.objects.select_related("batch__project__county")
    if is_county_wide(user):
        return qs.filter(batch__project__county_id=user.county_id)
    if is_township_clerk(user):
        return qs.filter(townships=user.township_id)
    return qs.none()


def decisions_writable(user) -> QuerySet[Decision]:
    if is_office(user):
        return Decision.objects.filter(batch__project__county_id=user.county_id)
    return Decision.objects.none()


def access_decision(user, decision_id, *, for_write: bool = False) -> Decision:
    qs = decisions_readable(user)
    if for_write:
        qs = qs.filter(pk__in=decisions_writable(user).values("pk"))
    return get_visible(qs, decision_id, "常务会决定")


def decision_powers(decision: Decision) -> list:
    """The powers the decision names, in batch order."""
    return [
        bi.item.power
        for bi in decision.items.select_related(
            "item__power__power_type", "item__power__department", "item__power__field"
        ).order_by("position")
    ]


def share_text(share: Decimal) -> str:
    """80.00 -> "80%", 62.50 -> "62.5%"."""
    return f"{Decimal(share).normalize():f}%"
