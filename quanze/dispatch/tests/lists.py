"""The one place the dispatch tests make territorial responsibility lists: through the
duties services, a published version in force from 2025-01-01."""

from datetime import date

from quanze.duties.models import Matter
from quanze.duties.territorial import routing
from quanze.duties.territorial import services as territorial
from quanze.duties.territorial.rows import ItemData


def publish(cast, rows: list[ItemData], *, on=date(2025, 1, 1)) -> dict[str, Matter]:
    responsibility_list = territorial.list_for_county(by=None, county=cast.county)
    draft = territorial.version_draft(by=None, responsibility_list=responsibility_list)
    territorial.version_set_items(by=None, version=draft, rows=rows, replace=False)
    territorial.version_publish(
        by=None, version=draft, effective_date=on, document_number="平编发〔2025〕9号"
    )
    routing.clear_cache()
    names = [r.matter_name for r in rows]
    return {m.name: m for m in Matter.objects.filter(county=cast.county, name__in=names)}


def item(name, primary, fallback, synonyms="", field="城市管理", **more) -> ItemData:
    return ItemData(
        matter_name=name,
        field_name=field,
        synonyms=synonyms,
        primary_department=primary,
        fallback_department=fallback,
        primary_duty=f"负责{name}",
        township_duty="发现并报告,配合现场处置",
        accept_hours=2,
        handle_days=5,
        **more,
    )


def make_matter(cast, name, primary, fallback, synonyms="", **more) -> Matter:
    return publish(cast, [item(name, primary, fallback, synonyms, **more)])[name]
