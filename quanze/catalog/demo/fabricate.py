"""Writing a province plan to the database fast: bulk inserts in batches, no per-row queries.

This is a data fabricator for benchmarks and load tests, not a service: it skips
the per-object authorisation and validation of the services but writes only
values those services accept (the tests run `clean_power` and the division and
credit-code validators over what it writes), and one history row per object.
"""

import random
from collections.abc import Callable, Iterator
from datetime import date

from django.db import transaction
from django.utils import timezone

from quanze.catalog.catalogs.layout import power_data
from quanze.catalog.catalogs.services import snapshot_digest
from quanze.catalog.demo.province import (
    Item,
    Plan,
    guiding_name,
    make_item,
    pool_by_type,
    township_list_name,
    variants,
)
from quanze.catalog.demo.units import DEPARTMENT_BY_KEY, DEPARTMENTS, credit_code
from quanze.catalog.models import (
    Catalog,
    CatalogEntry,
    CatalogVersion,
    Citation,
    Field,
    Power,
    PowerSnapshot,
    PowerType,
)
from quanze.catalog.powers.citations import parse_citations
from quanze.catalog.powers.search_index import index_powers, search_text_of
from quanze.core.history import change_record, record_changes
from quanze.org.models import Department, Division

BATCH = 5000
Progress = Callable[[str, int], None]


def _batches(rows: Iterator, size: int = BATCH) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _created(objects, *, reason: str = "generate") -> None:
    record_changes(
        change_record(o, action="create", actor=None, after={"name": str(o)}, reason=reason)
        for o in objects
    )


class Fabricator:
    """`entries`, if given, takes each published version's claims instead of inserting them
    (`demo.nation.DeferredEntries`: one set-based load for every province at the end)."""

    def __init__(self, plan: Plan, progress: Progress | None = None, *, entries=None):
        self.plan = plan
        self.entries = entries
        self.progress = progress or (lambda step, n: None)
        self.types = {t.name: t for t in PowerType.objects.all()}
        self.fields = {f.name: f for f in Field.objects.all()}
        self.now = timezone.now()

    @transaction.atomic
    def run(self, *, lists: bool = True, powers: int = 0) -> dict:
        province, counties, townships = self.divisions()
        departments = self.departments(counties)
        guiding = Catalog.objects.create(
            name=guiding_name(self.plan.province[1]),
            kind=Catalog.Kind.GUIDING,
            owner=province,
        )
        township_lists = Catalog.objects.bulk_create(
            [
                Catalog(name=township_list_name(t.name), kind=Catalog.Kind.TOWNSHIP_LIST, owner=t)
                for t in townships
            ],
            batch_size=BATCH,
        )
        _created([guiding, *township_lists])
        entries = 0
        if lists:
            catalog_powers = self.powers((province, None, item) for item in self.plan.items)
            entries = self.publish(guiding, township_lists, catalog_powers)
        extra = self.department_powers(counties, departments, powers) if powers else 0
        return {
            "divisions": 1 + len(self.plan.cities) + len(counties) + len(townships),
            "departments": len(departments),
            "catalog_items": len(self.plan.items) if lists else 0,
            "entries": entries,
            "department_powers": extra,
        }

    def divisions(self):
        plan, Level = self.plan, Division.Level
        code, name = plan.province
        province = Division.objects.create(code=code, name=name, level=Level.PROVINCE)
        cities = Division.objects.bulk_create(
            [
                Division(code=u.code, name=u.name, level=Level.CITY, parent=province)
                for u in plan.cities
            ]
        )
        counties = Division.objects.bulk_create(
            [
                Division(code=u.code, name=u.name, level=Level.COUNTY, parent=cities[u.parent])
                for u in plan.counties
            ]
        )
        townships = Division.objects.bulk_create(
            [
                Division(
                    code=u.code,
                    name=u.name,
                    level=Level.TOWNSHIP,
                    parent=counties[u.parent],
                    kind=u.kind,
                    economically_developed=u.economically_developed,
                    pilot=u.pilot,
                )
                for u in plan.townships
            ],
            batch_size=BATCH,
        )
        _created([province, *cities, *counties, *townships])
        self.progress("divisions", len(townships))
        return province, counties, townships

    def departments(self, counties) -> dict[tuple[int, str], Department]:
        rows = [
            Department(
                division=county,
                name=f"{county.name}{spec.suffix}",
                short_name=spec.short_name,
                credit_code=credit_code(county.code, index),
            )
            for county in counties
            for index, spec in enumerate(DEPARTMENTS, start=1)
        ]
        created = Department.objects.bulk_create(rows, batch_size=BATCH)
        _created(created)
        self.progress("departments", len(created))
        return {
            (d.division_id, spec.key): d
            for d, spec in zip(created, DEPARTMENTS * len(counties), strict=True)
        }

    def _power(self, owner, department, item: Item) -> Power:
        power = Power(
            owner=owner,
            code=item.code,
            name=item.name,
            sub_name=item.sub_name,
            power_type=self.types[item.power_type],
            field=self.fields[item.field],
            department=department,
            exercise_level="县级",
            legal_basis=item.legal_basis,
            duties=item.duties,
            accountability=item.accountability,
            undertaking_unit=department.name if department else item.undertaking_unit,
        )
        power.search_text = search_text_of(power)
        return power

    def powers(self, rows: Iterator[tuple], *, keep: bool = True) -> list[Power]:
        """Insert (owner, department, Item) rows with their citations, in batches."""
        created: list[Power] = []
        parsed: dict[str, list] = {}
        done = 0
        for batch in _batches(rows):
            powers = [self._power(owner, department, item) for owner, department, item in batch]
            Power.objects.bulk_create(powers, batch_size=BATCH)
            index_powers(p.pk for p in powers)
            citations = []
            for power in powers:
                if power.legal_basis not in parsed:
                    parsed[power.legal_basis] = parse_citations(power.legal_basis)
                citations += [
                    Citation(power=power, position=i, **c.__dict__)
                    for i, c in enumerate(parsed[power.legal_basis], start=1)
                ]
            Citation.objects.bulk_create(citations, batch_size=BATCH)
            _created(powers)
            done += len(powers)
            if keep:
                created += powers
            self.progress("powers", done)
        return created

    def publish(self, guiding, township_lists, powers: list[Power]) -> int:
        """Version 1 of the guiding catalog and of every township list, published with snapshots."""
        snapshots = []
        for power in powers:
            data = power_data(power)
            snapshots.append(PowerSnapshot(power=power, digest=snapshot_digest(data), data=data))
        PowerSnapshot.objects.bulk_create(snapshots, batch_size=1000)
        catalogs = [guiding, *township_lists]
        versions = CatalogVersion.objects.bulk_create(
            [
                CatalogVersion(
                    catalog=c,
                    number=1,
                    status=CatalogVersion.Status.PUBLISHED,
                    effective_date=date(2025, 1, 1),
                    document_number=f"生成数据〔{self.plan.seed}〕{i}号",
                    published_at=self.now,
                )
                for i, c in enumerate(catalogs, start=1)
            ],
            batch_size=BATCH,
        )
        record_changes(
            change_record(v, action="publish", actor=None, after={"status": "published"})
            for v in versions
        )
        everything = range(len(powers))
        claims = [everything, *self.plan.claims]
        if self.entries is not None:
            return self.entries.add(versions, powers, snapshots, self.plan.items, claims)
        rows = (
            CatalogEntry(
                version=version,
                power_id=powers[i].pk,
                position=position,
                set_kind=self.plan.items[i].set_kind,
                snapshot_id=snapshots[i].pk,
            )
            for version, claimed in zip(versions, claims, strict=True)
            for position, i in enumerate(claimed, start=1)
        )
        written = 0
        for batch in _batches(rows, 20000):
            CatalogEntry.objects.bulk_create(batch, batch_size=BATCH)
            written += len(batch)
            self.progress("entries", written)
        return written

    def department_powers(self, counties, departments, total: int) -> int:
        """`total` more powers spread evenly over the counties' department lists."""
        pool = [spec for specs in pool_by_type().values() for spec in specs]
        rng = random.Random(self.plan.seed + 1)
        prefixes = {name: t.prefix for name, t in self.types.items()}

        def items() -> Iterator[tuple[Division, Department, Item]]:
            for k, county in enumerate(counties):
                n = total // len(counties) + (1 if k < total % len(counties) else 0)
                specs = rng.sample(pool, len(pool))
                serial: dict[tuple[str, str], int] = {}
                for (spec, sub), _ in zip(variants(specs), range(n), strict=False):
                    key = (DEPARTMENT_BY_KEY[spec.dept].letters, prefixes[spec.power_type])
                    serial[key] = serial.get(key, 0) + 1
                    code = f"{county.code[:6]}00{key[0]}-{key[1]}-{serial[key]:05d}"
                    yield county, departments[(county.pk, spec.dept)], make_item(spec, sub, code)

        self.powers(items(), keep=False)
        return total
