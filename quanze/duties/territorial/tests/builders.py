"""A small published territorial list for the cast's county, built through the services."""

from datetime import date

from quanze.duties.territorial import services as territorial
from quanze.duties.territorial.rows import ItemData


def rows(cast):
    return [
        ItemData(
            matter_name="违法建设查处",
            field_name="城市管理",
            synonyms="违建 私搭乱建 加盖",
            primary_department=cast.urban,
            primary_duty="依法查处违法建设,组织拆除",
            township_duty="日常巡查发现并及时报告,配合拆除",
            basis="《中华人民共和国城乡规划法》第六十四条",
            accept_hours=4,
            handle_days=10,
            co_departments=[(cast.land, "提供用地审批信息")],
            steps=[(None, "巡查发现后报告", 24), (cast.urban, "立案查处", 72)],
        ),
        ItemData(
            matter_name="非法占用耕地",
            field_name="自然资源",
            primary_department=cast.land,
            primary_duty="查处非法占用耕地行为",
            township_scope="named",
            townships=[cast.town_b],
            township_duty="动态巡查,制止并报告",
        ),
        ItemData(
            matter_name="城区户外广告设置审批",
            field_name="城市管理",
            primary_department=cast.urban,
            township_scope="none",
        ),
    ]


def published_list(cast, *, on=date(2025, 1, 1), by=None):
    responsibility_list = territorial.list_for_county(by=by, county=cast.county)
    draft = territorial.version_draft(by=by, responsibility_list=responsibility_list)
    territorial.version_set_items(by=by, version=draft, rows=rows(cast))
    return territorial.version_publish(
        by=by, version=draft, effective_date=on, document_number="平编发〔2025〕3号"
    )
