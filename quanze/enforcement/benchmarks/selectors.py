"""Reads of the discretion benchmarks, their access choke points, and the benchmark in
force for a power on a date.

Who sees what: the county's justice bureau (司法局) writes its county's benchmarks and
sees drafts; every other signed-in user of the county (the office, departments, township
teams) reads the published and superseded versions; the public reads published and
superseded versions through the public pages; another county sees nothing (404).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q

from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion
from quanze.core.errors import NotFound
from quanze.enforcement.benchmarks import rules
from quanze.enforcement.benchmarks.models import (
    Benchmark,
    BenchmarkItem,
    BenchmarkRow,
    BenchmarkVersion,
)
from quanze.org.roles import is_reviewer

Status = BenchmarkVersion.Status
ISSUED = (Status.PUBLISHED, Status.SUPERSEDED)


def can_write(user, county_id: int | None) -> bool:
    """The justice bureau writes the benchmarks of its own county."""
    return is_reviewer(user) and county_id is not None and user.county_id == county_id


def benchmarks_visible(user):
    if not user.is_authenticated or user.county_id is None:
        return Benchmark.objects.none()
    return Benchmark.objects.filter(county_id=user.county_id)


def versions_visible(user):
    if not user.is_authenticated or user.county_id is None:
        return BenchmarkVersion.objects.none()
    rows = BenchmarkVersion.objects.filter(benchmark__county_id=user.county_id)
    if not is_reviewer(user):
        rows = rows.filter(status__in=ISSUED)
    return rows


def access_benchmark(user, pk: int) -> Benchmark:
    found = benchmarks_visible(user).select_related("county", "field").filter(pk=pk).first()
    if found is None:
        raise NotFound("裁量基准")
    return found


def access_version(user, pk: int) -> BenchmarkVersion:
    found = versions_visible(user).select_related("benchmark__county").filter(pk=pk).first()
    if found is None:
        raise NotFound("裁量基准版本")
    return found


def access_public_version(pk: int) -> BenchmarkVersion:
    found = (
        BenchmarkVersion.objects.filter(pk=pk, status__in=ISSUED)
        .select_related("benchmark__county")
        .first()
    )
    if found is None:
        raise NotFound("裁量基准版本")
    return found


SORTS = {"name": ("name", "id"), "-created": ("-created_at", "-id")}


def benchmark_list(user, *, q: str = "", sort: str = "name"):
    rows = benchmarks_visible(user)
    if q:
        rows = rows.filter(
            Q(name__icontains=q)
            | Q(versions__items__conduct__icontains=q, versions__status__in=ISSUED)
        )
    return rows.select_related("field").distinct().order_by(*SORTS.get(sort, SORTS["name"]))


def versions_of(user, benchmark: Benchmark):
    return (
        versions_visible(user)
        .filter(benchmark=benchmark)
        .annotate(item_count=Count("items"))
        .order_by("-number")
    )


def version_items(version: BenchmarkVersion, *, q: str = "", tier: str = ""):
    rows = version.items.select_related("power").order_by("position", "id")
    if q:
        rows = rows.filter(
            Q(conduct__icontains=q) | Q(power__name__icontains=q) | Q(code__icontains=q)
        )
    if tier:
        rows = rows.filter(rows__tier=tier).distinct()
    return rows


def item_rows(items) -> dict[int, list[BenchmarkRow]]:
    out: dict[int, list[BenchmarkRow]] = {}
    for row in BenchmarkRow.objects.filter(item__in=items).order_by("item_id", "position", "id"):
        out.setdefault(row.item_id, []).append(row)
    return out


def public_versions(*, q: str = "", sort: str = "-effective"):
    rows = BenchmarkVersion.objects.filter(status=Status.PUBLISHED).select_related(
        "benchmark__county"
    )
    if q:
        rows = rows.filter(
            Q(benchmark__name__icontains=q) | Q(benchmark__county__name__icontains=q)
        )
    order = {"-effective": ("-effective_date", "-id"), "name": ("benchmark__name", "id")}
    return rows.order_by(*order.get(sort, order["-effective"]))


# ---- the benchmark in force ----------------------------------------------------------------


def in_force(*, county_id: int, power_id: int, on: date) -> BenchmarkItem | None:
    """The item for `power_id` in the version in force on `on`: of each of the county's
    benchmarks the issued version with the latest effective date on or before `on`, and
    among those that hold the power, the latest."""
    current: dict[int, int] = {}
    for version_id, benchmark_id in (
        BenchmarkVersion.objects.filter(
            benchmark__county_id=county_id, status__in=ISSUED, effective_date__lte=on
        )
        .order_by("benchmark_id", "-effective_date", "-number")
        .values_list("id", "benchmark_id")
    ):
        current.setdefault(benchmark_id, version_id)
    if not current:
        return None
    return (
        BenchmarkItem.objects.filter(version_id__in=current.values(), power_id=power_id)
        .select_related("version__benchmark", "power")
        .order_by("-version__effective_date", "-version__number")
        .first()
    )


@dataclass
class Found:
    """The benchmark found for a power and date, and the proposal for the conditions."""

    item: BenchmarkItem | None
    rows: list[BenchmarkRow]
    proposal: rules.Proposal | None

    @property
    def version(self):
        return self.item.version if self.item else None

    @property
    def conditions(self) -> list[str]:
        return list(dict.fromkeys(c for r in self.rows for c in r.conditions))

    @property
    def applied(self) -> list[BenchmarkRow]:
        keys = set(self.proposal.rows) if self.proposal else set()
        return [r for r in self.rows if r.pk in keys]


def proposal_for(
    *, county_id: int, power_id: int, on: date, conditions=(), base_amount: Decimal | None = None
) -> Found:
    item = in_force(county_id=county_id, power_id=power_id, on=on)
    if item is None:
        return Found(None, [], None)
    rows = list(item.rows.order_by("position", "id"))
    proposal = rules.propose([r.spec() for r in rows], conditions, base_amount)
    return Found(item, rows, proposal)


def case_conditions(case, on: date | None = None) -> list[str] | None:
    """The conditions of the benchmarks in force for a case's power on the day it was
    opened and on `on` (for the step forms; the step checks them against its own date);
    None when no benchmark is in force on either day."""
    out: list[str] = []
    found_any = False
    for day in dict.fromkeys([case.opened_on, on or date.today()]):
        found = proposal_for(county_id=case.county_id, power_id=case.power_id, on=day)
        found_any = found_any or found.item is not None
        out.extend(c for c in found.conditions if c not in out)
    return out if found_any else None


def case_applications(case):
    return (
        case.benchmark_applications.select_related("version__benchmark", "item")
        .prefetch_related("rows")
        .order_by("created_at", "id")
    )


def townships_holding(county_id: int, powers, on: date):
    """The county's townships holding any of `powers` on `on` (Division ids, one query):
    an entry of the version of one of their lists in force that day, as `cases/powers.py` reads it for one township
    (the cases process is above this one, so the query is here)."""
    later = CatalogVersion.objects.filter(
        catalog_id=OuterRef("catalog_id"), published_at__isnull=False, effective_date__lte=on
    ).filter(
        Q(effective_date__gt=OuterRef("effective_date"))
        | Q(effective_date=OuterRef("effective_date"), number__gt=OuterRef("number"))
    )
    in_force = CatalogVersion.objects.filter(
        catalog__kind=Catalog.Kind.TOWNSHIP_LIST,
        catalog__owner__parent_id=county_id,
        published_at__isnull=False,
        effective_date__lte=on,
    ).exclude(Exists(later))
    return (
        CatalogEntry.objects.filter(version__in=in_force, power__in=powers)
        .values_list("version__catalog__owner_id", flat=True)
        .distinct()
    )
