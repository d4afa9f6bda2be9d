"""Case work in the demo county (`quanze load_demo`): officers with certificates and a few
cases in several states, all through the services, so a person walking the demo sees it.

Registered as a demo loader from `EnforcementConfig.ready()`; runs after the catalog's
demo has loaded the county and published the pilot townships' lists. Dates count back from
today (a case cannot be dated in the future, and the queue's time limits then show as they
would in use). Run again, it adds nothing.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from quanze.catalog.demo.loader import COUNTY
from quanze.enforcement.cases import services
from quanze.enforcement.cases.models import Case, Evidence
from quanze.enforcement.cases.powers import powers_held
from quanze.enforcement.officers import services as officers
from quanze.enforcement.officers.models import Officer
from quanze.org.models import Department, Division, User

PENALTY = "行政处罚"
ISSUER = "山东省人民政府"
# The team officers of the demo townships (town1 and town2's units), four each.
TEAMS = {
    "town1": ["王强", "李明", "孙丽", "周涛"],
    "town2": ["吴刚", "郑芳", "冯磊", "陈晨"],
}
LEGAL = ("陈静", "A20193701000123")  # the justice bureau's reviewer with 法律职业资格


@dataclass
class Demo:
    today: date
    county: Division
    reviewer: User


def demo_enforcement() -> str:
    """Load the demo's enforcement data once; the line says what it did."""
    county = Division.objects.filter(code=COUNTY[0]).first()
    if county is None:
        return "执法演示数据:未找到演示县,跳过。"
    if Officer.objects.filter(county=county).exists():
        return "执法演示数据已存在,未重复载入。"
    with transaction.atomic():
        cases = _load(Demo(timezone.localdate(), county, User.objects.get(username="reviewer")))
    return f"执法演示数据已载入:执法人员 {Officer.objects.filter(county=county).count()} 名,案件 {cases} 件。"


def _certified(demo: Demo, name: str, number: str, fields, **unit) -> Officer:
    officer = officers.officer_create(by=demo.reviewer, name=name, position="执法队员", **unit)
    officers.certificate_add(
        by=demo.reviewer,
        officer=officer,
        number=number,
        issuer=ISSUER,
        fields=fields,
        valid_from=date(demo.today.year - 2, 1, 1),
        valid_to=date(demo.today.year + 3, 12, 31),
    )
    return officer


def _load(demo: Demo) -> int:
    today = demo.today
    clerks = {u.username: u for u in User.objects.filter(username__in=TEAMS)}
    teams, held = {}, {}
    serial = 0
    for username, names in TEAMS.items():
        township = clerks[username].township
        held[username] = list(
            powers_held(township, today)
            .filter(power_type__name=PENALTY)
            .select_related("field", "department")
        )
        fields = list({p.field_id: p.field for p in held[username] if p.field}.values())
        team = []
        for name in names:
            serial += 1
            team.append(
                _certified(demo, name, f"3701242600{serial:03d}", fields, township=township)
            )
        teams[username] = team
    bureau = Department.objects.get(division=demo.county, short_name="县司法局")
    legal = officers.officer_create(
        by=demo.reviewer,
        name=LEGAL[0],
        department=bureau,
        position="法制审核员",
        legal_qualification=LEGAL[1],
    )

    clerk, team, powers = clerks["town1"], teams["town1"], held["town1"]
    power = _pick(powers, "城市管理") or powers[0]
    other = _pick(powers, "市场监管") or powers[-1]
    day = lambda n: today - timedelta(days=n)  # noqa: E731 (a date n days back)

    def opened(n, title, party, kind="individual", p=power, **more):
        return services.case_open(
            by=more.pop("by", clerk), power=p, opened_on=day(n), source=more.pop("source", "inspection"),
            title=title, party_kind=kind, party_name=party, place=more.pop("place", "人民路"), **more,
        )  # fmt: skip

    def step(case, action, n, by=clerk, **more):
        return services.case_step(by=by, case=case, action=action, on=day(n), **more)

    def investigated(case, n):
        case = step(case, "file", n, summary="经审查,符合立案条件,同意立案")
        case = step(case, "investigate", n - 1, officers=team[:2], place=case.place,
                    summary="现场检查,制作现场检查笔录,询问当事人")  # fmt: skip
        services.evidence_add(
            by=clerk, case=case, kind=Evidence.Kind.RECORD, description="现场检查笔录一份",
            collected_by=team[0], collected_at=_at(day(n - 1)), place=case.place,
        )  # fmt: skip
        return case

    # 1. just registered (案源登记), and one past its 15-working-day limit (已超期)
    opened(1, "流动摊贩占道经营", "刘某", source="complaint", party_phone="13905310001")
    opened(40, "门店超出门窗外墙经营", "平阴县鲁味餐馆", kind="organisation", source="complaint")
    # 2. under investigation, with evidence
    investigated(opened(20, "违法搭建彩钢棚", "张某", party_id_number="370124199001011234"), 19)
    # 3. notified: the party's 5 working days for 陈述申辩 have run
    case = investigated(opened(30, "擅自占用道路堆放建筑材料", "平阴县顺达建材商行",
                               kind="organisation", p=other), 29)  # fmt: skip
    case = step(case, "conclude", 22, summary="违法事实清楚,证据确凿")
    step(case, "notify", 20, penalty_kinds=["fine"], fine_amount="3000",
         summary="拟处罚款3000元,依据见告知书")  # fmt: skip
    # 4. the whole general procedure with a legal review, closed
    case = investigated(opened(70, "擅自挖掘城市道路", "平阴县宏图建设工程有限公司",
                               kind="organisation"), 69)  # fmt: skip
    case = step(case, "conclude", 60, review_grounds=["complex"], summary="案情复杂,提请法制审核")
    case = step(case, "review", 58, by=demo.reviewer, reviewer=legal, summary="事实清楚,依据正确")
    case = step(case, "notify", 56, penalty_kinds=["fine"], fine_amount="5000",
                summary="拟处罚款5000元")  # fmt: skip
    case = step(case, "decide", 45, outcome="penalty", penalty_kinds=["fine"],
                fine_amount="5000", summary="罚款5000元")  # fmt: skip
    case = step(case, "serve", 44, method="直接送达")
    case = step(case, "pay", 40, paid_amount="5000", summary="当事人已缴纳罚款")
    step(case, "close", 38, summary="处罚决定已执行完毕,结案")
    # 5. simple procedure: a fine on the spot, paid
    case = opened(3, "在禁止区域内焚烧树叶", "赵某", procedure="simple")
    case = step(case, "decide_on_spot", 3, officers=team[1:3], place="锦水街道文化广场",
                penalty_kinds=["warning", "fine"], fine_amount="100",
                summary="警告,并处罚款100元")  # fmt: skip
    step(case, "pay", 2, paid_amount="100", summary="当场缴纳")
    # 6. the second township: a case dropped after registration
    case = opened(12, "群众反映噪声扰民", "钱某", by=clerks["town2"], p=held["town2"][0])
    step(case, "drop", 10, by=clerks["town2"], summary="经核查不属于违法行为,不予立案")
    return Case.objects.filter(county=demo.county).count()


def _pick(powers, field_name: str):
    return next((p for p in powers if p.field and p.field.name == field_name), None)


def _at(on: date) -> datetime:
    return timezone.make_aware(datetime.combine(on, time(10, 0)))
