"""Who acts for a county in the duties app: the rules every process's choke points and
services share.

- Territorial lists and their published versions are public (anyone reads them, as the
  published lists are disclosed); drafts, meetings and history are for the county.
- The establishment office of the county edits lists, holds meetings, decides admissions.
- A department clerk files and edits its own department's admission requests.
- A township clerk edits its own township's raw items and answers its own rounds.

Each process's `selectors.py` holds the access choke points of its own objects.
"""

from quanze.core.errors import Forbidden
from quanze.org.roles import is_office


def in_county(user, county_id) -> bool:
    """Whether `user` is signed in and belongs to the county `county_id`."""
    return user.is_authenticated and user.county_id is not None and user.county_id == county_id


def office_of(user, county_id) -> bool:
    """Whether `user` is the establishment office of the county `county_id`."""
    return is_office(user) and user.county_id == county_id


def require_office(by, county_id, message: str) -> None:
    """Refuse (Forbidden, with the caller's `message`) anyone but the county's office;
    `by=None` is the system itself (scenarios, corrections of a ruling) and passes."""
    if by is not None and not office_of(by, county_id):
        raise Forbidden(message)
