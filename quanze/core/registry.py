"""Maps the model names in history URLs to the access choke point of each type."""

from quanze.core.errors import NotFound

_history_access: dict = {}


def register_history_access(model: str, access) -> None:
    """Record the access choke point behind `/history/<model>/<id>/` for one model name."""
    _history_access[model] = access


def access_for_history(user, model: str, pk: int):
    from quanze.catalog import selectors as catalog
    from quanze.duties import access as duties
    from quanze.org import selectors as org

    choke_points = {
        "division": org.access_division,
        "department": org.access_department,
        "power": catalog.access_power,
        "catalog": catalog.access_catalog,
        "version": catalog.access_version,
        "resplist": duties.access_list,
        "respversion": duties.access_version,
        "admission": duties.access_admission,
        "dutylist": duties.access_duty_list,
        "dutyversion": duties.access_duty_version,
    }
    access = choke_points.get(model)
    if access is None or not user.is_authenticated:
        raise NotFound("对象")
    return access(user, pk)
