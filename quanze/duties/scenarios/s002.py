"""Scenario 002: the demo county's territorial responsibility list of 243 matters.

Source 002 (十堰): after the establishment office's review a claiming meeting fixed,
item by item, 243 matters with a primary-responsibility department and cooperating
townships; the lead department carries the fallback; cross-unit matters get an
instruction sheet. Here the matters of s002_data go through the list services,
the primary and cooperating units confirm them at a meeting, the version is
published, and the figures printed come from `list_report`.
"""

from datetime import date

from django.db import transaction

from quanze.catalog.demo.loader import COUNTY, demo_load
from quanze.catalog.demo.units import DEPARTMENTS
from quanze.duties.models import ResponsibilityItem, ResponsibilityVersion
from quanze.duties.scenarios import s002_data as data
from quanze.duties.territorial import meetings
from quanze.duties.territorial import services as territorial
from quanze.duties.territorial.report import list_report
from quanze.duties.territorial.rows import ItemData
from quanze.org.models import Department, Division

DOCUMENT_NUMBER = "平编办发〔2025〕8号"
EFFECTIVE = date(2025, 1, 1)
MEETING_DAY = date(2024, 12, 20)


def _departments(county) -> dict:
    by_name = {d.name: d for d in Department.objects.filter(division=county)}
    return {spec.key: by_name[f"{county.name}{spec.suffix}"] for spec in DEPARTMENTS}


def rows(county) -> list[ItemData]:
    depts = _departments(county)
    towns = list(
        Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP).exclude(
            kind=Division.Kind.SUBDISTRICT
        )
    )
    out = []
    for n, m in enumerate(data.matters(), start=1):
        primary = depts[m["dept"]]
        co = depts[m["co"]] if m["co"] else None
        hours = 2 if m["field"] in data.URGENT_FIELDS else 24
        named = m["field"] in data.RURAL_FIELDS
        steps = []
        if co is not None:
            steps = [
                (None, "属地乡镇(街道)发现或接报后现场核实、劝阻制止并上报", hours),
                (primary, "受理、核查并立案或组织处置,同时通知配合部门", 48),
                (co, "提供专业意见和相关信息,参与联合处置", 72),
                (primary, "办结并向乡镇(街道)和报告人反馈结果", 120),
            ]
        leads = m["name"] in data.TOWNSHIP_PRIMARY
        out.append(
            ItemData(
                matter_name=m["name"],
                code=f"SD-{n:03d}",
                field_name=m["field"],
                synonyms=m["synonyms"],
                primary_department=primary,
                primary_duty=data.PRIMARY_DUTY.format(name=m["name"]),
                township_scope="named" if named else "all",
                townships=towns if named else [],
                township_duty=(data.TOWNSHIP_LEAD_DUTY if leads else data.TOWNSHIP_DUTY).format(
                    name=m["name"], hours=hours, dept=primary
                ),
                township_primary=leads,
                fallback_department=primary,
                basis=data.BASIS[m["field"]],
                accept_hours=hours,
                handle_days=5 if hours == 2 else 10,
                co_departments=[(co, data.CO_DUTY.format(dept=primary, name=m["name"]))]
                if co
                else [],
                steps=steps,
            )
        )
    return out


def _confirmations(version, county):
    """Each primary and cooperating department confirms its matters; each cooperating
    township confirms its part (source 002's 事项认领会)."""
    townships = list(Division.objects.filter(parent=county, level=Division.Level.TOWNSHIP))
    items = version.items.select_related("primary_department").prefetch_related(
        "co_departments__department", "townships"
    )
    out = []
    for item in items:
        out.append((item, item.primary_department, True, ""))
        out += [(item, c.department, True, "") for c in item.co_departments.all()]
        named = (
            townships
            if item.township_scope == ResponsibilityItem.Scope.ALL
            else item.townships.all()
        )
        out += [(item, t, True, "") for t in named]
    return out


@transaction.atomic
def build(county, *, by=None) -> ResponsibilityVersion:
    responsibility_list = territorial.list_for_county(by=by, county=county)
    done = responsibility_list.versions.filter(document_number=DOCUMENT_NUMBER).first()
    if done:
        return done
    draft = territorial.version_draft(by=by, responsibility_list=responsibility_list)
    territorial.version_set_items(by=by, version=draft, rows=rows(county))
    meetings.meeting_record(
        by=by,
        version=draft,
        held_on=MEETING_DAY,
        place=f"{county.name}政务服务中心三楼会议室",
        attendees="县委编办、县司法局、相关县直部门、各乡镇(街道)分管负责人",
        note="逐项确定属地管理事项主体责任和配合责任,明确牵头部门承担兜底责任。",
        confirmations=_confirmations(draft, county),
    )
    return territorial.version_publish(
        by=by, version=draft, effective_date=EFFECTIVE, document_number=DOCUMENT_NUMBER
    )


def load(*, stdout) -> None:
    demo_load()
    county = Division.objects.get(code=COUNTY[0])
    version = build(county)
    r = list_report(version)
    stdout.write(f"{version}(文号 {version.document_number},{version.effective_date} 起施行)")
    stdout.write(
        f"属地管理事项 {r.matters} 项:明确主体责任部门 {r.with_primary} 项,"
        f"明确配合责任单位 {r.with_cooperating} 项(全部乡镇 {r.all_townships} 项,"
        f"指定乡镇 {r.named_townships} 项,另有配合部门 {r.with_co_departments} 项);"
        f"附说明书 {r.with_instructions} 项;认领会确认 {r.confirmed} 项;"
        f"其中乡镇(街道)属地自办、部门业务指导 {r.township_primary} 项。"
    )
    stdout.write("按领域:" + ",".join(f"{f} {n}" for f, n in r.by_field))
