"""What an official list of a catalog version shows, gathered in a few queries."""

from quanze.catalog.catalogs.models import Catalog, CatalogVersion
from quanze.catalog.catalogs.selectors import version_power_rows
from quanze.catalog.documents.model import Columns, ListDocument
from quanze.catalog.documents.modes import decided_modes

COLUMNS = Columns(
    headers=("序号", "事项名称", "类型", "依据", "原实施主体", "承接主体", "方式"),
    widths_mm=(10, 70, 18, 100, 30, 25, 14),
    centred=frozenset({0, 2, 5, 6}),
    multiline=frozenset({3}),
)
HEADERS = list(COLUMNS.headers)
# Where a list entry says how it was handed down when no decision says so.
MODE_KEYS = ("mode", "方式")


def receiving_body(catalog: Catalog) -> str:
    """承接主体: the township for its own list; every township for a guiding catalog,
    which names what townships may take on; the keeping unit for any other list."""
    if catalog.kind == Catalog.Kind.TOWNSHIP_LIST:
        return catalog.owner.name
    if catalog.kind == Catalog.Kind.GUIDING:
        return "各乡镇(街道)"
    return catalog.department.name if catalog.department_id else catalog.owner.name


def item_name(data: dict) -> str:
    name, sub_name = data.get("name") or "", data.get("sub_name") or ""
    return f"{name}({sub_name})" if sub_name else name


def entry_mode(data: dict) -> str:
    extra = data.get("extra") or {}
    for key in MODE_KEYS:
        value = data.get(key) or extra.get(key)
        if value:
            return str(value).strip()
    return ""


def list_document(version: CatalogVersion) -> ListDocument:
    """The version as an official list; `version` comes from `access_version`."""
    catalog = version.catalog
    receiver = receiving_body(catalog)
    decided = decided_modes(version)
    rows = []
    for power_id, data in version_power_rows(version):
        rows.append(
            [
                str(data["position"]),
                item_name(data),
                data.get("power_type") or "",
                data.get("legal_basis") or "",
                data.get("department") or "",
                receiver,
                decided.get(power_id) or entry_mode(data),
            ]
        )
    return ListDocument.of_version(version, title=catalog.name, rows=rows, columns=COLUMNS)
