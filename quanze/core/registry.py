"""Maps the model names in history URLs to the access choke point of each type."""

from quanze.core.errors import NotFound


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


_stale_job_sweeps: dict = {}


def register_stale_job_sweep(name: str, sweep) -> None:
    """Record an app's sweep of stale background jobs; `jobs_sweep_stale` runs them all."""
    _stale_job_sweeps[name] = sweep


def stale_job_sweeps() -> dict:
    return dict(_stale_job_sweeps)
