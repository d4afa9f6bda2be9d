"""The fact criteria: figures computed from what the system already records, set-based.

Each fact is one grouped query over the round's county and period, giving every unit of
one side its figure at once: the score (0–100) and the numbers it came from, which the
report shows next to the fact's definition. A unit with nothing recorded gets no figure
(the criterion drops out of its total, rules.weighted_mean).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, F, Q
from django.utils import timezone

from quanze.dispatch.disputes.models import Dispute
from quanze.dispatch.events.models import Assignment, Event
from quanze.enforcement.squads.models import Appraisal, HeadConsent
from quanze.evaluation.appraisal.models import AppraisalRound, Criterion, Direction


@dataclass(frozen=True)
class Figure:
    score: Decimal
    source: str  # the numbers, readable: "按时接收 45 / 派发 50"


@dataclass(frozen=True)
class Fact:
    label: str
    direction: str
    definition: str
    compute: Callable[[AppraisalRound], dict[int, Figure]]
    power: str = ""


def bounds(round: AppraisalRound) -> tuple[datetime, datetime]:
    """The period as aware datetimes [start of the first day, start of the day after)."""
    start = datetime.combine(round.period_start, time.min)
    end = datetime.combine(round.period_end + timedelta(days=1), time.min)
    return timezone.make_aware(start), timezone.make_aware(end)


def ratio(part: int, whole: int, what: str, of: str) -> Figure:
    return Figure(Decimal(100) * part / whole, f"{what} {part} / {of} {whole}")


def complement(part: int, whole: int, what: str, of: str) -> Figure:
    return Figure(Decimal(100) * (whole - part) / whole, f"{what} {part} / {of} {whole}")


def assignments(round: AppraisalRound, **filters):
    start, end = bounds(round)
    return Assignment.objects.filter(
        event__county_id=round.county_id, assigned_at__gte=start, assigned_at__lt=end, **filters
    )


def whistles_on_time(round):
    rows = (
        assignments(round, role=Assignment.Role.SUMMONED)
        .values("department_id")
        .annotate(n=Count("id"), on_time=Count("id", filter=Q(accepted_in_time=True)))
    )
    return {r["department_id"]: ratio(r["on_time"], r["n"], "按时报到", "吹哨") for r in rows}


def accepted_on_time(round):
    rows = (
        assignments(round)
        .values("department_id")
        .annotate(n=Count("id"), on_time=Count("id", filter=Q(accepted_in_time=True)))
    )
    return {r["department_id"]: ratio(r["on_time"], r["n"], "按时接收", "派发") for r in rows}


def send_backs(round):
    rows = (
        assignments(round)
        .values("department_id")
        .annotate(n=Count("id"), back=Count("id", filter=Q(sent_back=True)))
    )
    return {r["department_id"]: complement(r["back"], r["n"], "退回", "派发") for r in rows}


def ruled_disputes(round):
    start, end = bounds(round)
    return Dispute.objects.filter(
        event__county_id=round.county_id,
        ruled_at__gte=start,
        ruled_at__lt=end,
        department_lost__isnull=False,
    )


def disputes_lost(round):
    rows = (
        ruled_disputes(round)
        .values("department_id")
        .annotate(n=Count("id"), lost=Count("id", filter=Q(department_lost=True)))
    )
    return {r["department_id"]: complement(r["lost"], r["n"], "败诉", "裁定争议") for r in rows}


def squad_appraisals(round):
    rows = (
        Appraisal.objects.filter(
            squad__county_id=round.county_id,
            year__gte=round.period_start.year,
            year__lte=round.period_end.year,
        )
        .values("squad__department_id")
        .annotate(n=Count("id"), avg=Avg("score"))
    )
    return {
        r["squad__department_id"]: Figure(
            Decimal(str(r["avg"])),
            f"乡镇考评派驻中队 {r['n']} 次,平均 {Decimal(str(r['avg'])):.1f} 分",
        )
        for r in rows
    }


def head_consents(round):
    start, end = bounds(round)
    rows = (
        HeadConsent.objects.filter(
            squad__county_id=round.county_id, requested_at__gte=start, requested_at__lt=end
        )
        .values("squad__department_id")
        .annotate(n=Count("id"), agreed=Count("id", filter=Q(state=HeadConsent.State.AGREED)))
    )
    return {
        r["squad__department_id"]: ratio(r["agreed"], r["n"], "乡镇同意", "提请任免") for r in rows
    }


def township_disputes(round):
    rows = (
        ruled_disputes(round)
        .values("event__township_id")
        .annotate(n=Count("id"), upheld=Count("id", filter=Q(department_lost=True)))
    )
    return {
        r["event__township_id"]: ratio(r["upheld"], r["n"], "裁定支持乡镇", "裁定争议")
        for r in rows
    }


def township_satisfaction(round):
    start, end = bounds(round)
    rows = (
        Event.objects.filter(
            county_id=round.county_id,
            handled_at__gte=start,
            handled_at__lt=end,
            satisfied__isnull=False,
        )
        .values("township_id")
        .annotate(n=Count("id"), ok=Count("id", filter=Q(satisfied=True)))
    )
    return {r["township_id"]: ratio(r["ok"], r["n"], "满意", "评价") for r in rows}


def township_team_on_time(round):
    """Where the township leads (its own matter, or 权随事转), its team carries the event:
    how much of that it handled within the time limit, per township. Sent-back rows and
    events still inside their limit when the period ends are not counted."""
    _start, end = bounds(round)
    rows = (
        assignments(
            round,
            role__in=(Assignment.Role.PRIMARY, Assignment.Role.FALLBACK),
            department__division__parent_id=round.county_id,
            sent_back=False,  # a misfiled event sent back to be filed again is no lateness
        )
        # what could be judged by the period's end: handled, or already past its limit
        .filter(Q(handled_at__isnull=False) | Q(handle_due__lt=end))
        .values("department__division_id")
        .annotate(
            n=Count("id"),
            on_time=Count("id", filter=Q(handled_at__lte=F("handle_due"))),
        )
    )
    return {
        r["department__division_id"]: ratio(r["on_time"], r["n"], "按时办结", "承办") for r in rows
    }


T2D, D2T = Direction.TOWNSHIP_SCORES, Direction.DEPARTMENT_SCORES
P = Criterion.Power
FACTS: dict[str, Fact] = {
    "whistles_on_time": Fact(
        "吹哨报到按时率",
        T2D,
        "考评期内乡镇吹哨、部门报到的派发中,部门在接收时限内接收的比例(按时报到数 ÷ 吹哨数)",
        whistles_on_time,
        P.COMMAND,
    ),
    "accepted_on_time": Fact(
        "派发按时接收率",
        T2D,
        "考评期内派给部门的全部事件中,在接收时限内接收的比例(按时接收数 ÷ 派发数)",
        accepted_on_time,
    ),
    "send_backs": Fact(
        "事件未退回率",
        T2D,
        "考评期内派给部门的事件中未被部门退回的比例(1 − 退回数 ÷ 派发数)",
        send_backs,
    ),
    "disputes_lost": Fact(
        "争议裁定胜诉率",
        T2D,
        "考评期内编办裁定的退回争议中,部门未败诉的比例(1 − 败诉数 ÷ 裁定数)",
        disputes_lost,
    ),
    "squad_appraisals": Fact(
        "派驻中队乡镇考评得分",
        T2D,
        "考评期所在年度乡镇对部门派驻中队考评得分的平均分(执法模块登记的中队考评)",
        squad_appraisals,
        P.WORK,
    ),
    "head_consents": Fact(
        "派驻机构负责人任免征得同意率",
        T2D,
        "考评期内部门提请派驻中队负责人任免时,乡镇答复同意的比例(同意数 ÷ 提请数)",
        head_consents,
        P.HEAD,
    ),
    "township_disputes": Fact(
        "退回争议裁定支持率",
        D2T,
        "考评期内本乡镇事件的退回争议经编办裁定、认定部门退回不当的比例(支持乡镇数 ÷ 裁定数)",
        township_disputes,
    ),
    "township_team_on_time": Fact(
        "属地承办按时办结率",
        D2T,
        "考评期内由本乡镇综合行政执法队伍承担主体责任(属地自办或权随事转)的事件中,"
        "在办结时限内办结的比例(按时办结数 ÷ 承办数;退回的、考评期末仍在时限内未办结的不计)",
        township_team_on_time,
    ),
    "township_satisfaction": Fact(
        "群众满意率",
        D2T,
        "考评期内本乡镇办结并经群众评价的事件中满意的比例(满意数 ÷ 评价数)",
        township_satisfaction,
    ),
}


def figures(round: AppraisalRound, criteria) -> dict[int, dict[int, Figure]]:
    """{criterion id: {unit id: figure}} for the round's fact criteria, one query per fact."""
    computed: dict[str, dict[int, Figure]] = {}
    out = {}
    for criterion in criteria:
        if criterion.fact:
            if criterion.fact not in computed:
                computed[criterion.fact] = FACTS[criterion.fact].compute(round)
            out[criterion.pk] = computed[criterion.fact]
    return out
