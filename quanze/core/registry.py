"""What apps contribute to the machinery core runs over all of them.

`core` knows no app: each app registers its pieces from its `AppConfig.ready()`, and core
looks them up here by name. Three kinds:

- history access: the model names in `/history/<model>/<id>/` and the access choke point
  that fetches each (a missing name is the same 404 as a forbidden object);
- stale-job sweeps: per kind of background job, a function that marks the jobs left
  running by a dead worker failed and returns how many (`quanze sweep-jobs`);
- scenarios: `quanze scenario CODE` loads the modules registered under CODE, each with a
  `load(*, stdout)` function, in registration order (an app higher in the layering, such
  as enforcement, continues a lower app's scenario by registering under the same code);
- search indexes: tables kept beside the models that no model describes (so `dumpdata`
  and a restore do not carry them), each with the function that rebuilds it from the
  rows it indexes and returns how many it indexed;
- demo loaders: what an app adds to the demo county once `quanze load_demo` has loaded it
  (each returns a line for the operator, and adds nothing when run again);
- workbench sections: what an app puts on a signed-in user's home page (工作台): the work
  waiting for the user's unit and the figures it watches (`core/workbench.py`).
"""

from collections.abc import Callable

from quanze.core.errors import NotFound

_history_access: dict[str, Callable] = {}
_stale_job_sweeps: dict[str, tuple[str, Callable[[], int]]] = {}
_scenarios: dict[str, list[str]] = {}
_search_indexes: dict[str, Callable[[], int]] = {}
_demo_loaders: dict[str, Callable[[], str]] = {}
_workbench_sections: dict[str, tuple[int, Callable]] = {}


def register_history_access(model: str, access: Callable) -> None:
    """Record the access choke point `access(user, pk)` behind `/history/<model>/<pk>/`."""
    _history_access[model] = access


def access_for_history(user, model: str, pk: int):
    """The object whose history `user` asks for, through its type's choke point."""
    access = _history_access.get(model)
    if access is None or not user.is_authenticated:
        raise NotFound("对象")
    return access(user, pk)


def register_stale_job_sweep(name: str, label: str, sweep: Callable[[], int]) -> None:
    """Record a sweep of one kind of background job; `label` names the kind in Chinese
    (发布任务, 导入任务) for the operator's report."""
    _stale_job_sweeps[name] = (label, sweep)


def stale_job_sweeps() -> dict[str, tuple[str, Callable[[], int]]]:
    """Every registered sweep, by name: `(label, sweep)`."""
    return dict(_stale_job_sweeps)


def register_scenario(code: str, module: str) -> None:
    """Record a module (dotted path) that loads scenario `code` of the source documents;
    several modules under one code run in the order they were registered (a module
    registered twice runs once)."""
    modules = _scenarios.setdefault(code, [])
    if module not in modules:
        modules.append(module)


def scenarios() -> dict[str, tuple[str, ...]]:
    """Every registered scenario: code → its module paths in run order, in code order."""
    return {code: tuple(modules) for code, modules in sorted(_scenarios.items())}


def register_search_index(name: str, rebuild: Callable[[], int]) -> None:
    """Record a search index and the function that rebuilds it from its source rows."""
    _search_indexes[name] = rebuild


def search_indexes() -> dict[str, Callable[[], int]]:
    """Every registered search index: name → rebuild function."""
    return dict(_search_indexes)


def register_demo_loader(name: str, load: Callable[[], str]) -> None:
    """Record what an app adds to the demo county: `load()` runs after the county is loaded,
    adds nothing when its data is already there, and returns one line (Chinese) saying what
    it did."""
    _demo_loaders[name] = load


def demo_loaders() -> dict[str, Callable[[], str]]:
    """Every registered demo loader, by name, in registration order (the apps' order)."""
    return dict(_demo_loaders)


def register_workbench_section(name: str, provider: Callable, *, order: int = 100) -> None:
    """Record `provider(user) -> workbench.Section | None` for the home page; sections are
    shown by `order` (smaller first), then by name. Registering a name again replaces it."""
    _workbench_sections[name] = (order, provider)


def workbench_sections() -> list[tuple[str, Callable]]:
    """Every registered workbench provider as `(name, provider)`, in display order."""
    ordered = sorted(_workbench_sections.items(), key=lambda kv: (kv[1][0], kv[0]))
    return [(name, provider) for name, (_, provider) in ordered]
