"""Access choke points of claim windows and of each township's claims.

- the establishment office reads and writes the windows of its county;
- the justice bureau reads them;
- a township clerk reads the windows it is invited to, and reads and writes its own
  township's claims there;
- department clerks, other counties and the public see none of them.
Missing and forbidden objects give the same NotFound.
"""

from django.db.models import Q, QuerySet

from quanze.core.errors import Forbidden, NotFound
from quanze.delegation.claims.models import ClaimWindow
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
