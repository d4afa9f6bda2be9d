"""Powers made through the service (so citations are parsed and history recorded)."""

from quanze.catalog.powers import services
from quanze.testing import factories as f


def make_power(cast, code="CF-001", **fields):
    return services.power_create(
        by=cast.office,
        owner=cast.county,
        code=code,
        name=fields.pop("name", "对擅自占用城市道路的处罚"),
        power_type=f.power_type("行政处罚"),
        department=fields.pop("department", cast.urban),
        legal_basis=fields.pop(
            "legal_basis", "【行政法规】《城市道路管理条例》(2019年修订)第四十二条 违反本条例……"
        ),
        **fields,
    )
