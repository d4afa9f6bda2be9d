"""What the open data holds: every published version of every list (catalog versions —
the guiding catalog, department powers lists, township lists —, territorial
responsibility lists, township duty lists) as a table of named columns. Only versions
that were published (current or since superseded): a draft is never found here."""

from dataclasses import dataclass

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


def all_datasets() -> list[Dataset]:
    """Every published version, current ones first within each list; a total order (the
    list's id parts lists of one name), so the catalogue's pages are stable."""
    found = []
    for kind in KINDS:
        rows, make = _published(kind)
        found += [make(v) for v in rows.order_by("pk")]
    return sorted(
        found,
        key=lambda d: (
            list(KINDS).index(d.kind),
            d.unit,
            d.title.split(" 第")[0],
            d.list_id,
            -d.version.number,
        ),
    )


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
