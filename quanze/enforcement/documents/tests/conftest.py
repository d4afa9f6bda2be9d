"""Cases through every branch of the lifecycle, so that every kind of document exists:

- `ew.case_a` (锦水街道 under 委托: documents in the name of 平阴县城市管理局): evidence
  stored (先行登记保存), legal review (art. 58), hearing, decision, service, payment,
  closing, archiving;
- `granted` (玫瑰镇 under a 赋权 decision: documents in its own name): decided, served,
  not paid, compulsory execution applied for;
- `on_spot` (simple procedure), `no_penalty`, `unfiled` (不予立案), `revoked` (撤销立案).
"""

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from quanze.delegation.models import Mode
from quanze.enforcement.cases import services as cases

TZ = ZoneInfo("Asia/Shanghai")
GRANT_NUMBER = "平政发〔2025〕12号"


def _open(clerk, power, opened_on, title, party, **more):
    return cases.case_open(
        by=clerk,
        power=power,
        opened_on=opened_on,
        source="inspection",
        title=title,
        party_kind=more.pop("party_kind", "individual"),
        party_name=party,
        facts=f"当事人{party}{title}。",
        place="人民路12号",
        party_address="人民路12号",
        **more,
    )


def _go(by, case, action, on, **more):
    return cases.case_step(by=by, case=case, action=action, on=on, **more)


def _entrusted(ew):
    clerk, two = ew.cast.town_a_clerk, [ew.wang, ew.li]
    case = _go(clerk, ew.case_a, "file", date(2025, 3, 4), summary="同意立案调查")
    case = _go(
        clerk,
        case,
        "investigate",
        date(2025, 3, 5),
        officers=two,
        place="锦水街道人民路12号",
        summary="现场检查:彩钢棚约30平方米,未取得规划许可",
    )
    at = datetime(2025, 3, 5, 9, 30, tzinfo=TZ)
    item = cases.evidence_add(
        by=clerk,
        case=case,
        kind="physical",
        description="彩钢棚照片",
        collected_by=ew.wang,
        collected_at=at,
        place="现场",
    )
    cases.custody_add(
        by=clerk, evidence=item, action="stored", at=at + timedelta(hours=2), holder="证据室"
    )
    case = _go(
        clerk, case, "conclude", date(2025, 3, 10), summary="事实清楚", review_grounds=["complex"]
    )
    reviewer = ew.cast.reviewer
    case = _go(reviewer, case, "review", date(2025, 3, 11), reviewer=ew.chen, summary="同意处罚")
    case = _go(
        clerk,
        case,
        "notify",
        date(2025, 3, 12),
        penalty_kinds=["fine"],
        fine_amount="20000",
        summary="拟罚款20000元",
    )
    case = _go(clerk, case, "request_hearing", date(2025, 3, 13))
    case = _go(
        clerk,
        case,
        "hold_hearing",
        date(2025, 3, 20),
        officers=two,
        place="城管局听证室",
        summary="当事人陈述已自行拆除一半",
    )
    case = _go(reviewer, case, "review", date(2025, 3, 21), reviewer=ew.chen, summary="经听证,维持")
    case = _go(
        clerk,
        case,
        "decide",
        date(2025, 3, 24),
        outcome="penalty",
        penalty_kinds=["fine"],
        fine_amount="20000",
        summary="罚款20000元",
    )
    case = _go(clerk, case, "serve", date(2025, 3, 25))
    case = _go(clerk, case, "pay", case.payment_due, paid_amount="20000")
    case = _go(clerk, case, "close", date(2025, 4, 14), summary="已执行完毕,结案")
    return _go(clerk, case, "archive", date(2025, 4, 15))


def _granted(ew, builders):
    cast = ew.cast
    builders.decide(
        ew, townships=[cast.town_b], power=ew.urban_private, mode=Mode.GRANT, number=GRANT_NUMBER
    )
    sun = builders.officer(cast, "孙丽", township=cast.town_b, number="37012400011")
    zhou = builders.officer(cast, "周杰", township=cast.town_b, number="37012400012")
    clerk = cast.town_b_clerk
    case = _open(clerk, ew.urban_private, date(2025, 5, 6), "占道经营", "李四")
    case = _go(clerk, case, "file", date(2025, 5, 7))
    case = _go(
        clerk, case, "investigate", date(2025, 5, 8), officers=[sun, zhou], summary="现场检查"
    )
    case = _go(clerk, case, "conclude", date(2025, 5, 9), summary="事实清楚")
    case = _go(
        clerk,
        case,
        "notify",
        date(2025, 5, 12),
        penalty_kinds=["fine"],
        fine_amount="500",
        summary="拟罚款500元",
    )
    case = _go(
        clerk,
        case,
        "decide",
        date(2025, 5, 20),
        outcome="penalty",
        penalty_kinds=["fine"],
        fine_amount="500",
        summary="罚款500元",
    )
    case = _go(clerk, case, "serve", date(2025, 5, 21))
    case = _go(clerk, case, "apply_enforcement", date(2025, 6, 20), court="平阴县人民法院")
    return case, (sun, zhou)


def _others(ew, granted_officers):
    cast = ew.cast
    town_a, town_b = cast.town_a_clerk, cast.town_b_clerk
    on_spot = _open(
        town_a, ew.urban_power, date(2025, 3, 3), "乱扔垃圾", "王五", procedure="simple"
    )
    on_spot = _go(
        town_a,
        on_spot,
        "decide_on_spot",
        date(2025, 3, 3),
        officers=[ew.wang, ew.li],
        penalty_kinds=["fine"],
        fine_amount="200",
        summary="罚款200元",
    )
    no_penalty = _open(town_b, ew.urban_private, date(2025, 5, 6), "占道经营", "赵六")
    no_penalty = _go(town_b, no_penalty, "file", date(2025, 5, 7))
    no_penalty = _go(
        town_b,
        no_penalty,
        "investigate",
        date(2025, 5, 8),
        officers=granted_officers,
        summary="检查",
    )
    no_penalty = _go(town_b, no_penalty, "conclude", date(2025, 5, 9), summary="首次违法,已改正")
    no_penalty = _go(
        town_b, no_penalty, "notify", date(2025, 5, 12), penalty_kinds=["warning"], summary="拟警告"
    )
    no_penalty = _go(
        town_b,
        no_penalty,
        "decide",
        date(2025, 5, 20),
        outcome="no_penalty",
        summary="首违不罚,不予行政处罚",
    )
    unfiled = _open(town_a, ew.urban_power, date(2025, 3, 3), "违法建设", "钱七")
    unfiled = _go(
        town_a, unfiled, "drop", date(2025, 3, 4), summary="不属于本机关管辖,移送县自然资源局"
    )
    revoked = _open(town_a, ew.urban_power, date(2025, 3, 3), "违法建设", "孙八")
    revoked = _go(town_a, revoked, "file", date(2025, 3, 4))
    revoked = _go(town_a, revoked, "drop", date(2025, 3, 6), summary="违法事实不能成立")
    return on_spot, no_penalty, unfiled, revoked


@pytest.fixture
def lifecycle(ew, builders):
    """Every kind of case (see the module doc)."""
    entrusted = _entrusted(ew)
    granted, officers = _granted(ew, builders)
    on_spot, no_penalty, unfiled, revoked = _others(ew, officers)
    return SimpleNamespace(
        ew=ew,
        entrusted=entrusted,
        granted=granted,
        granted_officers=officers,
        on_spot=on_spot,
        no_penalty=no_penalty,
        unfiled=unfiled,
        revoked=revoked,
        all=[entrusted, granted, on_spot, no_penalty, unfiled, revoked],
    )
