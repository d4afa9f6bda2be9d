"""Reads of the public lists: the catalogs (guiding catalog, departments' powers lists,
townships' lists), the townships' duty lists and the counties' territorial lists.

Only published versions exist here: a version is public once it has been published
(`published_at` set; it stays public when a later version supersedes it), never while it
is a draft. Each kind answers "which version was in force on a day" with its own app's
rule, reused rather than restated:
- catalogs: of the versions whose effective date has come, the latest effective date,
  then the highest number (as enforcement's `cases.powers.versions_in_force`);
- duty lists: `duties.dutylists.selectors.duty_version_in_force` (the same rule);
- territorial lists: `duties.territorial.routing.version_in_force`, the version the
  dispatch routing answers from (of those in force, the one published last).

A published version never changes, so its rows are cached under its id (Django's cache
framework, `rows_of`): nothing needs invalidating when a new version is published, because
the new one has a new id and "in force on a day" is asked of the database each time.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, partial

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Collate
from django.utils import timezone

from quanze.catalog.catalogs import selectors as catalogs
from quanze.catalog.catalogs.layout import HEADERS, SET_KIND_LABELS
from quanze.catalog.catalogs.models import Catalog, CatalogVersion
from quanze.core.errors import NotFound
from quanze.delegation.decisions.models import Decision
from quanze.duties.dutylists import selectors as dutylists
from quanze.duties.dutylists.models import DutyClass, DutyList, DutyVersion
from quanze.duties.dutylists.services import duty_version_diff
from quanze.duties.territorial import routing
from quanze.duties.territorial import selectors as territorial
from quanze.duties.territorial.models import ResponsibilityList, ResponsibilityVersion
from quanze.portal.contacts import UnitContact, contact_of

CATALOG, DUTY, TERRITORIAL = "catalog", "duty", "territorial"
KIND_LABELS = {
    Catalog.Kind.GUIDING: "赋权指导目录",
    Catalog.Kind.POWERS_LIST: "部门权责清单",
    Catalog.Kind.TOWNSHIP_LIST: "乡镇权责清单",
    DUTY: "乡镇履职事项清单",
    TERRITORIAL: "属地管理责任清单",
}
KINDS = (CATALOG, DUTY, TERRITORIAL)
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class PublicList:
    """One list as the public sees it: which kind, its name, the unit that keeps it."""

    kind: str  # CATALOG, DUTY or TERRITORIAL
    pk: int
    name: str
    kind_label: str
    unit: str
    division_code: str
    version_count: int = 0
    contact: UnitContact | None = None  # of the unit keeping the list (set on one list)

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.pk}"


def _published(qs: QuerySet) -> QuerySet:
    """Versions that were published (current or superseded), never drafts."""
    return qs.filter(published_at__isnull=False).exclude(status="draft")


def _version_model(kind: str):
    return {CATALOG: CatalogVersion, DUTY: DutyVersion, TERRITORIAL: ResponsibilityVersion}[kind]


def _list_field(kind: str) -> str:
    return {CATALOG: "catalog", DUTY: "duty_list", TERRITORIAL: "responsibility_list"}[kind]


def public_versions(kind: str, list_pk: int) -> QuerySet:
    """The list's published versions, newest number first."""
    model = _version_model(kind)
    return _published(model.objects.filter(**{f"{_list_field(kind)}_id": list_pk})).order_by(
        "-number"
    )


def _has_published(kind: str) -> Exists:
    return Exists(
        _published(_version_model(kind).objects.filter(**{_list_field(kind): OuterRef("pk")}))
    )


def _count_published():
    return Count("versions", filter=Q(versions__published_at__isnull=False), distinct=True)


class PublicLists(Sequence):
    """Every public list in index order, read from the database a page at a time: each
    kind's rows are a queryset ordered in SQL, so a page of the index reads its 100 rows
    and the counts, not the nation's 38,000 lists (docs/performance.md, "A nation")."""

    def __init__(self, parts: list[tuple[QuerySet, Callable]]):
        self.parts = parts  # (queryset in order, row -> PublicList), in index order

    @cached_property
    def _counts(self) -> list[int]:
        return [rows.count() for rows, _ in self.parts]

    def __len__(self) -> int:
        return sum(self._counts)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            n = len(self)
            i = index + n if index < 0 else index
            if not 0 <= i < n:
                raise IndexError(index)
            return self[i : i + 1][0]
        start, stop, step = index.indices(len(self))
        if step != 1:
            return list(self)[index]
        out: list[PublicList] = []
        for (rows, make), n in zip(self.parts, self._counts, strict=True):
            if start < n and stop > 0:
                out += self._rows(rows, make, rows[max(start, 0) : min(stop, n)])
            start, stop = start - n, stop - n
        return out

    @staticmethod
    def _rows(rows: QuerySet, make: Callable, page: QuerySet) -> list[PublicList]:
        """The page's lists with their version counts: the ids in order first, then the
        count of versions for those ids only (annotating the whole ordered set would
        group all 38,000 lists before the LIMIT)."""
        ids = list(page.values_list("pk", flat=True))
        found = rows.model.objects.filter(pk__in=ids).annotate(n=_count_published())
        by_id = {row.pk: row for row in found.select_related(*rows.query.select_related or ())}
        return [make(by_id[pk]) for pk in ids]

    def __iter__(self):
        for rows, make in self.parts:
            for row in rows.annotate(n=_count_published()):
                yield make(row)


def _by_name():
    """Names in code-point order, as Python sorts them (PostgreSQL's default collation
    would not)."""
    return Collate("name", "C") if connection.vendor == "postgresql" else F("name")


def public_lists(*, kind: str = "", q: str = "") -> PublicLists:
    """Every list with at least one published version (for catalogs the `published` flag
    the publishing services keep), catalogs first (guiding, departments, townships), then
    duty and territorial lists, each by its unit's code and its name;
    `kind` is a catalog kind, DUTY or TERRITORIAL; `q` a piece of the list's or unit's
    name."""
    parts: list[tuple[QuerySet, Callable]] = []

    def catalog(c):
        unit = str(c.department or c.owner)
        return PublicList(CATALOG, c.pk, c.name, KIND_LABELS[c.kind], unit, c.owner.code, c.n)

    for catalog_kind in Catalog.Kind.values:  # one part per kind: each walks an index in order
        if kind not in ("", catalog_kind):
            continue
        rows = Catalog.objects.filter(published=True, kind=catalog_kind)
        if q:
            rows = rows.filter(
                Q(name__contains=q)
                | Q(department__name__contains=q)
                | Q(department__isnull=True, owner__name__contains=q)
            )
        rows = rows.select_related("owner", "department").order_by("owner__code", _by_name())
        parts.append((rows, catalog))
    for unit_kind, model, unit in (
        (DUTY, DutyList, "township"),
        (TERRITORIAL, ResponsibilityList, "county"),
    ):
        if kind not in ("", unit_kind):
            continue
        rows = model.objects.filter(_has_published(unit_kind)).select_related(unit)
        if q:
            rows = rows.filter(Q(name__contains=q) | Q(**{f"{unit}__name__contains": q}))
        rows = rows.order_by(f"{unit}__code", _by_name())
        parts.append((rows, partial(_unit_list, unit_kind, unit)))
    return PublicLists(parts)


def _unit_list(kind: str, unit: str, row) -> PublicList:
    """A duty list (kept by its township) or a territorial list (by its county) as a row."""
    keeper = getattr(row, unit)
    return PublicList(kind, row.pk, row.name, KIND_LABELS[kind], str(keeper), keeper.code, row.n)


def public_list_counts() -> dict[str, int]:
    """How many lists of each kind have a published version (kinds with none left out):
    the counts of `public_lists` by kind label, counted in SQL (the nation's 38,000
    township lists took 1.3 s to build as rows; docs/performance.md, "A nation")."""
    counts: dict[str, int] = {}
    published = Catalog.objects.filter(published=True).order_by()
    for row in published.values("kind").annotate(n=Count("pk")):
        counts[KIND_LABELS[row["kind"]]] = row["n"]
    for kind, model in ((DUTY, DutyList), (TERRITORIAL, ResponsibilityList)):
        n = model.objects.filter(_has_published(kind)).count()
        if n:
            counts[KIND_LABELS[kind]] = n
    return counts


def access_public_list(kind: str, pk) -> PublicList:
    """One list with a published version; anything else (a list never published, an unknown
    kind or id) is the same NotFound."""
    if kind not in KINDS:
        raise NotFound("清单")
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound("清单") from None
    if kind == CATALOG:
        c = Catalog.objects.filter(published=True, pk=pk).select_related("owner", "department")
        c = c.first()
        if c is not None:
            return PublicList(
                CATALOG,
                c.pk,
                c.name,
                KIND_LABELS[c.kind],
                str(c.department or c.owner),
                c.owner.code,
                contact=contact_of("", c.department or c.owner),
            )
    elif kind == DUTY:
        d = DutyList.objects.filter(_has_published(DUTY), pk=pk).select_related("township").first()
        if d is not None:
            return PublicList(
                DUTY,
                d.pk,
                d.name,
                KIND_LABELS[DUTY],
                str(d.township),
                d.township.code,
                contact=contact_of("", d.township),
            )
    else:
        r = ResponsibilityList.objects.filter(_has_published(TERRITORIAL), pk=pk)
        r = r.select_related("county").first()
        if r is not None:
            return PublicList(
                TERRITORIAL,
                r.pk,
                r.name,
                KIND_LABELS[TERRITORIAL],
                str(r.county),
                r.county.code,
                contact=contact_of("", r.county),
            )
    raise NotFound("清单")


def version_numbered(shown: PublicList, number) -> object:
    """The list's published version with this number (NotFound for a draft's number)."""
    try:
        return public_versions(shown.kind, shown.pk).get(number=int(number))
    except (ValueError, TypeError, _version_model(shown.kind).DoesNotExist):
        raise NotFound("清单版本") from None


def version_on(shown: PublicList, on: date | None = None):
    """The version in force on `on` (today when None), or None before the first took effect."""
    on = on or timezone.localdate()
    if shown.kind == CATALOG:
        return (
            public_versions(CATALOG, shown.pk)
            .filter(effective_date__lte=on)
            .order_by("-effective_date", "-number")
            .first()
        )
    if shown.kind == DUTY:
        duty_list = DutyList.objects.select_related("township").get(pk=shown.pk)
        return dutylists.duty_version_in_force(township=duty_list.township, on=on)
    county = ResponsibilityList.objects.select_related("county").get(pk=shown.pk).county
    return routing.version_in_force(county=county, on=on)


def stamp(shown: PublicList) -> tuple:
    """(newest published version id, newest publication time) of the list: what every page
    of the list depends on besides the (immutable) version shown; ETag and Last-Modified."""
    found = public_versions(shown.kind, shown.pk).aggregate(n=Max("id"), at=Max("published_at"))
    return found["n"], found["at"]


# ---------------------------------------------------------------------------------------
# Rows of a version, cached by version id (a published version never changes).


def _catalog_rows(version) -> list[dict]:
    rows = catalogs.version_power_rows(version)
    return [
        {**row, "power_id": power_id, "set_kind": SET_KIND_LABELS.get(row.get("set_kind"), "")}
        for power_id, row in rows
    ]


def _duty_rows(version) -> list[dict]:
    labels = dict(DutyClass.choices)
    entries = version.entries.select_related("lead_department", "receiving_department").order_by(
        "position"
    )
    return [
        {
            "position": e.position,
            "name": e.name,
            "duty_class": labels.get(e.duty_class, ""),
            "basis": e.basis,
            "lead_department": str(e.lead_department or ""),
            "receiving_department": str(e.receiving_department or ""),
            "takeover": e.takeover,
            "power_id": e.power_id,
        }
        for e in entries
    ]


def _territorial_rows(version) -> list[dict]:
    return [
        {"position": item.position, **territorial.item_data(item)}
        for item in territorial.version_items(version)
    ]


def rows_of(kind: str, version) -> list[dict]:
    """The version's rows as plain values, from the cache after the first read. Only a
    published version is ever cached (a draft is refused: it is not public)."""
    if version.published_at is None or version.status == "draft":
        raise NotFound("清单版本")
    key = f"portal:rows:{kind}:{version.pk}"
    rows = cache.get(key)
    if rows is None:
        build = {CATALOG: _catalog_rows, DUTY: _duty_rows, TERRITORIAL: _territorial_rows}[kind]
        rows = build(version)
        cache.set(key, rows, CACHE_SECONDS)
    return rows


COLUMNS = {
    CATALOG: [
        ("position", "序号"),
        ("code", "事项编码"),
        ("name", "事项名称"),
        ("sub_name", "子项名称"),
        ("power_type", "职权类型"),
        ("field", "领域"),
        ("department", "实施部门"),
        ("set_kind", "盘类"),
    ],
    DUTY: [
        ("position", "序号"),
        ("name", "事项名称"),
        ("duty_class", "类别"),
        ("lead_department", "牵头部门"),
        ("receiving_department", "承接部门"),
        ("basis", "设定依据"),
    ],
    TERRITORIAL: [
        ("position", "序号"),
        ("matter", "事项名称"),
        ("field", "领域"),
        ("primary_department", "主体责任部门"),
        ("townships", "配合乡镇(街道)"),
        ("co_departments", "配合部门"),
        ("fallback_department", "兜底牵头部门"),
    ],
}


def decision_of(shown: PublicList, version) -> Decision | None:
    """The published delegation decision that published a township list's version (the
    decision's document number is the version's), or None."""
    if shown.kind != CATALOG or not version.document_number:
        return None
    return (
        Decision.objects.filter(
            status=Decision.Status.PUBLISHED, document_number=version.document_number
        )
        .select_related("batch")
        .order_by("-effective_date", "-pk")
        .first()
    )


# ---------------------------------------------------------------------------------------
# Diffs between two published versions of one list, by each app's own diff.


@dataclass
class PublicDiff:
    added: list
    removed: list
    changed: list  # (name, [(field label, before, after)])

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff(kind: str, old, new) -> PublicDiff:
    """What changed from `old` to `new` (both published versions of one list): rows added
    and removed as (code or position, name), rows changed with their fields."""
    for version in (old, new):
        if version.published_at is None or version.status == "draft":
            raise NotFound("清单版本")
    if kind == CATALOG:
        found = catalogs.version_diff(old, new)
        return PublicDiff(
            added=[(r["code"], r["name"]) for r in found.added],
            removed=[(r["code"], r["name"]) for r in found.removed],
            changed=[
                (f"{row['code']} {row['name']}", [(HEADERS.get(k, k), a, b) for k, a, b in fields])
                for row, fields in found.changed
            ],
        )
    if kind == DUTY:
        found = duty_version_diff(old=old, new=new)
        return PublicDiff(
            added=[(label, name) for name, label in found["added"]],
            removed=[(label, name) for name, label in found["removed"]],
            changed=[(name, [("类别", a, b)]) for name, a, b in found["moved"]],
        )
    found = territorial.version_diff(old=old, new=new)
    return PublicDiff(
        added=[(r["field"], r["matter"]) for r in found["added"]],
        removed=[(r["field"], r["matter"]) for r in found["removed"]],
        changed=[(c["matter"], c["fields"]) for c in found["changed"]],
    )
