"""The public item page's reads: everything shown comes from published versions (the
frozen snapshot, never the working copy a draft may be changing) and from what enforcement
publishes itself (issued discretion benchmarks, published guiding cases, published penalty
decisions, which enforcement masks when it writes them)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from quanze.catalog.catalogs.models import Catalog, CatalogEntry, CatalogVersion
from quanze.catalog.powers.citations import parse_citations
from quanze.catalog.powers.models import Power
from quanze.core.errors import NotFound
from quanze.duties.dutylists.models import DutyClass, DutyEntry
from quanze.duties.territorial.models import ResponsibilityItem
from quanze.enforcement.benchmarks.models import BenchmarkItem
from quanze.enforcement.benchmarks.selectors import item_rows
from quanze.enforcement.disclosure.models import PenaltyNotice
from quanze.enforcement.guidance.selectors import published_guiding_cases
from quanze.enforcement.statistics.exercise import counted_cases
from quanze.enforcement.statistics.models import Exercise
from quanze.org.models import Division
from quanze.portal.contacts import UnitContact, contacts_for

PUBLISHED = CatalogVersion.Status.PUBLISHED
NOTICES_SHOWN = 20
EXERCISE_DAYS = 365  # the exercise figures cover the last year, to today


def public_entries(power_id) -> QuerySet[CatalogEntry]:
    """The power's entries in published versions (current or superseded), newest first."""
    return (
        CatalogEntry.objects.filter(
            power_id=power_id, version__published_at__isnull=False, snapshot__isnull=False
        )
        .exclude(version__status=CatalogVersion.Status.DRAFT)
        .select_related("snapshot", "version", "version__catalog", "version__catalog__owner")
        .order_by("-version__published_at", "-version_id")
    )


@dataclass
class Holder:
    """A list in force that holds the item: which unit, which version, which row."""

    unit: str
    catalog: Catalog
    version: CatalogVersion
    position: int
    set_kind: str
    contact: UnitContact | None = None


@dataclass
class ExerciseFigures:
    """One county's exercise figures of the item over [start, end], shown only where the
    county's office chose to publish them (`Division.publish_exercise_figures`).
    Same definitions as enforcement's exercise report (`statistics/exercise.py`): held =
    townships whose list in force lists the item; exercised = those with a case (not
    ended as 不予立案) or a recorded exercise in the period."""

    county: Division
    start: date
    end: date
    held: int
    exercised: int
    cases: int
    records: int

    @property
    def rate(self) -> float | None:
        return self.exercised / self.held if self.held else None


@dataclass
class ItemPage:
    power: Power
    data: dict  # the published snapshot: the standard layout's fields
    version: CatalogVersion  # where `data` was published
    citations: list
    holders: list[Holder] = field(default_factory=list)
    townships: list[Holder] = field(default_factory=list)
    duties: list = field(default_factory=list)
    matters: list = field(default_factory=list)
    benchmark: BenchmarkItem | None = None
    benchmark_rows: list = field(default_factory=list)
    guiding_cases: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    department_contact: UnitContact | None = None
    exercise: list[ExerciseFigures] = field(default_factory=list)


def access_public_item(power_id) -> ItemPage:
    """The page of a power that some published version lists; a power only ever in drafts,
    or an unknown id, is the same NotFound."""
    try:
        power_id = int(power_id)
    except (TypeError, ValueError):
        raise NotFound("事项") from None
    entries = list(public_entries(power_id))
    if not entries:
        raise NotFound("事项")
    current = [e for e in entries if e.version.status == PUBLISHED]
    shown = (current or entries)[0]
    power = Power.objects.select_related("owner", "department").get(pk=power_id)
    data = dict(shown.snapshot.data)
    page = ItemPage(
        power=power,
        data=data,
        version=shown.version,
        # Parsed from the published basis, so a draft's new wording never shows here.
        citations=parse_citations(data.get("legal_basis", "")),
    )
    for entry in current:
        catalog = entry.version.catalog
        holder = Holder(
            unit=str(catalog.owner) if catalog.kind == Catalog.Kind.TOWNSHIP_LIST else catalog.name,
            catalog=catalog,
            version=entry.version,
            position=entry.position,
            set_kind=entry.get_set_kind_display() if entry.set_kind else "",
        )
        is_township = catalog.kind == Catalog.Kind.TOWNSHIP_LIST
        (page.townships if is_township else page.holders).append(holder)
    page.townships.sort(key=lambda h: h.catalog.owner.code)
    _add_contacts(page)
    _add_duties(page, power_id)
    _add_enforcement(page, power_id)
    page.exercise = exercise_figures(power_id, [h.catalog.owner for h in page.townships])
    return page


def _add_contacts(page: ItemPage) -> None:
    """The contact of each township holding the item and of the department (two queries)."""
    units = [("乡镇(街道)", h.catalog.owner) for h in page.townships]
    units.append(("实施部门", page.power.department))
    found = {c.key: c for c in contacts_for(units)}
    for holder in page.townships:
        holder.contact = found.get(("Division", holder.catalog.owner_id))
    if page.power.department_id is not None:
        page.department_contact = found.get(("Department", page.power.department_id))


def exercise_figures(power_id: int, townships: list[Division], *, today=None) -> list:
    """Per county whose office publishes exercise figures, the item's figures over the
    last year among the given townships (those whose list in force holds it). Nothing
    (and no query beyond one) when no county has chosen to publish."""
    by_county: dict[int, list[int]] = {}
    for township in townships:
        by_county.setdefault(township.parent_id, []).append(township.pk)
    if not by_county:
        return []
    counties = list(
        Division.objects.filter(
            pk__in=list(by_county), level=Division.Level.COUNTY, publish_exercise_figures=True
        ).order_by("code")
    )
    if not counties:
        return []
    end = today or timezone.localdate()
    start = end - timedelta(days=EXERCISE_DAYS - 1)
    ids = [pk for county in counties for pk in by_county[county.pk]]
    cases = (
        counted_cases(start=start, end=end)
        .filter(power_id=power_id, township_id__in=ids)
        .values("township_id")
        .annotate(n=Count("id"))
    )
    records = (
        Exercise.objects.filter(power_id=power_id, township_id__in=ids, on__gte=start, on__lte=end)
        .values("township_id")
        .annotate(n=Sum("count"))
    )
    case_counts = {r["township_id"]: r["n"] for r in cases}
    record_counts = {r["township_id"]: r["n"] for r in records}
    figures = []
    for county in counties:
        tids = by_county[county.pk]
        figures.append(
            ExerciseFigures(
                county=county,
                start=start,
                end=end,
                held=len(tids),
                exercised=sum(1 for t in tids if t in case_counts or t in record_counts),
                cases=sum(case_counts.get(t, 0) for t in tids),
                records=sum(record_counts.get(t, 0) for t in tids),
            )
        )
    return figures


def _add_duties(page: ItemPage, power_id: int) -> None:
    """The township duty lists and territorial lists in force that rely on the item."""
    labels = dict(DutyClass.choices)
    page.duties = [
        (e.version.duty_list.township, labels.get(e.duty_class, ""), e.name, e.version)
        for e in DutyEntry.objects.filter(power_id=power_id, version__status=PUBLISHED)
        .select_related("version__duty_list__township")
        .order_by("version__duty_list__township__code")
    ]
    page.matters = list(
        ResponsibilityItem.objects.filter(powers__id=power_id, version__status=PUBLISHED)
        .select_related("matter", "primary_department", "version__responsibility_list")
        .order_by("version__responsibility_list_id", "position")
    )


def _add_enforcement(page: ItemPage, power_id: int) -> None:
    page.benchmark = (
        BenchmarkItem.objects.filter(power_id=power_id, version__status=PUBLISHED)
        .select_related("version__benchmark")
        .order_by("-version__effective_date", "-version__number")
        .first()
    )
    if page.benchmark:
        page.benchmark_rows = item_rows([page.benchmark]).get(page.benchmark.pk, [])
    page.guiding_cases = list(published_guiding_cases(power_id=power_id)[:10])
    page.notices = list(
        PenaltyNotice.objects.filter(
            Q(case__power_id=power_id), published_at__isnull=False
        ).order_by("-decided_on", "-id")[:NOTICES_SHOWN]
    )
