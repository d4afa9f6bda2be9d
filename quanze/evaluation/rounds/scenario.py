"""Scenario 012: the evaluation round on the 000 data (巩义's 52 entrusted
city-management penalties, a year of cases in 20 townships) and the 002 territorial list.

`quanze scenario 012` loads 000 first when its decision is not published yet, and the
demo county's territorial list (002) when it has none. Then, through the services:
- the office publishes a list version tying a matter (流动摊贩占道经营) to the most used of
  the 52 items; ten events on it in one township are dispatched, handled by the item's
  department and rated by the public, 3 satisfied and 7 not (a low satisfaction rate);
- a round over the 52 items from the decision's effective date to today opens; that
  township asks for an item of the county it does not hold (新增赋权);
- the office computes the round: items never exercised are returned (004: 行权率低),
  the item with the unhappy matter is transferred, the requested item added; the office
  accepts those proposals.
Every figure printed comes from the round's own report and proposals (`item_rows`,
`proposals_visible`, `accepted_change_specs`).
"""

from collections import Counter
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from quanze.catalog.demo.loader import COUNTY
from quanze.catalog.models import Power
from quanze.core import registry
from quanze.delegation.decisions.models import Decision
from quanze.delegation.scenarios.s000_approval import DOCUMENT_NUMBER
from quanze.dispatch.events.models import Event
from quanze.dispatch.intake import services as intake
from quanze.dispatch.loop import services as loop
from quanze.duties.models import ResponsibilityVersion
from quanze.duties.scenarios.demo import demo_territorial
from quanze.duties.territorial import routing
from quanze.duties.territorial import services as territorial
from quanze.duties.territorial.rows import ItemData
from quanze.enforcement.scenarios.s000 import START
from quanze.enforcement.statistics.exercise import item_rates
from quanze.enforcement.statistics.selectors import division_scope
from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.rounds import selectors, services
from quanze.evaluation.rounds.models import Proposal, Round
from quanze.org.models import Division, User

TITLE = "巩义赋权事项质效评估(情景012)"
MATTER = "流动摊贩占道经营(情景012)"
SATISFIED, UNSATISFIED = 3, 7


def _prepare(stdout) -> Decision | None:
    decision = Decision.objects.filter(
        document_number=DOCUMENT_NUMBER, status=Decision.Status.PUBLISHED
    ).first()
    if decision is None:
        for module in registry.scenarios().get("000", ()):
            __import__(module, fromlist=["load"]).load(stdout=stdout)
        decision = Decision.objects.filter(
            document_number=DOCUMENT_NUMBER, status=Decision.Status.PUBLISHED
        ).first()
    stdout.write(demo_territorial())
    return decision


def _tie_matter(county, office, power) -> object:
    """A list version from today whose new matter relies on `power` (关联职权)."""
    listed = territorial.list_for_county(by=office, county=county)
    draft = territorial.version_draft(by=office, responsibility_list=listed)
    row = ItemData(
        matter_name=MATTER,
        primary_department=power.department,
        field_name="城市管理",
        synonyms="流动摊贩 占道 摆摊",
        primary_duty="负责流动摊贩占道经营的查处",
        township_duty="发现并报告,配合现场处置",
        powers=[power],
        accept_hours=2,
        handle_days=3,
    )
    territorial.version_set_items(by=office, version=draft, rows=[row], replace=False)
    territorial.version_publish(
        by=office,
        version=draft,
        effective_date=timezone.localdate() - timedelta(days=1),
        document_number="平编发〔2026〕12号",
    )
    routing.clear_cache()
    return ResponsibilityVersion.objects.get(pk=draft.pk).items.get(matter__name=MATTER).matter


def _events(office, clerk, township, matter) -> None:
    for n in range(SATISFIED + UNSATISFIED):
        event = intake.event_create(
            by=office,
            source=Event.Source.HOTLINE,
            description=f"{township.name}集贸市场门口流动摊贩占道经营,第{n + 1}次反映",
            occurred_at=timezone.now() - timedelta(hours=3),
            township=township,
            matter=matter,
            address=f"{township.name}集贸市场",
        )
        event = loop.event_dispatch(by=office, event=event)
        event = loop.event_accept(by=clerk, event=event)
        event = loop.event_handle(by=clerk, event=event, result="已劝离,摊贩次日复来")
        good = n < SATISFIED
        loop.event_feedback(
            by=office, event=event, rating=5 if good else 2, satisfied=good,
            comment="" if good else "反复出现,未根治",
        )  # fmt: skip


def run(county, decision, stdout) -> Round:
    office = User.objects.get(username="office")
    entrusted = list(
        Power.objects.filter(pk__in=decision.items.values("item__power_id")).order_by("code")
    )
    rates = item_rates(division_scope(county), start=START, end=timezone.localdate())
    used = {r.power_id: r.exercised for r in rates}
    clerks = {
        u.department_id: u
        for u in User.objects.filter(role=User.Role.DEPARTMENT_CLERK, is_active=True)
    }
    busiest = max(
        (p for p in entrusted if p.department_id in clerks),
        key=lambda p: (used.get(p.pk, 0), p.code),
    )
    township_clerk = (
        User.objects.filter(role=User.Role.TOWNSHIP_CLERK, township__parent=county, is_active=True)
        .order_by("township__code")
        .first()
    )
    township = township_clerk.township
    matter = _tie_matter(county, office, busiest)
    _events(office, clerks[busiest.department_id], township, matter)
    round_ = services.round_create(
        by=office, title=TITLE, start=START, end=timezone.localdate(), powers=entrusted
    )
    round_ = services.round_open(by=office, round_=round_)
    held = {p.pk for p in selectors.township_held(round_, township.pk)}
    wanted = (
        Power.objects.filter(owner=county).exclude(pk__in=held).exclude(pk__in=[p.pk for p in entrusted])
        .order_by("code").first()
    )  # fmt: skip
    services.assessment_save(
        by=township_clerk, round_=round_, power=wanted, staff=3, equipment=4, difficulty=2,
        need=5, ask_add=True, note="辖区内此类事项多发,县级部门到场慢",
    )  # fmt: skip
    round_ = services.round_compute(by=office, round_=round_)
    for proposal in round_.proposals.exclude(kind=ChangeKind.KEEP):
        services.proposal_decide(by=office, proposal=proposal, accept=True, reason="情景012:采纳")
    return round_


def report(round_: Round) -> dict:
    """The round's figures, read back through its own report and proposals."""
    office = User.objects.get(username="office")
    proposals = list(selectors.proposals_visible(office, round_))
    return {
        "items": selectors.item_rows(office, round_),
        "kinds": Counter(Proposal.KIND_LABELS[ChangeKind(p.kind)] for p in proposals),
        "transfer": [p for p in proposals if p.kind == ChangeKind.TRANSFER],
        "returned": [p for p in proposals if p.kind == ChangeKind.RETURN],
        "added": [p for p in proposals if p.kind == ChangeKind.ADD],
        "specs": selectors.accepted_change_specs(round_),
    }


def print_report(round_: Round, figures: dict, stdout) -> None:
    items = figures["items"]
    held = sum(i.held for i in items)
    exercised = sum(i.exercised for i in items)
    stdout.write(
        f"{round_.title}({round_.start:%Y-%m-%d}至{round_.end:%Y-%m-%d}):评估 {len(items)} 项事项,"
        f"承接 {held} 项次,行权 {exercised} 项次"
    )
    stdout.write("评估建议:" + ";".join(f"{k} {n} 条" for k, n in sorted(figures["kinds"].items())))
    for proposal in figures["transfer"]:
        stdout.write(f"调整主责单位:{proposal.power.code} {proposal.power.name}。{proposal.facts}")
    for proposal in figures["returned"][:3]:
        stdout.write(f"收回县级:{proposal.power.code} {proposal.power.name}。{proposal.facts}")
    for proposal in figures["added"]:
        stdout.write(f"新增赋权:{proposal.power.code} {proposal.power.name}。{proposal.facts}")
    stdout.write(f"已采纳、可交付动态调整的变更 {len(figures['specs'])} 项")


def load(*, stdout) -> None:
    decision = _prepare(stdout)
    if decision is None:
        stdout.write("(赋权决定尚未发布,质效评估部分未载入)")
        return
    county = Division.objects.get(code=COUNTY[0])
    round_ = Round.objects.filter(county=county, title=TITLE).first()
    if round_ is None:
        with transaction.atomic():
            round_ = run(county, decision, stdout)
    print_report(round_, report(round_), stdout)
