"""The pure benchmark rules: reading 处罚标准 and 适用情形 cells, the tier proposal, and the
departure check (hypothesis property tests and the real texts they must read)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quanze.enforcement.benchmarks import rules as r


@pytest.mark.parametrize(
    ("text", "kinds", "amounts", "multiples", "base", "cap"),
    [
        # 《城市道路管理条例》第四十二条
        ("可以处以2万元以下的罚款", ("fine",), ("0", "20000"), None, "", None),
        # 《中华人民共和国城乡规划法》第六十四条
        (
            "处建设工程造价百分之五以上百分之十以下的罚款",
            ("fine",),
            None,
            ("0.05", "0.1"),
            "建设工程造价",
            None,
        ),
        (
            "处违法所得1倍以上3倍以下罚款,最高不得超过3万元",
            ("fine",),
            None,
            ("1", "3"),
            "违法所得",
            "30000",
        ),
        (
            "没收违法所得,并处货值金额二倍以上五倍以下罚款",
            ("fine", "confiscation"),
            None,
            ("2", "5"),
            "货值金额",
            None,
        ),
        ("警告,并处500元罚款", ("warning", "fine"), ("500", "500"), None, "", None),
        ("处6000元以上1.4万元以下罚款", ("fine",), ("6000", "14000"), None, "", None),
        ("责令停产停业", ("suspend_business",), None, None, "", None),
        ("不予行政处罚", (), None, None, "", None),
    ],
)
def test_it_reads_published_standards(text, kinds, amounts, multiples, base, cap):
    standard = r.parse_standard(text)
    assert standard.kinds == kinds
    if amounts:
        assert (standard.amount_min, standard.amount_max) == tuple(Decimal(a) for a in amounts)
    else:
        assert standard.amount_max is None
    if multiples:
        assert (standard.multiple_min, standard.multiple_max) == tuple(
            Decimal(m) for m in multiples
        )
    assert standard.base == base
    assert standard.cap == (Decimal(cap) if cap else None)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "不能为空"),
        ("处罚款", "未能识别罚款幅度"),
        ("依法处理", "未能识别处罚种类"),
        ("处2万元以上1万元以下罚款", "下限大于上限"),
        ("处3倍以上5倍以下罚款", "计算基数"),
    ],
)
def test_unreadable_standards_say_why(text, says):
    with pytest.raises(r.StandardUnreadable, match=says):
        r.parse_standard(text)


yuan = st.integers(min_value=1, max_value=10**7).map(lambda n: Decimal(n).quantize(Decimal("0.01")))
times = st.integers(min_value=1, max_value=2000).map(lambda n: (Decimal(n) / 100).normalize())


@st.composite
def standards(draw):
    others = draw(
        st.lists(st.sampled_from([k for k in r.KIND_ORDER if k != "fine"]), unique=True, max_size=3)
    )
    fine = draw(st.sampled_from(["none", "fixed", "upto", "multiple", "both"]))
    if not others and fine == "none":
        return r.Standard()
    amount_min = amount_max = multiple_min = multiple_max = cap = None
    base = ""
    if fine in ("fixed", "upto", "both"):
        a, b = sorted([draw(yuan), draw(yuan)])
        amount_min, amount_max = (Decimal("0.00") if fine == "upto" else a), b
    if fine in ("multiple", "both"):
        a, b = sorted([draw(times), draw(times)])
        if (a < 1) != (b < 1):  # the text states both as percentages or both as multiples
            a = b
        multiple_min, multiple_max = a, b
        base = draw(st.sampled_from(r.BASES))
        cap = draw(st.one_of(st.none(), yuan))
    kinds = set(others) | ({"fine"} if fine != "none" else set())
    return r.Standard(
        kinds=tuple(k for k in r.KIND_ORDER if k in kinds),
        amount_min=amount_min,
        amount_max=amount_max,
        multiple_min=multiple_min,
        multiple_max=multiple_max,
        base=base,
        cap=cap,
    )


@given(standards())
def test_format_and_parse_are_inverse(standard):
    assert r.parse_standard(r.format_standard(standard)) == standard


def test_conditions_split_and_all_or_any():
    first = "1.初次违法;2.及时改正;3.危害后果轻微;4.当事人积极配合检查调查。"
    assert r.split_conditions(first) == [
        "初次违法",
        "及时改正",
        "危害后果轻微",
        "当事人积极配合检查调查",
    ]
    assert r.needs_all(first)
    lighter = (
        "具有下列情形之一的:(一)主动消除或者减轻违法行为危害后果的;(二)受他人胁迫实施违法行为的"
    )
    assert r.split_conditions(lighter) == [
        "主动消除或者减轻违法行为危害后果",
        "受他人胁迫实施违法行为",
    ]
    assert not r.needs_all(lighter)
    assert r.split_conditions("") == []


@given(
    st.lists(st.text(alphabet="初次违法及时改正后果轻微拒不", min_size=1, max_size=8), max_size=5)
)
def test_split_conditions_never_returns_numbering_or_blanks(parts):
    text = ";".join(f"{i + 1}.{p}" for i, p in enumerate(parts))
    out = r.split_conditions(text)
    assert all(c and c == r.condition_key(c) for c in out)
    assert len(out) == len(set(out))


# ---- the proposal ----------------------------------------------------------------------------

CONDITIONS = [
    "初次违法",
    "及时改正",
    "危害后果轻微",
    "主动消除后果",
    "受胁迫",
    "拒不改正",
    "一年内再犯",
]
FIXED = st.tuples(yuan, yuan).map(lambda ab: r.Standard(("fine",), min(ab), max(ab)))


@st.composite
def tables(draw):
    rows = []
    for key in range(1, draw(st.integers(min_value=1, max_value=7)) + 1):
        tier = draw(st.sampled_from(list(r.TIERS)))
        conditions = tuple(
            draw(st.lists(st.sampled_from(CONDITIONS), unique=True, min_size=0, max_size=3))
        )
        if tier != r.GENERAL and not conditions:
            conditions = (draw(st.sampled_from(CONDITIONS)),)
        standard = r.Standard() if tier == r.NONE else draw(FIXED)
        rows.append(r.RowSpec(key, tier, conditions, draw(st.booleans()), standard))
    return rows


@given(tables(), st.sets(st.sampled_from(CONDITIONS)))
def test_the_proposal_follows_the_precedence(rows, met):
    proposal = r.propose(rows, met)
    applying = {t for row in rows for t in [row.tier] if row.applies(frozenset(met))}
    chosen = [row for row in rows if row.key in proposal.rows]
    assert all(row.tier == proposal.tier for row in chosen)
    if r.NONE in applying:
        assert proposal.tier == r.NONE and proposal.kinds == ()
    elif r.HEAVIER in applying and applying & {r.LIGHTER, r.MITIGATED}:
        assert proposal.tier == r.GENERAL
    elif r.MITIGATED in applying:
        assert proposal.tier == r.MITIGATED
    elif r.LIGHTER in applying:
        assert proposal.tier == r.LIGHTER
    elif r.HEAVIER in applying:
        assert proposal.tier == r.HEAVIER
    else:
        assert proposal.tier == r.GENERAL
    if proposal.tier != r.GENERAL or any(row.applies(frozenset(met)) for row in chosen):
        assert all(row.applies(frozenset(met)) for row in chosen)
    if proposal.high is not None:
        assert proposal.low <= proposal.high
        assert proposal.low == min(row.standard.amount_min for row in chosen)
        assert proposal.high == max(row.standard.amount_max for row in chosen)
    assert proposal.explanation  # every proposal says why


@given(tables(), st.sets(st.sampled_from(CONDITIONS)), st.data())
def test_a_fine_inside_the_range_never_departs_and_one_above_always_does(rows, met, data):
    proposal = r.propose(rows, met)
    if proposal.high is None:
        return
    inside = data.draw(
        st.decimals(min_value=proposal.low, max_value=proposal.high, places=2), label="inside"
    )
    assert r.deviations(proposal, penalised=True, kinds=["fine"], fine=inside) == []
    above = proposal.high + Decimal("0.01")
    assert r.deviations(proposal, penalised=True, kinds=["fine"], fine=above)


def test_first_offence_offset_and_multiples():
    road = [
        r.RowSpec(1, r.NONE, ("初次违法", "及时改正"), True, r.Standard()),
        r.RowSpec(
            2, r.LIGHTER, ("主动消除后果", "受胁迫"), False, r.parse_standard("处6000元以下罚款")
        ),
        r.RowSpec(3, r.GENERAL, (), True, r.parse_standard("处6000元以上1.4万元以下罚款")),
        r.RowSpec(
            4, r.HEAVIER, ("拒不改正",), False, r.parse_standard("处1.4万元以上2万元以下罚款")
        ),
    ]
    assert r.propose(road, ["初次违法", "及时改正"]).tier == r.NONE
    # only one of the two 首违不罚 conditions: not 不予处罚
    assert r.propose(road, ["初次违法"]).tier == r.GENERAL
    assert r.propose(road, ["受胁迫"]).high == Decimal("6000.00")
    offset = r.propose(road, ["受胁迫", "拒不改正"])
    assert offset.tier == r.GENERAL and "相互抵消" in offset.explanation[0]
    assert offset.rows == (3,)
    unknown = r.propose(road, ["与本案无关"])
    assert unknown.unknown == ("与本案无关",)
    build = [
        r.RowSpec(
            1, r.GENERAL, (), True, r.parse_standard("处违法所得1倍以上3倍以下罚款,最高不超过3万元")
        )
    ]
    assert r.propose(build, []).missing == ("违法所得",)
    capped = r.propose(build, [], Decimal("20000"))
    assert (capped.low, capped.high) == (Decimal("20000.00"), Decimal("30000.00"))


def test_departures_name_what_departs():
    general = r.propose(
        [r.RowSpec(1, r.GENERAL, (), True, r.parse_standard("警告,并处500元以上1000元以下罚款"))],
        [],
    )
    assert (
        r.deviations(general, penalised=True, kinds=["warning", "fine"], fine=Decimal("800")) == []
    )
    [kind] = r.deviations(general, penalised=True, kinds=["revoke"], fine=None)
    assert "吊销许可证件" in kind
    [amount] = r.deviations(general, penalised=True, kinds=["fine"], fine=Decimal("1200"))
    assert "1200元" in amount and "500元至1000元" in amount
    [none] = r.deviations(general, penalised=False, kinds=[], fine=None)
    assert "不予行政处罚" in none
