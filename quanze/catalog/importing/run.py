"""Applying a resolved plan: all-or-nothing, in bulk, with history."""

from dataclasses import fields
from functools import lru_cache
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, OperationalError, connection, transaction
from django.utils import timezone

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import Catalog, CatalogVersion
from quanze.catalog.importing.plan import FK_FIELDS, TEXT_FIELDS, Resolution, resolve
from quanze.catalog.importing.problems import ImportProblem, ImportRejected
from quanze.catalog.importing.rows import Parsed
from quanze.catalog.powers.citations import ParsedCitation, parse_citations
from quanze.catalog.powers.models import Citation, Field, Power
from quanze.catalog.powers.search_index import index_texts, search_text_for, search_text_of
from quanze.core import bulk
from quanze.core.history import change_record, record_change
from quanze.core.models import ChangeRecord
from quanze.org.selectors import county_of
from quanze.org.services import department_create

BATCH = 1000
POWER_COLUMNS = [f.name for f in Power._meta.concrete_fields if f.name != "id"]
POWER_ATTS = [Power._meta.get_field(name).attname for name in POWER_COLUMNS]
FK_IDS = [f"{key}_id" for key in FK_FIELDS]
# The citation's power and position, then ParsedCitation's fields by name.
CITATION_COLUMNS = ["power", "position", *(f.name for f in fields(ParsedCitation))]
# In the order _write builds its created rows.
HISTORY_COLUMNS = [
    "content_type",
    "object_id",
    "object_repr",
    "action",
    "actor",
    "at",
    "before",
    "after",
    "reason",
]


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


def apply(
    *,
    by,
    catalog: Catalog,
    parsed: Parsed,
    create_departments: bool,
    progress=None,
    mode: str = "merge",
    update_shared: bool = False,
):
    options = {"mode": mode, "update_shared": update_shared}
    try:
        return _apply(by, catalog, parsed, create_departments, progress, options)
    except OperationalError as error:
        # SQLite has no row locks: a second writer waits for the database, then gives up.
        if "locked" in str(error):
            raise _busy(catalog, parsed.file) from None
        raise


def _apply(by, catalog: Catalog, parsed: Parsed, create_departments: bool, progress, options):
    with transaction.atomic():
        catalog = _lock(catalog, parsed.file)
        res = resolve(
            catalog=catalog,
            parsed=parsed,
            create_departments=create_departments,
            by=by,
            **options,
        )
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
    names = {"department": created_depts, "field": created_fields}
    new, changed = [], []
    for target in res.targets:
        if target.power_id is None:
            new.append(target)
        elif target.changes:
            changed.append(target)
    created = _insert_new(new, by_record, names, owner, now, max(res.existing, default=0))
    _progress(progress, total * 7 // 10, total)
    _update_changed(changed, res, by_record, names, owner, now)
    index_texts(
        [(t.power_id, row["search_text"]) for t, row in created]
        + [(t.power_id, t.power.search_text) for t in changed]
    )
    rebased = [t.power for t in changed if any(c[0] == "legal_basis" for c in t.changes)]
    _refresh_citations([(t.power_id, row["legal_basis"]) for t, row in created], rebased)
    actor_id = by.pk if by is not None and by.is_authenticated else None
    power_type = ContentType.objects.get_for_model(Power).pk
    bulk.insert_rows(
        ChangeRecord,
        [
            (
                power_type,
                t.power_id,
                power_repr(row),
                "create",
                actor_id,
                now,
                {},
                created_state(t, row, owner),
                "",
            )
            for t, row in created
        ],
        HISTORY_COLUMNS,
    )
    records = [
        change_record(
            t.power,
            action="update",
            actor=by,
            before={k: plain_value(o) for k, o, _ in t.changes},
            after={k: plain_value(n) for k, _, n in t.changes},
            at=now,
            reason="导入",
        )
        for t in changed
    ]
    bulk.insert(ChangeRecord, records, HISTORY_COLUMNS)
    _progress(progress, total * 9 // 10, total)
    _set_entries(by=by, catalog=catalog, res=res, effective_date=effective_date)
    _progress(progress, total, total)


def _fk(key: str, value, names: dict):
    """An FK value of the plan: an id, None, or the name of a department/field just made."""
    return names.get(key, {}).get(value, value) if isinstance(value, str) else value


def new_row(target, names: dict, owner, now) -> dict:
    """A new power's column values by attname: a plain dict, no model instance."""
    row = dict.fromkeys(TEXT_FIELDS, "")
    row.update(owner_id=owner.pk, code=target.code, parent_id=None, extra={}, updated_at=now)
    row.update(dict.fromkeys(FK_IDS))
    for key, value in target.data.items():
        if key in FK_FIELDS:
            row[f"{key}_id"] = _fk(key, value, names)
        elif key != "parent":
            row[key] = value
    row["search_text"] = search_text_for(row["code"], row["name"], row["sub_name"])
    return row


def _insert_new(new: list, by_record: dict, names: dict, owner, now, last_id: int) -> list:
    """Insert new powers, main items before the sub-items that point at them, and read
    their ids back (our codes, above the owner's last id before the import).
    Returns (target, row) pairs."""

    def parent_of(target):
        record = target.data.get("parent")
        return by_record[id(record)] if record else None

    created = [(t, new_row(t, names, owner, now)) for t in new]
    waiting = {id(t) for t in new if (p := parent_of(t)) and p.power_id is None}
    first = [pair for pair in created if id(pair[0]) not in waiting]
    second = [pair for pair in created if id(pair[0]) in waiting]
    for wave in (first, second):
        if not wave:
            continue
        for target, row in wave:
            parent = parent_of(target)
            row["parent_id"] = parent.power_id if parent else None
        bulk.insert_rows(Power, [[row[a] for a in POWER_ATTS] for _, row in wave], POWER_COLUMNS)
        ids = dict(Power.objects.filter(owner=owner, pk__gt=last_id).values_list("code", "id"))
        for target, _ in wave:
            target.power_id = ids[target.code]
    return created


def _update_changed(changed: list, res: Resolution, by_record: dict, names, owner, now) -> None:
    """Changed powers (rare in a first import) as model instances, through bulk_update."""
    prepare_changed(changed, res, by_record, names, owner, now)
    Power.objects.bulk_update([t.power for t in changed], update_fields(res), batch_size=BATCH)


def update_fields(res: Resolution) -> list[str]:
    """The columns an update of this plan's changed powers writes."""
    fields = [f for f in res.fields if f != "extra"] + (["extra"] if "extra" in res.fields else [])
    return [*fields, "search_text", "updated_at"]


def prepare_changed(changed: list, res: Resolution, by_record: dict, names, owner, now) -> None:
    """Each changed target's new state as `target.power` (an unsaved model instance)."""
    for target in changed:
        power = Power(pk=target.power_id, owner=owner, code=target.code, updated_at=now)
        old = res.existing[target.power_id]
        for key in TEXT_FIELDS:
            setattr(power, key, old[key])
        for key in FK_FIELDS:
            setattr(power, f"{key}_id", old[f"{key}_id"])
        power.extra = old["extra"]
        for key, value in target.data.items():
            if key == "parent":
                parent = by_record.get(id(value)) if value else None
                power.parent_id = parent.power_id if parent else None
            elif key in FK_FIELDS:
                setattr(power, f"{key}_id", _fk(key, value, names))
            else:
                setattr(power, key, value)
        if "parent" not in target.data:
            power.parent_id = old["parent_id"]
        power.search_text = search_text_of(power)
        target.power = power


@lru_cache(maxsize=8192)
def citations_of(basis: str) -> tuple[tuple, ...]:
    """Parsed citations of a basis text as column values; township lists repeat the
    catalog's bases, so each distinct text is parsed once per process."""
    return tuple(
        tuple(parsed.__dict__[c] for c in CITATION_COLUMNS[2:]) for parsed in parse_citations(basis)
    )


def _refresh_citations(created: list[tuple[int, str]], rebased: list[Power]) -> None:
    """What services.refresh_citations does, written in bulk (new powers have none yet)."""
    Citation.objects.filter(power__in=rebased).delete()
    bases = created + [(power.pk, power.legal_basis) for power in rebased]
    rows = [
        (pk, position, *values)
        for pk, basis in bases
        for position, values in enumerate(citations_of(basis), start=1)
    ]
    bulk.insert_rows(Citation, rows, CITATION_COLUMNS)


def plain_value(value):
    """A changed value as history stores it (JSON: text, number, mapping or null)."""
    return value if isinstance(value, (str, int, dict, type(None))) else str(value)


def power_repr(row: dict) -> str:
    """str(Power) of a new power's row, as ChangeRecord.object_repr."""
    name, sub = row["name"], row["sub_name"]
    return (f"{name}({sub})" if sub else name)[:300]


def created_state(target, row: dict, owner) -> dict:
    """The created power's fields as history shows them (FKs by their text)."""
    values = target.record.values
    state = {"owner": str(owner), "code": target.code}
    for key in TEXT_FIELDS:
        state[key] = row[key]
    for key in FK_FIELDS:
        state[key] = values.get(key) or None
    state["extra"] = row["extra"]
    return state


def _set_entries(*, by, catalog: Catalog, res: Resolution, effective_date) -> None:
    if res.entries_same and not res.plan.updated and effective_date is None:
        return  # the file is exactly the catalog's latest version: no draft needed
    draft = services.version_draft(by=by, catalog=catalog)
    entries = [(_Ref(t.power_id), t.set_kind) for t in res.targets]
    listed = {t.power_id for t in res.targets}
    entries += [(_Ref(pid), kind) for pid, kind in res.kept_entries if pid not in listed]
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
