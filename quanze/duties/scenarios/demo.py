"""The demo county's territorial responsibility list (`quanze load_demo`), so the event loop
runs on demo data: a list in force, matters to file events under, departments to route to.

Registered as a demo loader from `DutiesConfig.ready()`; it publishes scenario 002's list
(243 matters, in force since 2025-01-01) through the list services when the demo county has
no published list yet. Run again, it adds nothing."""

from quanze.catalog.demo.loader import COUNTY
from quanze.duties.models import ResponsibilityVersion
from quanze.duties.scenarios import s002
from quanze.org.models import Division


def demo_territorial() -> str:
    county = Division.objects.filter(code=COUNTY[0]).first()
    if county is None:
        return "属地管理责任清单:未找到演示县,跳过。"
    published = ResponsibilityVersion.objects.filter(
        responsibility_list__county=county, published_at__isnull=False
    )
    if published.exists():
        return "属地管理责任清单已存在,未重复载入。"
    version = s002.build(county)
    return (
        f"属地管理责任清单已载入:{version},{version.items.count()} 项,"
        f"{version.effective_date:%Y年%-m月%-d日}起施行。"
    )
