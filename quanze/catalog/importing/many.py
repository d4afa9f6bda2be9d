"""Many workbooks as one import (a province's 2,501 lists): one job, all-or-nothing.

    result = import_many(by=None, files=[ImportFile(catalog, path, "清单.xlsx"), ...])

Every file is read and checked by the same code as a single import (`parse_file`,
`plan.resolve`, `guard`), so every rule holds: problems in Chinese naming the file,
sheet, row and column, poorer values kept, other catalogs' powers left alone unless
the office confirms, merge and replace modes, one history record per created or
changed power. What differs is how it reaches the database:

- one transaction for all files: a problem in any file and nothing is written (the
  problems of every file are collected and raised together as ImportRejected);
- files are planned in batches (`BATCH_FILES`): the lookups of every file of a batch
  (power types, fields, the counties' departments, the owners' powers, the catalogs'
  versions and entries) are read with a constant number of queries per batch, not per
  file, and the batch's rows are written together (powers, history, citations, drafts
  and their entries), in large bulk inserts (COPY on PostgreSQL, `core.bulk`);
- the search index is filled once, at the end.

A batch never holds two files of one owner (they would plan against the same powers):
such a file starts the next batch, which sees the first one's writes.
"""

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, OperationalError, connection, transaction
from django.utils import timezone

from quanze.catalog.catalogs.models import Catalog, CatalogEntry, CatalogVersion
from quanze.catalog.catalogs.selectors import catalogs_writable
from quanze.catalog.catalogs.services import VERSION_FIELDS
from quanze.catalog.importing import lookups as names_lookups
from quanze.catalog.importing import parse_file
from quanze.catalog.importing.plan import LOADED, Context, resolve
from quanze.catalog.importing.problems import ImportPlan, ImportProblem, ImportRejected
from quanze.catalog.importing.run import (
    CITATION_COLUMNS,
    HISTORY_COLUMNS,
    POWER_ATTS,
    POWER_COLUMNS,
    citations_of,
    created_state,
    new_row,
    plain_value,
    power_repr,
    prepare_changed,
    update_fields,
)
from quanze.catalog.powers.models import Citation, Field, Power
from quanze.catalog.powers.search_index import index_id_range, index_texts
from quanze.core import bulk
from quanze.core.errors import Forbidden
from quanze.core.history import change_record, model_state
from quanze.core.models import ChangeRecord
from quanze.org.models import Department
from quanze.org.selectors import county_of
from quanze.org.services import department_create

BATCH_FILES = 100  # 101 files in one batch peaked at 371 MB
ENTRY_COLUMNS = ["version", "power", "position", "set_kind", "snapshot"]


@dataclass
class ImportFile:
    """One workbook of a multi-file import and the catalog it goes into."""

    catalog: Catalog
    path: Path | str
    file_name: str


@dataclass
class FileOutcome:
    """What one file of the job did (the plan's counts and what it left alone)."""

    file_name: str
    catalog_id: int
    rows: int
    created: int
    updated: int
    unchanged: int
    protected: list[dict] = field(default_factory=list)
    kept: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, file: ImportFile, plan: ImportPlan) -> "FileOutcome":
        return cls(
            file.file_name,
            file.catalog.pk,
            plan.rows,
            len(plan.created),
            len(plan.updated),
            plan.unchanged,
            plan.protected,
            plan.kept,
            plan.warnings,
        )


@dataclass
class ManyResult:
    files: list[FileOutcome]

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def created(self) -> int:
        return sum(f.created for f in self.files)

    @property
    def updated(self) -> int:
        return sum(f.updated for f in self.files)


class BatchContext(Context):
    """`plan.Context` for a batch of catalogs, read with a constant number of queries."""

    def __init__(self, catalogs: list[Catalog], types: dict, fields: dict):
        self._types, self._fields = types, fields
        counties = {c.owner_id: county_of(c.owner) for c in catalogs}  # owners come joined
        self._depts: dict[int, dict] = {county.pk: {} for county in counties.values()}
        by_county = defaultdict(dict)
        for dept in Department.objects.filter(division_id__in=list(self._depts)):
            lookup = by_county[dept.division_id]  # as org.selectors.department_lookup
            lookup[dept.name] = dept
            if dept.short_name:
                lookup.setdefault(dept.short_name, dept)
        for county_id, lookup in by_county.items():
            mine = self._depts[county_id]  # as lookups.departments
            for name, dept in lookup.items():
                mine.setdefault(name, dept)
                mine.setdefault(names_lookups.dept_key(name), dept)
        self._county = {owner: county.pk for owner, county in counties.items()}
        self._existing: dict[int, dict[int, dict]] = {owner: {} for owner in counties}
        rows = Power.objects.filter(owner_id__in=list(counties)).values(*LOADED, "owner_id")
        for row in rows:
            self._existing[row.pop("owner_id")][row["id"]] = row
        self.bases: dict[int, tuple] = {}
        latest: dict[int, SimpleNamespace] = {}
        columns = ("id", "catalog_id", "number", "status", "effective_date")
        for values in CatalogVersion.objects.filter(catalog__in=catalogs).values_list(*columns):
            version = SimpleNamespace(**dict(zip(("pk", *columns[1:]), values, strict=True)))
            best = latest.get(version.catalog_id)
            if best is None or _rank(version) > _rank(best):
                latest[version.catalog_id] = version
        entries = defaultdict(list)
        rows = (
            CatalogEntry.objects.filter(version_id__in=[v.pk for v in latest.values()])
            .order_by("version_id", "position")
            .values_list("version_id", "id", "power_id", "position", "set_kind")
        )
        for version_id, *entry in rows:
            entries[version_id].append(tuple(entry))
        for catalog in catalogs:
            base = latest.get(catalog.pk)
            self.bases[catalog.pk] = (base, entries[base.pk] if base else [])

    def types(self):
        return self._types

    def fields(self):
        return self._fields

    def departments(self, owner):
        return self._depts[self._county[owner.pk]]

    def existing(self, owner) -> dict[int, dict]:
        return self._existing[owner.pk]

    def base(self, catalog):
        base, entries = self.bases[catalog.pk]
        return base, [(pid, kind) for _, pid, _, kind in entries]

    def removed_rows(self, ids: list[int]) -> list[dict]:
        return super().removed_rows(ids) if ids else []


def _rank(version) -> tuple:
    """The base version of plan._base_version: the draft, else the highest number."""
    return (version.status == CatalogVersion.Status.DRAFT, version.number)


def _busy(file_name: str) -> ImportRejected:
    message = "目录正在被另一个导入任务写入,请稍后再试"
    return ImportRejected([ImportProblem(message=message, file=file_name)])


def _lock(catalog_ids: list[int]) -> dict[int, Catalog]:
    """Every catalog of the job, locked (PostgreSQL, NOWAIT) and with its owner's county."""
    qs = Catalog.objects.select_related("owner__parent__parent").filter(pk__in=catalog_ids)
    if connection.features.has_select_for_update_nowait:
        qs = qs.select_for_update(nowait=True, of=("self",))
    return {catalog.pk: catalog for catalog in qs.order_by("pk")}


def _batches(files: list[ImportFile], size: int):
    batch, owners = [], set()
    for file in files:
        owner = file.catalog.owner_id
        if len(batch) >= size or owner in owners:
            yield batch
            batch, owners = [], set()
        batch.append(file)
        owners.add(owner)
    if batch:
        yield batch


def import_many(
    *,
    by,
    files: list[ImportFile],
    create_departments: bool = False,
    mode: str = "merge",
    update_shared: bool = False,
    progress=None,
    batch_files: int = BATCH_FILES,
) -> ManyResult:
    """Import every file into its catalog in one transaction; `progress(done, total)`
    counts files. Raises ImportRejected with the problems of every file (nothing
    written), Forbidden when `by` may not write one of the catalogs."""
    files = list(files)
    if not files:
        raise ImportRejected([ImportProblem(message="没有要导入的文件")])
    ids = sorted({f.catalog.pk for f in files})
    if by is not None:
        writable = set(catalogs_writable(by).filter(pk__in=ids).values_list("pk", flat=True))
        if refused := [f.catalog for f in files if f.catalog.pk not in writable]:
            raise Forbidden(f"无权向目录“{refused[0].name}”导入")
    try:
        with transaction.atomic():
            try:
                catalogs = _lock(ids)
            except DatabaseError:
                raise _busy(files[0].file_name) from None
            files = [ImportFile(catalogs[f.catalog.pk], f.path, f.file_name) for f in files]
            return _run(by, files, create_departments, mode, update_shared, progress, batch_files)
    except OperationalError as error:
        if "locked" in str(error):  # SQLite: another writer holds the database
            raise _busy(files[0].file_name) from None
        raise


def _run(by, files, create_departments, mode, update_shared, progress, batch_files):
    writer = _Writer(by)
    types, fields = names_lookups.power_types(), names_lookups.fields()
    problems: list[ImportProblem] = []
    outcomes: list[FileOutcome] = []
    done = 0
    for batch in _batches(files, batch_files):
        with _collector_paused():
            parsed = []
            for file in batch:
                try:
                    parsed.append((file, parse_file(file.path, file.file_name)))
                except ImportRejected as rejected:
                    problems += rejected.problems
            context = BatchContext([f.catalog for f, _ in parsed], types, writer.fields or fields)
            planned = []
            for file, one in parsed:
                res = resolve(
                    catalog=file.catalog,
                    parsed=one,
                    create_departments=create_departments,
                    by=by,
                    mode=mode,
                    update_shared=update_shared,
                    context=context,
                )
                if res.problems:
                    problems += res.problems
                    continue
                planned.append((file, one, res))
                outcomes.append(FileOutcome.of(file, res.plan))
            if not problems:  # after the first problem, only check the rest
                writer.write(planned, context)
        done += len(batch)
        if progress:
            progress(done, len(files))
    if problems:
        raise ImportRejected(problems)
    writer.finish()
    return ManyResult(outcomes)


@contextmanager
def _collector_paused():
    """Python's cyclic garbage collector off while a batch is read, planned and written.

    A batch holds a few hundred thousand live objects (cells, records, rows), and the
    collector walked them again and again while the batch allocated more: about a sixth of
    the job's CPU time (1.2 s of 7.9 s for 101 files). What a batch makes is freed by
    reference counting (records, rows and plans hold no cycles); the collector runs again
    after each batch for whatever cyclic garbage is left. It is off for the whole process
    (other threads too) for the seconds a batch takes."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class _Writer:
    """Writes the plans of a batch of files together; the search index at the end."""

    def __init__(self, by):
        self.by = by
        self.actor_id = by.pk if by is not None and by.is_authenticated else None
        self.now = timezone.now()
        self.power_type = ContentType.objects.get_for_model(Power).pk
        self.version_type = ContentType.objects.get_for_model(CatalogVersion).pk
        self.departments: dict[tuple[int, str], int] = {}  # (county id, name) -> id
        self.fields: dict = {}  # every field by name once one was created
        self.new_ranges: list[tuple[int, int]] = []  # (after id, last id) of created powers
        self.changed_texts: list[tuple[int, str]] = []

    def write(self, planned: list, context: BatchContext) -> None:
        if not planned:
            return
        works = [self._work(file, res) for file, _, res in planned]
        created = self._insert_powers(works)
        self._update_powers(works)
        self._citations(created, works)
        self._history(created, works)
        self._entries(planned, context)

    def _work(self, file, res) -> SimpleNamespace:
        owner = file.catalog.owner
        county = county_of(owner)
        depts = {}
        for name in res.plan.new_departments:
            key = (county.pk, name)
            if key not in self.departments:
                dept = department_create(by=self.by, division=county, name=name)
                self.departments[key] = dept.pk
            depts[name] = self.departments[key]
        fields = {}
        for name in res.plan.new_fields:
            if name not in self.fields:
                self._field(name)
            fields[name] = self.fields[name].pk
        by_record = {id(t.record): t for t in res.targets}
        return SimpleNamespace(
            owner=owner,
            res=res,
            by_record=by_record,
            names={"department": depts, "field": fields},
            new=[t for t in res.targets if t.power_id is None],
            changed=[t for t in res.targets if t.power_id is not None and t.changes],
        )

    def _field(self, name: str) -> None:
        from quanze.core.history import record_change

        if not self.fields:
            self.fields = names_lookups.fields()
        if name not in self.fields:
            new_field = Field.objects.create(name=name)
            record_change(new_field, action="create", actor=self.by, after={"name": name})
            self.fields[name] = new_field

    def _insert_powers(self, works) -> list:
        """New powers of every file: main items first, then the sub-items pointing at
        them; ids read back by (owner, code) in one query per wave."""
        created, first, second = [], [], []
        for work in works:
            for target in work.new:
                row = new_row(target, work.names, work.owner, self.now)
                record = target.data.get("parent")
                parent = work.by_record[id(record)] if record else None
                pair = (work, target, row, parent)
                created.append(pair)
                (second if parent is not None and parent.power_id is None else first).append(pair)
        for wave in (first, second):
            if not wave:
                continue
            last = Power.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            for _, _, row, parent in wave:
                row["parent_id"] = parent.power_id if parent else None
            rows = [[row[a] for a in POWER_ATTS] for _, _, row, _ in wave]
            bulk.insert_rows(Power, rows, POWER_COLUMNS)
            owners = sorted({work.owner.pk for work, *_ in wave})
            ids = {
                (owner, code): pk
                for owner, code, pk in Power.objects.filter(owner_id__in=owners, pk__gt=last)
                .order_by()
                .values_list("owner_id", "code", "id")
            }
            for work, target, _, _ in wave:
                target.power_id = ids[(work.owner.pk, target.code)]
            self.new_ranges.append((last, max(ids.values())))
        return created

    def _update_powers(self, works) -> None:
        groups = defaultdict(list)
        for work in works:
            if work.changed:
                prepare_changed(
                    work.changed, work.res, work.by_record, work.names, work.owner, self.now
                )
                groups[tuple(update_fields(work.res))] += [t.power for t in work.changed]
        for columns, powers in groups.items():
            Power.objects.bulk_update(powers, list(columns), batch_size=2000)
            self.changed_texts += [(p.pk, p.search_text) for p in powers]

    def _citations(self, created, works) -> None:
        rebased = [
            t.power
            for work in works
            for t in work.changed
            if any(c[0] == "legal_basis" for c in t.changes)
        ]
        if rebased:
            Citation.objects.filter(power_id__in=[p.pk for p in rebased]).delete()
        bases = [(t.power_id, row["legal_basis"]) for _, t, row, _ in created]
        bases += [(p.pk, p.legal_basis) for p in rebased]
        rows = [
            (pk, position, *values)
            for pk, basis in bases
            for position, values in enumerate(citations_of(basis), start=1)
        ]
        bulk.insert_rows(Citation, rows, CITATION_COLUMNS)

    def _history(self, created, works) -> None:
        rows = [
            (
                self.power_type,
                t.power_id,
                power_repr(row),
                "create",
                self.actor_id,
                self.now,
                {},
                created_state(t, row, work.owner),
                "",
            )
            for work, t, row, _ in created
        ]
        bulk.insert_rows(ChangeRecord, rows, HISTORY_COLUMNS)
        records = [
            change_record(
                t.power,
                action="update",
                actor=self.by,
                before={k: plain_value(o) for k, o, _ in t.changes},
                after={k: plain_value(n) for k, _, n in t.changes},
                at=self.now,
                reason="导入",
            )
            for work in works
            for t in work.changed
        ]
        bulk.insert(ChangeRecord, records, HISTORY_COLUMNS)

    def _entries(self, planned, context: BatchContext) -> None:
        """What `run._set_entries` does through the version services, for every catalog of
        the batch at once: a draft where there is none (based on the latest version, as
        `version_draft`), its entries set to the plan's list (as `version_set_entries`),
        with the same history records."""
        fresh, work = [], []
        for file, parsed, res in planned:
            effective = parsed.effective_date
            if res.entries_same and not res.plan.updated and effective is None:
                continue  # the file is exactly the catalog's latest version
            base, old = context.bases[file.catalog.pk]
            if base is not None and base.status == CatalogVersion.Status.DRAFT:
                draft = CatalogVersion(
                    pk=base.pk,
                    catalog=file.catalog,
                    number=base.number,
                    status=base.status,
                    effective_date=base.effective_date,
                )
                is_new = False
            else:
                draft = CatalogVersion(catalog=file.catalog, number=base.number + 1 if base else 1)
                fresh.append((draft, base))
                is_new = True
            work.append((res, draft, is_new, old, effective))
        if fresh:
            CatalogVersion.objects.bulk_create([d for d, _ in fresh])
        records = [
            change_record(
                draft,
                action="create",
                actor=self.by,
                after=model_state(draft, VERSION_FIELDS),
                reason=f"基于第{base.number}版" if base else "",
                at=self.now,
            )
            for draft, base in fresh
        ]
        removed_ids, new_rows, moved = [], [], []
        for res, draft, is_new, old, effective in work:
            entries = [(t.power_id, t.set_kind) for t in res.targets]
            listed = {t.power_id for t in res.targets}
            entries += [(pid, kind) for pid, kind in res.kept_entries if pid not in listed]
            listed = {pid for pid, _ in entries}
            by_power = {pid: (entry_id, position, kind) for entry_id, pid, position, kind in old}
            added = reordered = 0
            for position, (pid, kind) in enumerate(entries, start=1):
                had = by_power.get(pid)
                if had is None:
                    added += 1
                    new_rows.append((draft.pk, pid, position, kind, None))
                    continue
                same = (had[1], had[2]) == (position, kind)
                reordered += not same
                if is_new:  # version_draft's copy of the entry, then its new place
                    new_rows.append((draft.pk, pid, position, kind, None))
                elif not same:
                    moved.append(CatalogEntry(pk=had[0], position=position, set_kind=kind))
            gone = [entry_id for entry_id, pid, _, _ in old if pid not in listed]
            if not is_new:
                removed_ids += gone
            counts = {"added": added, "removed": len(gone), "reordered": reordered}
            if any(counts.values()):
                records.append(
                    change_record(
                        draft,
                        action="update",
                        actor=self.by,
                        before={"entries": len(old)},
                        after={"entries": len(entries), **counts},
                        reason="导入",
                        at=self.now,
                    )
                )
            if effective and draft.effective_date != effective:
                before = draft.effective_date.isoformat() if draft.effective_date else None
                CatalogVersion.objects.filter(pk=draft.pk).update(effective_date=effective)
                records.append(
                    change_record(
                        draft,
                        action="update",
                        actor=self.by,
                        before={"effective_date": before},
                        after={"effective_date": effective.isoformat()},
                        reason="导入",
                        at=self.now,
                    )
                )
        if removed_ids:
            CatalogEntry.objects.filter(pk__in=removed_ids).delete()
        bulk.insert_rows(CatalogEntry, new_rows, ENTRY_COLUMNS)
        CatalogEntry.objects.bulk_update(moved, ["position", "set_kind"], batch_size=2000)
        bulk.insert(ChangeRecord, records, HISTORY_COLUMNS)

    def finish(self) -> None:
        """The search index, once for the whole job: created powers by their id ranges
        (one statement per range on PostgreSQL), then the changed ones."""
        for after, last in self.new_ranges:
            index_id_range(after, last)
        index_texts(self.changed_texts)
