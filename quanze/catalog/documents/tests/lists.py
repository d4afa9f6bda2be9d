"""A township list to lay out as an official document (shared with the cross-app test
of 方式 from delegation's decisions, tests/test_list_document_modes.py)."""

from datetime import date

from quanze.catalog.catalogs import services
from quanze.catalog.catalogs.models import Catalog
from quanze.testing import factories as f

BASIS = "【法律】《中华人民共和国城乡规划法》(2019年修正)第六十四条\n第二款 责令停止建设……"


def township_list(cast, n=3, *, publish=True, owner=None):
    """锦水街道's (or `owner`'s) list of n penalties of 县城管局; the first says 委托 in an extra column."""
    powers = [
        f.PowerFactory(
            owner=cast.county,
            code=f"JS-{i:03d}",
            name=f"对违法建设行为的处罚{i}",
            sub_name="逾期不改正的" if i == 1 else "",
            department=cast.urban,
            power_type=f.power_type("行政处罚"),
            legal_basis=BASIS,
            extra={"方式": "委托"} if i == 1 else {},
        )
        for i in range(1, n + 1)
    ]
    owner = owner or cast.town_a
    catalog = services.catalog_create(
        by=None, name=f"{owner.name}权责清单", kind=Catalog.Kind.TOWNSHIP_LIST, owner=owner
    )
    draft = services.version_draft(by=None, catalog=catalog)
    services.version_set_entries(by=None, version=draft, entries=[(p, "") for p in powers])
    if not publish:
        return draft
    return services.version_publish(
        by=None, version=draft, effective_date=date(2025, 7, 1), document_number="平政发〔2025〕8号"
    )
