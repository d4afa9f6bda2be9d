from io import StringIO

from django.core.management import call_command

from quanze.duties.models import Matter, ResponsibilityVersion
from quanze.duties.territorial.report import list_report
from quanze.duties.territorial.routing import responsibility_for
from quanze.org.models import Division


def test_it_loads_243_matters_with_primary_and_cooperating_units(db):
    out = StringIO()
    call_command("scenario", "002", stdout=out)
    version = ResponsibilityVersion.objects.get(document_number="平编办发〔2025〕8号")
    report = list_report(version)
    assert report.matters == 243
    assert report.with_primary == 243
    assert report.with_cooperating == 243
    assert report.confirmed == 243
    assert report.with_instructions == report.with_co_departments > 0
    assert "属地管理事项 243 项" in out.getvalue()
    assert {f for f, _n in report.by_field} >= {
        "城市管理",
        "生态环境",
        "安全生产",
        "市场监管",
        "自然资源",
        "农业农村",
    }


def test_it_routes_the_loaded_matters_and_loads_only_once(db):
    call_command("scenario", "002", stdout=StringIO())
    call_command("scenario", "002", stdout=StringIO())
    assert ResponsibilityVersion.objects.count() == 1
    subdistrict = Division.objects.get(name="锦水街道")
    town = Division.objects.get(name="东阿镇")
    manure = Matter.objects.get(name="畜禽养殖污染")
    on = ResponsibilityVersion.objects.get().effective_date
    in_town = responsibility_for(matter=manure, township=town, on=on)
    assert in_town.primary_department.name == "平阴县农业农村局"
    assert in_town.township_cooperates and len(in_town.steps) == 4
    assert not responsibility_for(matter=manure, township=subdistrict, on=on).township_cooperates


def test_a_township_that_leads_is_given_its_own_part_not_a_report_to_the_department(db):
    call_command("scenario", "002", stdout=StringIO())
    on = ResponsibilityVersion.objects.get().effective_date
    subdistrict = Division.objects.get(name="锦水街道")
    stalls = responsibility_for(
        matter=Matter.objects.get(name="占道经营管理"), township=subdistrict, on=on
    )
    assert stalls.township_primary
    assert stalls.township_duty.startswith("负责本辖区占道经营管理")
    assert "报告" not in stalls.township_duty and "平阴县城市管理局业务指导" in stalls.township_duty
