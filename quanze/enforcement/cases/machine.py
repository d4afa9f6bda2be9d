"""The case lifecycle of the Administrative Penalty Law (行政处罚法, 2021) as pure rules.

No database here: `step(state, action, facts)` answers the next state and facts, or raises
`StepRefused` with a Chinese message naming the state and the step. The services call it
before every write; the hypothesis tests in tests/test_machine.py drive it with random
sequences of steps.

General procedure (普通程序, arts. 54-65):
    registered 案源登记 -file-> filed 立案 -investigate-> investigating 调查取证
    -conclude-> investigated 调查终结
    -review-> reviewed 法制审核 (art. 58; only where one of its four cases applies)
    -notify-> notified 告知 (art. 44: 陈述申辩; art. 63-64: 听证 where the law gives it)
    [-request_hearing-> hearing 听证 -hold_hearing-> heard -review-> reviewed]
    -decide-> decided 决定 (art. 57) -serve-> served 送达 (art. 61)
    -pay / -execute-> executed 执行 (arts. 66-73) -close-> closed 结案 -archive-> archived 归档
Simple procedure (简易程序, arts. 51-52): registered -decide_on_spot-> served (the decision
is handed over on the spot), then as above. `drop` (不予立案 / 撤销立案) ends a case that is
not yet decided. A hearing is a proceeding of the 听证 kind of art. 58(2): after one, the
decision needs a legal review made after the hearing.
"""

from dataclasses import dataclass, replace
from decimal import Decimal


class StepRefused(Exception):
    """A step that the lifecycle does not allow now; the message is for the user."""


REGISTERED = "registered"
FILED = "filed"
INVESTIGATING = "investigating"
INVESTIGATED = "investigated"
REVIEWED = "reviewed"
NOTIFIED = "notified"
HEARING = "hearing"
HEARD = "heard"
DECIDED = "decided"
SERVED = "served"
EXECUTED = "executed"
CLOSED = "closed"
ARCHIVED = "archived"

STATES = {
    REGISTERED: "案源登记",
    FILED: "已立案",
    INVESTIGATING: "调查取证",
    INVESTIGATED: "调查终结",
    REVIEWED: "法制审核",
    NOTIFIED: "已告知",
    HEARING: "听证中",
    HEARD: "已听证",
    DECIDED: "已决定",
    SERVED: "已送达",
    EXECUTED: "已执行",
    CLOSED: "已结案",
    ARCHIVED: "已归档",
}

ACTIONS = {
    "file": "立案",
    "drop": "不予立案/撤销立案",
    "investigate": "调查取证",
    "conclude": "调查终结",
    "review": "法制审核",
    "notify": "告知",
    "request_hearing": "申请听证",
    "hold_hearing": "举行听证",
    "decide": "作出决定",
    "decide_on_spot": "当场处罚",
    "serve": "送达",
    "pay": "缴纳罚款",
    "apply_enforcement": "申请强制执行",
    "execute": "执行完毕",
    "close": "结案",
    "archive": "归档",
    "annotate": "备注",
}

# Log entries that are not steps a user takes.
LOG_LABELS = {
    **ACTIONS,
    "open": "案源登记",
    "escalate": "超期督办",
    "hand_over": "线索随事项移交",
}

# Steps at which officers act on the facts: at least two certified officers (art. 42, 55).
INVESTIGATIVE = frozenset({"investigate", "hold_hearing", "decide_on_spot"})
# Once a case is here, nothing of it changes except annotations (and closed -> archived).
FINAL = frozenset({CLOSED, ARCHIVED})

SIMPLE = "simple"
GENERAL = "general"

# Art. 58: the four cases in which a legal review must precede the decision.
REVIEW_GROUNDS = {
    "public_interest": "涉及重大公共利益的",
    "major_rights_heard": "直接关系当事人或者第三人重大权益,经过听证程序的",
    "complex": "案件情况疑难复杂、涉及多个法律关系的",
    "other_law": "法律、法规规定应当进行法制审核的其他情形",
}
HEARD_GROUND = "major_rights_heard"


@dataclass(frozen=True)
class Facts:
    """What the lifecycle needs to know of a case besides its state."""

    procedure: str = GENERAL
    review_required: bool = False
    reviewed: bool = False  # a review made after the last hearing (if any)
    notified: bool = False
    hearing_offered: bool = False
    hearing_held: bool = False
    penalised: bool = False  # the decision imposes a penalty
    fine_due: bool = False  # the decision's penalty includes a fine to pay
    paid: bool = False


def _refuse(state: str, action: str, why: str = "") -> StepRefused:
    text = f"案件当前状态为「{STATES.get(state, state)}」,不能{ACTIONS.get(action, action)}"
    return StepRefused(f"{text}:{why}" if why else text)


def step(state: str, action: str, facts: Facts, **given) -> tuple[str, Facts]:
    """The state and facts after `action`, or StepRefused.

    `given` carries what the step itself decides: `review_grounds` (conclude),
    `penalised` and `fine_due` (decide, decide_on_spot).
    """
    if action not in ACTIONS:
        raise StepRefused(f"没有这个步骤:{action}")
    if action == "annotate":
        return state, facts
    if state == ARCHIVED:
        raise _refuse(state, action, "案件已归档,只能备注")
    if state == CLOSED and action != "archive":
        raise _refuse(state, action, "案件已结案,只能备注或归档")
    simple = facts.procedure == SIMPLE
    general_only = {
        "file",
        "investigate",
        "conclude",
        "review",
        "notify",
        "request_hearing",
        "hold_hearing",
        "decide",
        "serve",
    }
    if simple and action in general_only:
        raise _refuse(state, action, "简易程序案件当场作出决定,不经此步骤")
    if not simple and action == "decide_on_spot":
        raise _refuse(state, action, "普通程序案件不能当场处罚")

    if action == "file" and state == REGISTERED:
        return FILED, facts
    if action == "drop" and state in (REGISTERED, FILED, INVESTIGATING, INVESTIGATED):
        return CLOSED, facts
    if action == "investigate" and state in (FILED, INVESTIGATING):
        return INVESTIGATING, facts
    if action == "conclude" and state == INVESTIGATING:
        grounds = set(given.get("review_grounds") or ())
        unknown = grounds - set(REVIEW_GROUNDS)
        if unknown:
            raise StepRefused(f"法制审核情形:没有这种情形 {'、'.join(sorted(unknown))}")
        return INVESTIGATED, replace(facts, review_required=bool(grounds), reviewed=False)
    if action == "review":
        if state == INVESTIGATED and facts.review_required:
            return REVIEWED, replace(facts, reviewed=True)
        if state == HEARD:
            return REVIEWED, replace(facts, reviewed=True)
        if state == NOTIFIED and not facts.reviewed:
            # e.g. a proposed penalty outside the discretion benchmark (benchmarks/)
            return REVIEWED, replace(facts, reviewed=True)
        if state == INVESTIGATED:
            raise _refuse(state, action, "本案不属于《行政处罚法》第五十八条应当法制审核的情形")
        raise _refuse(state, action)
    if action == "notify":
        if state == INVESTIGATED and facts.review_required:
            raise _refuse(state, action, "本案须先经法制审核(《行政处罚法》第五十八条)")
        if state in (INVESTIGATED, REVIEWED) and not facts.notified:
            return NOTIFIED, replace(facts, notified=True)
        raise _refuse(state, action)
    if action == "request_hearing":
        if state == NOTIFIED and not facts.hearing_offered:
            raise _refuse(
                state, action, "拟作出的处罚不属于《行政处罚法》第六十三条可以要求听证的情形"
            )
        if state == NOTIFIED:
            return HEARING, facts
        raise _refuse(state, action)
    if action == "hold_hearing" and state == HEARING:
        return HEARD, replace(facts, hearing_held=True, review_required=True, reviewed=False)
    if action == "decide":
        ready = state == NOTIFIED or (state == REVIEWED and facts.notified)
        if state == HEARD:
            raise _refuse(state, action, "经过听证的案件须先经法制审核(《行政处罚法》第五十八条)")
        if ready and facts.review_required and not facts.reviewed:
            raise _refuse(state, action, "本案须先经法制审核(《行政处罚法》第五十八条)")
        if ready:
            penalised = bool(given.get("penalised"))
            return DECIDED, replace(
                facts, penalised=penalised, fine_due=penalised and bool(given.get("fine_due"))
            )
        if state in (INVESTIGATED, REVIEWED):
            raise _refuse(state, action, "作出决定前须告知当事人(《行政处罚法》第四十四条)")
        raise _refuse(state, action)
    if action == "decide_on_spot" and state == REGISTERED:
        return SERVED, replace(facts, penalised=True, fine_due=bool(given.get("fine_due")))
    if action == "serve" and state == DECIDED:
        return SERVED, facts
    if action == "pay":
        if state == SERVED and facts.fine_due and not facts.paid:
            return EXECUTED, replace(facts, paid=True)
        if state == SERVED:
            raise _refuse(state, action, "本案决定没有应缴的罚款")
        raise _refuse(state, action)
    if action == "apply_enforcement":
        if state == SERVED and facts.penalised:
            return SERVED, facts
        raise _refuse(state, action)
    if action == "execute":
        if state == SERVED and facts.penalised:
            return EXECUTED, facts
        raise _refuse(state, action)
    if action == "close":
        if state == EXECUTED or (state == SERVED and not facts.penalised):
            return CLOSED, facts
        if state == SERVED:
            raise _refuse(state, action, "处罚决定尚未执行完毕")
        raise _refuse(state, action)
    if action == "archive" and state == CLOSED:
        return ARCHIVED, facts
    raise _refuse(state, action)


def allowed(state: str, facts: Facts) -> list[str]:
    """The steps (besides annotate) the lifecycle allows now, in ACTIONS order."""
    out = []
    for action in ACTIONS:
        if action == "annotate":
            continue
        try:
            step(state, action, facts, penalised=True, fine_due=True)
        except StepRefused:
            continue
        out.append(action)
    return out


# ---- simple procedure limits (art. 51) -------------------------------------------------

INDIVIDUAL = "individual"
ORGANISATION = "organisation"
SIMPLE_FINE_LIMITS = {INDIVIDUAL: Decimal("200"), ORGANISATION: Decimal("3000")}
SIMPLE_KINDS = frozenset({"warning", "fine"})


def simple_procedure_check(*, party_kind: str, penalty_kinds, fine) -> None:
    """Art. 51: on the spot only a warning, or a fine of at most 200 yuan for a citizen
    and 3,000 yuan for an organisation. Raises StepRefused naming the field."""
    kinds = set(penalty_kinds)
    if not kinds:
        raise StepRefused("处罚种类:当场处罚须写明处罚种类")
    if kinds - SIMPLE_KINDS:
        raise StepRefused("处罚种类:当场处罚只能是警告或罚款(《行政处罚法》第五十一条)")
    if "fine" in kinds:
        limit = SIMPLE_FINE_LIMITS[party_kind]
        if fine is None or fine <= 0:
            raise StepRefused("罚款金额:处以罚款须写明金额")
        if fine > limit:
            who = "公民" if party_kind == INDIVIDUAL else "法人或者其他组织"
            raise StepRefused(
                f"罚款金额:当场处罚对{who}罚款不得超过{limit}元(《行政处罚法》第五十一条),"
                "请按普通程序办理"
            )


def late_surcharge(fine: Decimal, days_late: int) -> Decimal:
    """Art. 72(1): 3 % of the fine for each day late, never more than the fine itself."""
    if days_late <= 0 or fine <= 0:
        return Decimal("0.00")
    return min(fine * Decimal("0.03") * days_late, fine).quantize(Decimal("0.01"))
