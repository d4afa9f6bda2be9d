"""Applying a resolved plan: all-or-nothing, in bulk, with history."""

from types import SimpleNamespace
from typing import NamedTuple

from django.db import DatabaseError, OperationalError, connection, transaction
from django.utils import timezone

from quanze.catalog import services
from quanze.catalog.citations import parse_citations
from quanze.catalog.importing.plan import FK_FIELDS, TEXT_FIELDS, Resolution, resolve
from quanze.catalog.importing.problems import ImportProblem, ImportRejected
from quanze.catalog.importing.rows import Parsed
from quanze.catalog.layout import search_text_of
from quanze.catalog.models import Catalog, CatalogVersion, Citation, Field, Power
from quanze.catalog.search_index import index_powers
from quanze.core import bulk
from quanze.core.history import change_record, record_change
from quanze.core.models import ChangeRecord
from quanze.org.selectors import county_of
from quanze.org.services import department_create

BATCH = 1000
POWER_COLUMNS = [f.name for f in Power._meta.concrete_fields if f.name != "id"]
CITATION_COLUMNS = [f.name for f in Citation._meta.concrete_fields if f.name != "id"]
HISTORY_COLUMNS = [f.name for f in ChangeRecord._meta.concrete_fields if f.name != "id"]


class _Ref(NamedTuple):
    """A power by its id: all version_set_entries reads of it (cheaper than a model)."""

    pk: int


def _busy(catalog: Catalog, file_name: str) -> ImportRejected:
    message = f"目录“{catalog.name}”正在被另一个导入任务写入,请稍后再试"
    return ImportRejected([ImportProblem(message=message, file=file_name)])


def _lock(catalog: Catalog, file_name: str) -> Catalog:
    """Serialise imports of one catalog: the second waits for nothing and is refused."""
    try:
        qs = Catalog.objects.select_related("owner")
        if connection.features.has_select_for_update_nowait:
            qs = qs.select_for_update(nowait=True, of=("self",))
        return qs.get(pk=catalog.pk)
    except DatabaseError:
        raise _busy(catalog, file_name) from None


def apply(*, by, catalog: Catalog, parsed: Parsed, create_departments: bool, progress=None):
    try:
        return _apply(by, catalog, parsed, create_departments, progress)
    except OperationalError as error:
        # SQLite has no row locks: a second writer waits for the database, then gives up.
        if "locked" in str(error):
            raise _busy(catalog, parsed.file) from None
        raise


def _apply(by, catalog: Catalog, parsed: Parsed, create_departments: bool, progress):
    with transaction.atomic():
        catalog = _lock(catalog, parsed.file)
        res = resolve(catalog=catalog, parsed=parsed, create_departments=create_departments, by=by)
        if res.problems:
            raise ImportRejected(res.problems)
        _write(
            by=by, catalog=catalog, res=res, effective_date=parsed.effective_date, progress=progress
        )
        return res.plan


def _write(*, by, catalog: Catalog, res: Resolution, effective_date, progress) -> None:
    owner = catalog.owner
    now = timezone.now()
    total = len(res.targets)
    created_depts = {
        name: department_create(by=by, division=county_of(owner), name=name).pk
        for name in res.plan.new_departments
    }
    created_fields = {}
    for name in res.plan.new_fields:
        new_field = Field.objects.create(name=name)
        record_change(new_field, action="create", actor=by, after={"name": name})
        created_fields[name] = new_field.pk
    by_record = {id(t.record): t for t in res.targets}
    new_objs, changed_objs, records = [], [], []
    names = {"department": created_depts, "field": created_fields}
    for target in res.targets:
        if target.power_id is not None and not target.changes:
            continue
        power = Power(pk=target.power_id, owner=owner, code=target.code, updated_at=now)
        if target.power_id is not None:
            old = res.existing[target.power_id]
            for key in TEXT_FIELDS:
                setattr(power, key, old[key])
            for key in FK_FIELDS:
                setattr(power, f"{key}_id", old[f"{key}_id"])
            power.extra = old["extra"]
        for key, value in target.data.items():
            if key == "parent":
                continue
            if key in FK_FIELDS:
                value = names.get(key, {}).get(value, value) if isinstance(value, str) else value
                setattr(power, f"{key}_id", value)
            else:
                setattr(power, key, value)
        power.search_text = search_text_of(power)
        target.power = power
        (changed_objs if target.power_id else new_objs).append(target)
    _insert_new(new_objs, by_record, owner, max(res.existing, default=0))
    _progress(progress, total * 7 // 10, total)
    for target in changed_objs:
        if "parent" in target.data:
            parent = by_record.get(id(target.data["parent"])) if target.data["parent"] else None
            target.power.parent_id = parent.power_id if parent else None
        else:
            target.power.parent_id = res.existing[target.power_id]["parent_id"]
    fields = [f for f in res.fields if f != "extra"] + (["extra"] if "extra" in res.fields else [])
    update_fields = [*fields, "search_text", "updated_at"]
    Power.objects.bulk_update([t.power for t in changed_objs], update_fields, batch_size=BATCH)
    index_powers(t.power_id for t in new_objs + changed_objs)
    rebased = [t.power for t in changed_objs if any(c[0] == "legal_basis" for c in t.changes)]
    _refresh_citations([t.power for t in new_objs], rebased)
    for target in new_objs:
        records.append(
            change_record(
                target.power, action="create", actor=by, after=_state(target, owner), at=now
            )
        )
    for target in changed_objs:
        before = {k: _plain(o) for k, o, _ in target.changes}
        after = {k: _plain(n) for k, _, n in target.changes}
        records.append(
            change_record(
                target.power,
                action="update",
                actor=by,
                before=before,
                after=after,
                at=now,
                reason="导入",
            )
        )
    bulk.insert(ChangeRecord, records, HISTORY_COLUMNS)
    _progress(progress, total * 9 // 10, total)
    _set_entries(by=by, catalog=catalog, res=res, effective_date=effective_date)
    _progress(progress, total, total)


def _insert_new(new_objs: list, by_record: dict, owner, last_id: int) -> None:
    """Insert new powers, main items before the sub-items that point at them, and read
    their ids back (our codes, above the owner's last id before the import)."""

    def parent_of(target):
        record = target.data.get("parent")
        return by_record[id(record)] if record else None

    waiting = {id(t) for t in new_objs if (p := parent_of(t)) and p.power_id is None}
    first = [t for t in new_objs if id(t) not in waiting]
    second = [t for t in new_objs if id(t) in waiting]
    for wave in (first, second):
        if not wave:
            continue
        for target in wave:
            parent = parent_of(target)
            target.power.parent_id = parent.power_id if parent else None
        bulk.insert(Power, [t.power for t in wave], POWER_COLUMNS)
        ids = dict(Power.objects.filter(owner=owner, pk__gt=last_id).values_list("code", "id"))
        for target in wave:
            target.power_id = target.power.pk = ids[target.code]


def _refresh_citations(created: list[Power], rebased: list[Power]) -> None:
    """What services.refresh_citations does, written in bulk (new powers have none yet)."""
    Citation.objects.filter(power__in=rebased).delete()
    # Plain rows, not model instances: bulk.insert only reads the attributes.
    citations = [
        SimpleNamespace(power_id=power.pk, position=i, **parsed.__dict__)
        for power in created + rebased
        for i, parsed in enumerate(parse_citations(power.legal_basis), start=1)
    ]
    bulk.insert(Citation, citations, CITATION_COLUMNS)


def _plain(value):
    return value if isinstance(value, (str, int, dict, type(None))) else str(value)


def _state(target, owner) -> dict:
    """The created power's fields as history shows them (FKs by their text)."""
    values = target.record.values
    state = {"owner": str(owner), "code": target.code}
    for key in TEXT_FIELDS:
        state[key] = getattr(target.power, key)
    for key in FK_FIELDS:
        state[key] = values.get(key) or None
    state["extra"] = target.power.extra
    return state


def _set_entries(*, by, catalog: Catalog, res: Resolution, effective_date) -> None:
    if res.entries_same and not res.plan.updated and effective_date is None:
        return  # the file is exactly the catalog's latest version: no draft needed
    draft = services.version_draft(by=by, catalog=catalog)
    entries = [(_Ref(t.power_id), t.set_kind) for t in res.targets]
    services.version_set_entries(by=by, version=draft, entries=entries, reason="导入")
    if effective_date and draft.effective_date != effective_date:
        before = draft.effective_date.isoformat() if draft.effective_date else None
        CatalogVersion.objects.filter(pk=draft.pk).update(effective_date=effective_date)
        record_change(
            draft,
            action="update",
            actor=by,
            before={"effective_date": before},
            after={"effective_date": effective_date.isoformat()},
            reason="导入",
        )


def _progress(progress, done: int, total: int) -> None:
    if progress:
        progress(done, total)
