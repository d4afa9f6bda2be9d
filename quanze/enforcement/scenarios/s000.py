"""Scenario 000 continued into enforcement: a year of cases under the 52 entrusted
city-management penalty powers in the 20 townships, then the system's own reports.

Runs after the delegation part of 000 (registered under the same code from a lower app):
the decision 平政发〔2025〕21号 entrusts the 52 powers to every township from 2025-10-01
with an 80 % fine return. For the year from that day each township's team, with two
officers certified by the county's justice bureau, opens cases under the powers it holds
and takes them through the services (当场处罚, the general procedure, some legal reviews,
some 不予立案), and records a few inspections. The plan is deterministic (seeded) and
uneven on purpose: a few items are used everywhere, many now and then, some never.

Every figure printed comes from the statistics selectors (`exercise_report`,
`item_rates`, `never_exercised`) and the case selector; nothing here counts cases.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from quanze.catalog.demo.loader import COUNTY
from quanze.delegation.decisions.models import Decision
from quanze.delegation.scenarios.s000_approval import DOCUMENT_NUMBER
from quanze.enforcement.cases.models import Case
from quanze.enforcement.cases.selectors import cases_visible
from quanze.enforcement.scenarios import casework
from quanze.enforcement.statistics import services as statistics
from quanze.enforcement.statistics.exercise import exercise_report, item_rates, never_exercised
from quanze.enforcement.statistics.export import percent
from quanze.enforcement.statistics.selectors import division_scope
from quanze.org.models import Department, Division, User

SEED = "000-enforcement"
START = date(2025, 10, 1)  # the decision's effective date
END = date(2026, 9, 30)
FACTS_OPENING = "执法队员巡查发现当事人"  # how every case of this scenario states its facts
NEVER_USED = 9  # items no township uses in the year (004: 行权率低)
CASES_PER_TOWNSHIP = (7, 16)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建国", "秀英", "志强", "海燕", "德明", "丽华", "春生", "玉兰", "明亮", "桂芳"]
SHOPS = ["便民超市", "兴隆餐馆", "顺达汽修", "鑫源建材", "百姓药房", "老街烧烤", "宏达物流"]
STREETS = ["人民路", "青龙路", "府前街", "建设路", "玫瑰大道", "东关街", "榆山路"]


def _party(rng: random.Random, township, n: int, organisation: bool) -> casework.Party:
    street = rng.choice(STREETS)
    address = f"{township.name}{street}{rng.randint(1, 199)}号"
    phone = f"13{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}"
    if organisation:
        name = f"平阴县{township.name[:2]}{rng.choice(SHOPS)}"
        return casework.Party("organisation", name, f"91370124MA{n:08d}", phone, address)
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    born = date(1960, 1, 1) + timedelta(days=rng.randint(0, 40 * 365))
    id_number = f"370124{born:%Y%m%d}{rng.randint(100, 999)}{rng.randint(0, 9)}"
    return casework.Party("individual", name, id_number, phone, address)


def plan_township(rng: random.Random, township, items, weights) -> list[casework.Plan]:
    """The township's cases of the year, in date order."""
    plans = []
    for n in range(rng.randint(*CASES_PER_TOWNSHIP)):
        power = rng.choices(items, weights=weights)[0]
        opened = START + timedelta(days=rng.randint(0, (END - START).days))
        roll = rng.random()
        organisation = rng.random() < 0.4
        if roll < 0.2 and not organisation:
            path, fine = "simple", rng.choice([None, Decimal("50"), Decimal("100"), Decimal("200")])
        elif roll < 0.28:
            path, fine = "dropped", None
        else:
            path, fine = "general", Decimal(rng.randrange(500, 20_001, 100))
        party = _party(rng, township, int(township.code[6:9]) * 100 + n, organisation)
        plans.append(
            casework.Plan(
                power=power,
                opened_on=opened,
                path=path,
                title=power.name.removeprefix("对")
                .removesuffix("的行政处罚")
                .removesuffix("的处罚"),
                facts=f"{FACTS_OPENING}{party.name}存在{power.name.removeprefix('对')}所指违法行为。",
                place=party.address,
                party=party,
                source=rng.choice(list(Case.Source.values[1:])),
                fine=fine,
                review=path == "general" and rng.random() < 0.1,
            )
        )
    return sorted(plans, key=lambda p: p.opened_on)


def already_generated(townships) -> bool:
    """Whether the scenario's own year of cases is there (its cases' facts open with
    FACTS_OPENING). Any case would not do: the demo (`load_demo`) opens a few cases in the
    pilot townships dated back from today, which made a rerun after the demo skip the whole
    year and report 1 case (and scenario 012 then return 51 of the 52 items)."""
    return Case.objects.filter(
        township__in=townships,
        opened_on__range=(START, END),
        facts__startswith=FACTS_OPENING,
    ).exists()


def _clerk(township) -> User:
    clerk = User.objects.filter(township=township, role=User.Role.TOWNSHIP_CLERK).first()
    if clerk is None:
        raise LookupError(f"{township.name}没有经办人账号;先运行情景 000 的赋权部分")
    return clerk


@transaction.atomic
def generate(decision: Decision, bureau: User) -> None:
    """The year of cases (once: a rerun finds them and adds nothing)."""
    townships = list(decision.townships.order_by("code"))
    if already_generated(townships):
        return
    items = [
        batch_item.item.power
        for batch_item in decision.items.select_related("item__power__field").order_by("position")
    ]
    rng = random.Random(SEED)
    ranked = rng.sample(items, len(items))
    weights_by_power = {
        p.pk: 0.0 if rank >= len(items) - NEVER_USED else 1 / (rank + 1) ** 0.8
        for rank, p in enumerate(ranked)
    }
    weights = [weights_by_power[p.pk] for p in items]
    fields = list({p.field_id: p.field for p in items}.values())
    justice = Department.objects.get(division=bureau.county, short_name="县司法局")
    reviewer = casework.legal_reviewer(
        bureau=bureau, name="孙法审", department=justice, qualification="A20183701000456"
    )
    for township in townships:
        clerk = _clerk(township)
        code = township.code[6:9]
        team = casework.certified_officers(
            bureau=bureau,
            names=[f"{township.name[:2]}执法员{k}" for k in "甲乙丙"],
            fields=fields,
            number_prefix=f"370124{code}",
            township=township,
        )
        for n, plan in enumerate(plan_township(rng, township, items, weights)):
            two = [team[n % 3], team[(n + 1) % 3]]
            casework.run(clerk, plan, two, bureau=bureau, reviewer=reviewer)
        for _ in range(2):
            power = rng.choices(items, weights=weights)[0]
            statistics.exercise_record(
                by=clerk,
                power=power,
                on=START + timedelta(days=rng.randint(0, (END - START).days)),
                kind="inspection",
                count=rng.randint(1, 6),
                note="日常巡查,未发现违法行为",
            )


def report(county: Division, decision: Decision) -> dict:
    """The scenario's figures, read back through the system's own reports: the county's
    exercise report (every township list, the demo's own items included) and the per-item
    rows of the decision's entrusted items."""
    scope = division_scope(county)
    bureau = User.objects.get(username="reviewer")
    entrusted = set(decision.items.values_list("item__power_id", flat=True))
    items = [
        i for i in item_rates(scope, start=START, end=END, sort="code") if i.power_id in entrusted
    ]
    return {
        "cases": cases_visible(bureau).filter(opened_on__gte=START, opened_on__lte=END).count(),
        "report": exercise_report(scope, start=START, end=END),
        "items": items,
        "never_pairs": never_exercised(scope, start=START, end=END).count(),
        "decision": decision,
    }


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def print_report(figures: dict, stdout) -> None:
    r, total = figures["report"], figures["report"].total
    items, decision = figures["items"], figures["decision"]
    stdout.write(f"执法案件({_day(r.start)}至{_day(r.end)}):{r.scope}登记 {figures['cases']} 件")
    stdout.write(f"口径:{r.definition}")
    stdout.write(
        f"全县行权率 {percent(total.rate)}:{len(r.townships)} 个镇(街道)承接 {total.held} 项次"
        f"(含各镇原有清单事项),行权 {total.exercised} 项次,未行权 {total.never} 项次;"
        f"未行权的“乡镇×事项”清单 {figures['never_pairs']} 对"
    )
    held = sum(i.held for i in items)
    exercised = sum(i.exercised for i in items)
    never = [i for i in items if not i.exercised]
    stdout.write(
        f"委托事项({decision.document_number}){len(items)} 项:承接 {held} 项次,"
        f"行权 {exercised} 项次,行权率 {percent(exercised / held if held else None)};"
        f"有乡镇行权 {len(items) - len(never)} 项,无一乡镇行权 {len(never)} 项"
    )
    for item in never:
        stdout.write(f"  从未行权:{item.name}({item.code}),承接乡镇 {item.held} 个")
    for row in r.townships:
        stdout.write(
            f"{row.name}:承接 {row.held} 项,行权 {row.exercised} 项,行权率 {percent(row.rate)};"
            f"决定罚款 {_yuan(row.fines_decided)} 元,实缴 {_yuan(row.fines_paid)} 元,"
            f"返还 {_yuan(row.returned)} 元({percent(row.return_share)})"
        )
    stdout.write(
        f"罚没款合计:决定 {_yuan(total.fines_decided)} 元,实缴 {_yuan(total.fines_paid)} 元,"
        f"返还镇(街道) {_yuan(total.returned)} 元,返还比例 {percent(total.return_share)}"
        f"(决定的返还比例 {decision.fine_return_share.normalize():f}%)"
    )


def load(*, stdout) -> None:
    county = Division.objects.get(code=COUNTY[0])
    decision = Decision.objects.filter(
        document_number=DOCUMENT_NUMBER, status=Decision.Status.PUBLISHED
    ).first()
    if decision is None:
        stdout.write("(赋权决定尚未发布,执法案件部分未载入)")
        return
    generate(decision, User.objects.get(username="reviewer"))
    print_report(report(county, decision), stdout)
