"""Access choke points of claim windows and of each township's claims.

- the establishment office reads and writes the windows of its county;
- the justice bureau reads them;
- a township clerk reads the windows it is invited to, and reads and writes its own
  township's claims there;
- department clerks, other counties and the public see none of them.
Missing and forbidden objects give the same NotFound.
"""

from django.db.models import Count, Q, QuerySet

from quanze.core.errors import Forbidden, NotFound
from quanze.delegation.claims.models import Claim, ClaimWindow
from quanze.delegation.permissions import get_visible
from quanze.org.roles import is_county_wide, is_office, is_township_clerk


def windows_readable(user) -> QuerySet[ClaimWindow]:
    qs = ClaimWindow.objects.select_related("county", "catalog_version__catalog")
    if is_county_wide(user):
        return qs.filter(county_id=user.county_id)
    if is_township_clerk(user):
        return qs.filter(townships=user.township_id)
    return qs.none()


def access_window(user, window_id, *, for_write: bool = False) -> ClaimWindow:
    qs = windows_readable(user)
    if for_write and not is_office(user):
        qs = qs.none()
    return get_visible(qs, window_id, "认领")


def can_claim_for(user, window: ClaimWindow, township_id) -> bool:
    """Only the township's own clerk edits and submits its claims."""
    return is_township_clerk(user) and user.township_id == int(township_id)


def access_township_claims(user, window_id, township_id, *, for_write: bool = False):
    """The window and township whose claims the user reads (or, for_write, edits)."""
    window = access_window(user, window_id)
    township = get_visible(window.townships.all(), township_id, "乡镇(街道)认领")
    own = is_township_clerk(user) and user.township_id == township.pk
    if not (is_county_wide(user) or own):
        raise NotFound("乡镇(街道)认领")
    if for_write and not own:
        raise Forbidden("只有本乡镇(街道)经办人可以填写和提交认领")
    return window, township


def township_filter(user) -> Q:
    """Which townships' rows a reader of a window sees."""
    if is_county_wide(user):
        return Q()
    if is_township_clerk(user):
        return Q(township_id=user.township_id)
    return Q(pk__in=[])


def sheets_waiting(user) -> list[dict]:
    """The claim sheets waiting for the user (the workbench), nearest deadline first: a
    township clerk's drafts and returned sheets of open windows, the office's submitted
    sheets to confirm. Each `{"window", "township", "deadline", "rows"}`; one query."""
    open_ = ClaimWindow.Status.OPEN
    if is_township_clerk(user):
        claims = Claim.objects.filter(
            window__status=open_,
            township_id=user.township_id,
            status__in=[Claim.Status.DRAFT, Claim.Status.RETURNED],
        )
    elif is_office(user):
        claims = Claim.objects.filter(
            window__county_id=user.county_id, status=Claim.Status.SUBMITTED
        )
    else:
        return []
    rows = (
        claims.values("window_id", "township_id", "window__deadline")
        .annotate(rows=Count("pk"))
        .order_by("window__deadline", "window_id", "township_id")
    )
    return [
        {
            "window": r["window_id"],
            "township": r["township_id"],
            "deadline": r["window__deadline"],
            "rows": r["rows"],
        }
        for r in rows
    ]


def claim_progress(user) -> dict:
    """Over the county's open windows: township sheets in all, and how many are submitted or
    confirmed (the office's figure); one query."""
    if not is_county_wide(user):
        return {"sheets": 0, "in": 0}
    rows = (
        Claim.objects.filter(
            window__county_id=user.county_id, window__status=ClaimWindow.Status.OPEN
        )
        .values("window_id", "township_id")
        .annotate(
            pending=Count("pk", filter=Q(status__in=[Claim.Status.DRAFT, Claim.Status.RETURNED]))
        )
        .order_by()
    )
    rows = list(rows)
    return {"sheets": len(rows), "in": sum(1 for r in rows if r["pending"] == 0)}
