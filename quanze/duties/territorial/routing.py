"""The routing table: who is responsible for a matter in a township on a day.

Interface for quanze.dispatch:

    responsibility_for(*, matter, township, on) -> Responsibility | None
        None when no published version of the county's list was in force on `on`
        or the matter is not on it. `matter` is a Matter or its pk; `township` a
        township Division (its parent is the county: no query).
    matters_for_county(*, county, on=None) -> QuerySet[Matter]
        the matters on the version in force on `on` (today when None); `county` is a
        county Division or its pk.
    version_in_force(*, county, on) -> ResponsibilityVersion | None
    responsibility_in(*, version, matter, township) -> Responsibility | None
        under one given version, not cached (a version not yet committed).

Responsibility fields: list, version, matter, item_id, primary_department,
primary_duty, fallback_department, cooperating (CooperatingUnit: unit, department,
township, task), township_cooperates, township_duty, township_primary (the township leads in its own
area: the list says so for this matter and the township is in its scope; the primary
department then guides), power_ids (the catalog powers the matter relies on, for 权随事转
in quanze.dispatch), steps (Step: position, unit, department, by_township, action,
time_limit_hours), accept_hours, handle_days, basis, rule (a sentence saying why).

Cost: each published version is loaded once into a dict keyed by matter id (four
queries), one entry per item with its departments, steps and sentence built then; the
township's part (does it cooperate, its name in the steps and the rule) is put in at
each lookup, a few microseconds, so memory is per item and not per (item, township). Publishing
in this process clears the cache; other processes re-check the county's newest
publication every CHECK_SECONDS (one small query), as quanze.dispatch.suggestion.selectors does.
"""

import time
from dataclasses import dataclass, field
from datetime import date
from threading import Lock

from django.db.models import Max
from django.utils import timezone

from quanze.duties.territorial.models import Matter, ResponsibilityItem, ResponsibilityVersion

CHECK_SECONDS = 30


@dataclass(frozen=True)
class CooperatingUnit:
    unit: object  # a Department or a township Division
    task: str
    department: object = None
    township: object = None

    def __str__(self) -> str:
        return str(self.unit)


@dataclass(frozen=True)
class Step:
    position: int
    unit: str
    action: str
    time_limit_hours: int
    department: object = None
    by_township: bool = False


@dataclass(frozen=True)
class Responsibility:
    list: object
    version: object
    matter: object
    item_id: int
    primary_department: object
    primary_duty: str
    fallback_department: object
    cooperating: tuple = ()
    township_cooperates: bool = False
    township_duty: str = ""
    steps: tuple = ()
    accept_hours: int = 24
    handle_days: int = 5
    basis: str = ""
    rule: str = ""
    extra: dict = field(default_factory=dict)
    township_primary: bool = False
    power_ids: frozenset = frozenset()

    @property
    def primary_task(self) -> str:
        return self.primary_duty


@dataclass(frozen=True)
class _Entry:
    """One list item with everything that does not depend on the township, built once per
    version: the answer for a township is put together from it at lookup (a few field
    copies and one sentence), so the cache holds one entry per item, not one per
    (item, township) pair, and warming it does not grow with the townships."""

    fixed: dict  # the Responsibility fields every township shares
    everyone: bool  # Scope.ALL: every township cooperates
    named: frozenset  # Scope.NAMED: the township ids that do (empty otherwise)
    township_duty: str
    units: tuple  # the cooperating departments
    steps: tuple  # a Step, or for a step done by the township the arguments of its Step
    township_steps: bool
    rule_head: str
    rule_tail: str
    township_primary: bool = False
    matter_name: str = ""
    department_name: str = ""

    def cooperates(self, township_id: int) -> bool:
        return self.everyone or township_id in self.named


@dataclass
class _Table:
    version: ResponsibilityVersion
    entries: dict  # matter_id -> _Entry


_lock = Lock()
_tables: dict[int, _Table] = {}
_in_force: dict[int, tuple[float, tuple, list]] = {}  # county id -> (checked, stamp, versions)


def cached_version_ids() -> set[int]:
    """Ids of the list versions this process holds in its cache, as routing tables or as
    candidates in force: what another thread could route by (tests of the cache's
    transaction boundary read it)."""
    with _lock:
        in_force = {row[-1] for _checked, _stamp, rows in _in_force.values() for row in rows}
        return set(_tables) | in_force


def clear_cache() -> None:
    """Forget every table (called by the services after a publication)."""
    with _lock:
        _tables.clear()
        _in_force.clear()


def _published(county_id: int):
    return ResponsibilityVersion.objects.filter(
        responsibility_list__county_id=county_id, published_at__isnull=False
    )


def _versions(county_id: int) -> list:
    """(effective_date, number, id) of every version ever published, newest first."""
    now = time.monotonic()
    cached = _in_force.get(county_id)
    if cached and now - cached[0] < CHECK_SECONDS:
        return cached[2]
    stamp = tuple(_published(county_id).aggregate(n=Max("id"), at=Max("published_at")).values())
    if cached and cached[1] == stamp:
        _in_force[county_id] = (now, stamp, cached[2])
        return cached[2]
    rows = sorted(_published(county_id).values_list("effective_date", "number", "id"), reverse=True)
    _in_force[county_id] = (now, stamp, rows)
    return rows


def _version_id(county_id: int, on: date) -> int | None:
    """The version in force on `on`: of those whose effective date has come, the one
    published last (versions are numbered in the order they are drafted and published)."""
    found = [
        (number, pk) for effective, number, pk in _versions(county_id)
        if effective is not None and effective <= on
    ]  # fmt: skip
    return max(found)[1] if found else None


def version_in_force(*, county, on: date | None = None):
    table = _table_in_force(county.pk, on)
    return None if table is None else table.version


def _table(version_id: int) -> _Table:
    table = _tables.get(version_id)
    if table is not None:
        return table
    table = _load(version_id)
    with _lock:
        _tables[version_id] = table
    return table


def _load(version_id: int) -> _Table:
    version = ResponsibilityVersion.objects.select_related("responsibility_list").get(pk=version_id)
    items = list(
        ResponsibilityItem.objects.filter(version=version)
        .select_related("matter", "matter__field", "primary_department", "fallback_department")
        .prefetch_related("co_departments__department", "steps__department", "powers")
    )
    named: dict[int, set] = {}
    through = ResponsibilityItem.townships.through
    for item_id, division_id in through.objects.filter(
        responsibilityitem__version=version
    ).values_list("responsibilityitem_id", "division_id"):
        named.setdefault(item_id, set()).add(division_id)
    entries = {i.matter_id: _entry(version, i, named.get(i.pk, ())) for i in items}
    return _Table(version=version, entries=entries)


def _entry(version, item, named) -> _Entry:
    Scope = ResponsibilityItem.Scope
    fallback = item.fallback_department or item.primary_department
    steps = tuple(
        (s.position, s.action, s.time_limit_hours, s.department)
        if s.by_township
        else Step(s.position, s.unit, s.action, s.time_limit_hours, s.department, False)
        for s in item.steps.all()
    )
    fixed = {
        "list": version.responsibility_list,
        "version": version,
        "matter": item.matter,
        "item_id": item.pk,
        "primary_department": item.primary_department,
        "primary_duty": item.primary_duty,
        "fallback_department": fallback,
        "accept_hours": item.accept_hours,
        "handle_days": item.handle_days,
        "basis": item.basis,
        "power_ids": frozenset(p.pk for p in item.powers.all()),
    }
    return _Entry(
        fixed=fixed,
        everyone=item.township_scope == Scope.ALL,
        named=frozenset(named if item.township_scope == Scope.NAMED else ()),
        township_duty=item.township_duty,
        units=tuple(
            CooperatingUnit(unit=c.department, task=c.duty, department=c.department)
            for c in item.co_departments.all()
        ),
        steps=steps,
        township_steps=any(not isinstance(s, Step) for s in steps),
        rule_head=(
            f"{version}(自{version.effective_date:%Y年%m月%d日}起施行)第{item.position}项"
            f"「{item.matter.name}」:{item.primary_department}承担主体责任"
        ),
        rule_tail=f",{fallback}牵头兜底",
        township_primary=item.township_primary,
        matter_name=item.matter.name,
        department_name=str(item.primary_department),
    )


def _answer(entry: _Entry, township) -> Responsibility:
    """The entry's answer for one township: its part, its name in the steps and the rule."""
    cooperates = entry.cooperates(township.pk)
    name = str(township)
    units = entry.units
    if cooperates:
        units = (CooperatingUnit(unit=township, task=entry.township_duty, township=township),)
        units += entry.units
    steps = entry.steps
    if entry.township_steps:
        # Positional construction: dataclasses.replace costs twice as much on this path.
        steps = tuple(
            s if type(s) is Step else Step(s[0], name, s[1], s[2], s[3], True) for s in steps
        )
    leads = entry.township_primary and cooperates
    if leads:
        # The township carries the matter in its own area; the department guides it.
        head = entry.rule_head.replace(
            f"{entry.department_name}承担主体责任",
            f"{name}承担主体责任(属地自办),{entry.department_name}业务指导",
        )
        units = entry.units
        return Responsibility(
            **entry.fixed,
            cooperating=units,
            township_cooperates=True,
            township_duty=entry.township_duty,
            steps=steps,
            rule=head + entry.rule_tail,
            township_primary=True,
        )
    part = f",{name}配合" if cooperates else f",{name}不承担配合责任"
    return Responsibility(
        **entry.fixed,
        cooperating=units,
        township_cooperates=cooperates,
        township_duty=entry.township_duty if cooperates else "",
        steps=steps,
        rule=entry.rule_head + part + entry.rule_tail,
    )


def _table_in_force(county_id: int, on: date | None) -> _Table | None:
    """The table of the version in force; a cached version gone from the database (a
    rolled-back transaction) clears the cache and asks again."""
    for _attempt in (1, 2):
        version_id = _version_id(county_id, on or timezone.localdate())
        if version_id is None:
            return None
        try:
            return _table(version_id)
        except ResponsibilityVersion.DoesNotExist:
            clear_cache()
    return None


def responsibility_for(*, matter, township, on: date | None = None) -> Responsibility | None:
    """Who answers for `matter` in `township` under the list in force on `on`."""
    table = _table_in_force(township.parent_id, on)
    if table is None:
        return None
    entry = table.entries.get(matter if isinstance(matter, int) else matter.pk)
    return None if entry is None else _answer(entry, township)


def responsibility_in(*, version, matter, township) -> Responsibility | None:
    """Who answers for `matter` in `township` under this one version, read from the
    database and kept out of the cache: for a version published in the caller's open
    transaction (a ruling's correction), which the server's other threads share the
    cache with and must not see before it commits."""
    entry = _load(version.pk).entries.get(matter if isinstance(matter, int) else matter.pk)
    return None if entry is None else _answer(entry, township)


def matters_for_county(*, county, on: date | None = None):
    table = _table_in_force(county if isinstance(county, int) else county.pk, on)
    if table is None:
        return Matter.objects.none()
    return Matter.objects.filter(responsibility_items__version_id=table.version.pk).select_related(
        "field"
    )


def township_on_list(*, township, matter, on: date | None = None) -> bool:
    """Whether the list in force gives the township a part in this matter."""
    table = _table_in_force(township.parent_id, on)
    if table is None:
        return False
    entry = table.entries.get(matter if isinstance(matter, int) else matter.pk)
    return entry is not None and entry.cooperates(township.pk)
