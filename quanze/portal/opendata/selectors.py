"""What the open data holds: every published version of every list (catalog versions —
the guiding catalog, department powers lists, township lists —, territorial
responsibility lists, township duty lists) as a table of named columns. Only versions
that were published (current or since superseded): a draft is never found here."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import Count, F, Max
from django.db.models.functions import Collate

from quanze.catalog.catalogs.layout import COLUMNS as CATALOG_COLUMNS
from quanze.catalog.catalogs.layout import SET_KIND_LABELS
from quanze.catalog.catalogs.models import CatalogVersion
from quanze.catalog.catalogs.selectors import version_rows
from quanze.core.errors import NotFound
from quanze.duties.dutylists.models import DutyClass, DutyVersion
from quanze.duties.territorial.models import ResponsibilityVersion
from quanze.duties.territorial.selectors import ITEM_LABELS, item_data, version_items

KINDS = {
    "catalog": "权责清单与目录",
    "territorial": "属地管理事项责任清单",
    "duty": "乡镇履职事项清单",
}
DUTY_COLUMNS = [
    ("position", "序号"),
    ("name", "事项名称"),
    ("duty_class", "类别"),
    ("basis", "设定依据"),
    ("lead_department", "牵头部门"),
    ("return_reason", "收回理由"),
    ("receiving_department", "承接部门"),
    ("takeover", "承接方式"),
]
TERRITORIAL_COLUMNS = [("position", "序号"), *ITEM_LABELS.items()]


@dataclass
class Dataset:
    kind: str
    version: object
    title: str
    unit: str  # the division whose list it is
    list_id: int

    @property
    def slug(self) -> str:
        return f"{self.kind}-{self.version.pk}"


def _catalog(version) -> Dataset:
    catalog = version.catalog
    return Dataset(
        "catalog", version, f"{catalog.name} 第{version.number}版", catalog.owner.name, catalog.pk
    )


def _territorial(version) -> Dataset:
    found = version.responsibility_list
    return Dataset(
        "territorial", version, f"{found.name} 第{version.number}版", found.county.name, found.pk
    )


def _duty(version) -> Dataset:
    found = version.duty_list
    return Dataset(
        "duty", version, f"{found.name} 第{version.number}版", found.township.name, found.pk
    )


def _published(kind):
    if kind == "catalog":
        rows = CatalogVersion.objects.select_related("catalog__owner")
        return rows.filter(published_at__isnull=False), _catalog
    if kind == "territorial":
        rows = ResponsibilityVersion.objects.select_related("responsibility_list__county")
        return rows.filter(published_at__isnull=False), _territorial
    if kind == "duty":
        rows = DutyVersion.objects.select_related("duty_list__township")
        return rows.filter(published_at__isnull=False), _duty
    raise NotFound("数据集")


def dataset(kind: str, pk: int) -> Dataset:
    """A published version as a dataset; a draft, or no such version, is NotFound."""
    rows, make = _published(kind)
    version = rows.filter(pk=pk).first()
    if version is None:
        raise NotFound("数据集")
    return make(version)


def current_dataset(kind: str, list_id: int) -> Dataset:
    """The version of a list in force now (its latest published one)."""
    rows, make = _published(kind)
    owner = {
        "catalog": "catalog_id",
        "territorial": "responsibility_list_id",
        "duty": "duty_list_id",
    }
    version = rows.filter(**{owner[kind]: list_id}).order_by("-number").first()
    if version is None:
        raise NotFound("数据集")
    return make(version)


# Per kind: the unit's name, the list's name, the list's id (the catalogue's order).
ORDER = {
    "catalog": ("catalog__owner__name", "catalog__name", "catalog_id"),
    "territorial": (
        "responsibility_list__county__name",
        "responsibility_list__name",
        "responsibility_list_id",
    ),
    "duty": ("duty_list__township__name", "duty_list__name", "duty_list_id"),
}


def _by_code_point(name: str):
    """A text column ordered by code point, as Python orders str (SQLite's default
    BINARY collation does; PostgreSQL's database collation may not, so "C")."""
    if connection.vendor == "postgresql":
        return Collate(F(name), "C").asc()
    return F(name).asc()


def _ordered(kind):
    """The kind's published versions in the catalogue's order: by unit, list name, list
    (the list's id parts lists of one name), newest version first: a total order, so the
    catalogue's pages are stable."""
    rows, make = _published(kind)
    unit, name, list_id = ORDER[kind]
    return rows.order_by(_by_code_point(unit), _by_code_point(name), list_id, "-number"), make


def all_datasets() -> list[Dataset]:
    """Every published version, in the catalogue's order: kinds in KINDS' order, then
    `_ordered` within each."""
    found = []
    for kind in KINDS:
        rows, make = _ordered(kind)
        found += [make(v) for v in rows]
    return found


@dataclass
class CataloguePage:
    number: int
    datasets: list[Dataset]  # this page's, in the catalogue's order
    total: int  # datasets in the whole catalogue
    newest: datetime | None  # the catalogue's newest publication
    previous: dict = field(default_factory=dict)  # slug -> (kind, pk) of the version before


def catalogue_page(number: int, size: int) -> CataloguePage:
    """Page `number` (from 1) of `size` datasets, cut in the database (LIMIT/OFFSET per
    kind): one count per kind, one slice and one look-up of the previous versions per kind
    on the page, so a page costs the same however large the catalogue. A page past the
    end is empty (the caller checks the number against `total`)."""
    totals, newest = {}, None
    for kind in KINDS:
        rows, _make = _published(kind)
        found = rows.order_by().aggregate(n=Count("pk"), newest=Max("published_at"))
        totals[kind] = found["n"]
        if found["newest"] and (newest is None or found["newest"] > newest):
            newest = found["newest"]
    skip, datasets = max(0, (number - 1) * size), []
    for kind in KINDS:
        if skip >= totals[kind]:
            skip -= totals[kind]
            continue
        wanted = size - len(datasets)
        if wanted <= 0:
            break
        rows, make = _ordered(kind)
        datasets += [make(v) for v in rows[skip : skip + wanted]]
        skip = 0
    page = CataloguePage(
        number=number, datasets=datasets, total=sum(totals.values()), newest=newest
    )
    page.previous = _previous_of(datasets)
    return page


def _previous_of(datasets: list[Dataset]) -> dict:
    """Each dataset's list's published version just before it, as (kind, pk): one query
    per kind present."""
    previous = {}
    for kind in KINDS:
        mine = [d for d in datasets if d.kind == kind]
        if not mine:
            continue
        rows, _make = _published(kind)
        list_field = ORDER[kind][2]
        versions: dict[int, list] = {}
        for list_id, number, pk in rows.filter(
            **{f"{list_field}__in": {d.list_id for d in mine}}
        ).values_list(list_field, "number", "pk"):
            versions.setdefault(list_id, []).append((number, pk))
        for data in mine:
            older = [v for v in versions.get(data.list_id, []) if v[0] < data.version.number]
            if older:
                previous[data.slug] = (kind, max(older)[1])
    return previous


def columns_of(data: Dataset) -> list[tuple[str, str]]:
    if data.kind == "catalog":
        return list(CATALOG_COLUMNS)
    if data.kind == "territorial":
        return TERRITORIAL_COLUMNS
    return DUTY_COLUMNS


def rows_of(data: Dataset) -> list[dict]:
    """The version's rows as {column key: value}; catalog rows keep their extra columns
    under "extra"."""
    version = data.version
    if data.kind == "catalog":
        rows = version_rows(version)
        for row in rows:
            row["set_kind"] = SET_KIND_LABELS.get(row.get("set_kind") or "", "")
        return rows
    if data.kind == "territorial":
        return [{"position": item.position, **item_data(item)} for item in version_items(version)]
    classes = dict(DutyClass.choices)
    return [
        {
            "position": e.position,
            "name": e.name,
            "duty_class": classes.get(e.duty_class, e.duty_class),
            "basis": e.basis,
            "lead_department": str(e.lead_department or ""),
            "return_reason": e.return_reason,
            "receiving_department": str(e.receiving_department or ""),
            "takeover": e.takeover,
        }
        for e in version.entries.select_related("lead_department", "receiving_department").order_by(
            "position"
        )
    ]
