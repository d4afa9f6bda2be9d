"""The public item page's reads: everything shown comes from published versions (the
frozen snapshot, never the working copy a draft may be changing) and from what enforcement
publishes itself (issued discretion benchmarks, published guiding cases, published penalty
decisions, which enforcement masks when it writes them)."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

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

PUBLISHED = CatalogVersion.Status.PUBLISHED
NOTICES_SHOWN = 20


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
    power = Power.objects.select_related("owner").get(pk=power_id)
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
    _add_duties(page, power_id)
    _add_enforcement(page, power_id)
    return page


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
