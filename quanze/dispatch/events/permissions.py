"""Who may act on an event, the one place for these rules: the county's establishment office,
the township side (the event's township, or the office acting for the caller), and the
department an event is assigned to. `require` refuses with the caller's own words."""

from django.db.models import Q

from quanze.core.errors import Forbidden
from quanze.org.roles import is_department_clerk, is_office, is_township_clerk


def require(condition: bool, message: str) -> None:
    """Refuse (Forbidden, with `message`) unless `condition` holds."""
    if not condition:
        raise Forbidden(message)


def county_office(user, county_id) -> bool:
    """The establishment office of the county `county_id`."""
    return is_office(user) and user.county_id == county_id


def township_side(user, event) -> bool:
    """The township of the place, or the county's office acting for the caller."""
    if is_township_clerk(user):
        return user.township_id == event.township_id
    return county_office(user, event.county_id)


def own_assignments(user) -> Q | None:
    """Which assignments the user's unit carries: a department clerk's department's; a
    township clerk's township team's (where the township leads); None for anyone else."""
    if is_department_clerk(user):
        return Q(department_id=user.department_id)
    if is_township_clerk(user):
        return Q(department__division_id=user.township_id)
    return None


def is_own_assignment(user, assignment) -> bool:
    """`own_assignments` for one assignment already in memory (its department loaded)."""
    if is_department_clerk(user):
        return assignment.department_id == user.department_id
    if is_township_clerk(user):
        return assignment.department.division_id == user.township_id
    return False


def is_township_team(department, event) -> bool:
    """Whether `department` is the event's township's own unit (its team), not a county's."""
    return department is not None and department.division_id == event.township_id


def led_by_township(event) -> bool:
    """Whether the township's own team carries the event (the township leads on it)."""
    return is_township_team(event.primary_department, event)


def acting_assignment(user, event, *roles):
    """The active assignment, in one of `roles`, of the user's unit on the event;
    Forbidden when the user's unit has none."""
    mine = own_assignments(user)
    if mine is not None:
        found = event.assignments.filter(mine, active=True, role__in=roles).first()
        if found:
            return found
    if set(roles) <= {"summoned", "cooperating"}:
        raise Forbidden("只有被召集或配合办理该事件的单位可以报到")
    raise Forbidden("只有该事件的主体责任单位(或兜底、被召集牵头的单位)可以执行此操作")
