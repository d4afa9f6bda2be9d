"""Who-may rules shared by every delegation process: the one office check before a write,
and the one way a choke point turns a missing or hidden object into NotFound."""

from quanze.core.errors import Forbidden, NotFound
from quanze.org.roles import is_office

OFFICE_ONLY = "只有本县(市、区)编办可以办理"


def require_office(by, county, message: str = OFFICE_ONLY) -> None:
    """Refuse `by` unless it is the establishment office of the county.

    `county` is a county id or anything with a `county_id` (a project). `by=None` is the
    system (scenarios, sweeps) and always passes. `message` says what only the office
    may do; each process keeps the wording its users know.
    """
    county_id = getattr(county, "county_id", county)
    if by is not None and not (is_office(by) and by.county_id == county_id):
        raise Forbidden(message)


def get_visible(qs, pk, what: str):
    """The object `pk` of the readable queryset `qs`; missing and hidden alike are NotFound."""
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise NotFound(what) from None
