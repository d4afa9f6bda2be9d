"""What an official list shows, gathered from a catalog version in a few queries."""

from dataclasses import dataclass
from datetime import date

from quanze.catalog import selectors
from quanze.catalog.documents.modes import delegation_modes
from quanze.catalog.models import Catalog, CatalogVersion

HEADERS = ["序号", "事项名称", "类型", "依据", "原实施主体", "承接主体", "方式"]
# Where a list entry says how it was handed down when no decision says so.
MODE_KEYS = ("mode", "方式")
NOTICES = {
    CatalogVersion.Status.DRAFT: "草稿:尚未发布,不作为正式清单使用",
    CatalogVersion.Status.SUPERSEDED: "本版已被新版本取代,仅供查阅",
}


@dataclass(frozen=True)
class ListDocument:
    title: str
    document_number: str
    effective_date: date | None
    version_number: int
    notice: str  # empty for a published version
    rows: list[list[str]]  # in HEADERS order

    @property
    def effective_text(self) -> str:
        return chinese_date(self.effective_date) if self.effective_date else ""

    @property
    def meta(self) -> list[tuple[str, str]]:
        """The lines under the title: (label, value), only those with a value."""
        pairs = [
            ("文号", self.document_number),
            ("生效日期", self.effective_text),
            ("版本", f"第{self.version_number}版"),
            ("事项数", f"{len(self.rows)}项"),
        ]
        return [(label, value) for label, value in pairs if value]

    @property
    def file_stem(self) -> str:
        return f"{self.title}_第{self.version_number}版"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


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
    """The version as an official list; `version` comes from `selectors.access_version`."""
    catalog = version.catalog
    receiver = receiving_body(catalog)
    decided = delegation_modes(version)
    rows = []
    for power_id, data in selectors.version_power_rows(version):
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
    return ListDocument(
        title=catalog.name,
        document_number=version.document_number,
        effective_date=version.effective_date,
        version_number=version.number,
        notice=NOTICES.get(version.status, ""),
        rows=rows,
    )
