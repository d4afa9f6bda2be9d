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
Then the loop closes:
- the office opens the adjustment project of the accepted proposals
  (`services.adjustment_open`), starts it (withdraw and grant batches to the justice
  bureau), the bureau reviews them (an item it may not pass is rejected and the office
  takes it out of its batch), and the office completes it: the executive meeting's
  decision publishes the new township lists, the territorial list gets a new version;
- the justice bureau registers the act the 52 items cite most and records an amendment
  of its most cited article; the impact (citing powers, lists, units to notify) is read
  back through the law-change selectors.
Every figure printed comes from the system's own reports: the round's (`item_rows`,
`proposals_visible`, `accepted_change_specs`), the adjustment's (`project_diff`,
`project_progress`, the changes' outcomes) and the law change's (`change_impact`,
`kind_counts`, `units_to_notify`).
"""

from collections import Counter
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from quanze.catalog.demo.loader import COUNTY
from quanze.catalog.models import Catalog, CatalogVersion, Citation, Power
from quanze.catalog.powers.citations import RANKS
from quanze.core import registry
from quanze.delegation.decisions.models import Decision
from quanze.delegation.review import services as review
from quanze.delegation.review.models import Batch, LegalityReview
from quanze.delegation.scenarios.s000_approval import DOCUMENT_NUMBER
from quanze.dispatch.events.models import Event
from quanze.dispatch.events.permissions import is_township_team
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
from quanze.evaluation.adjustment import selectors as adjustment_selectors
from quanze.evaluation.adjustment import services as adjustment
from quanze.evaluation.adjustment.models import AdjustmentProject
from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.lawchange import selectors as law_selectors
from quanze.evaluation.lawchange import services as law
from quanze.evaluation.lawchange.models import LawChange, LegalAct
from quanze.evaluation.lawchange.parsing import chinese_numeral
from quanze.evaluation.lawchange.titles import normalise_title
from quanze.evaluation.rounds import selectors, services
from quanze.evaluation.rounds.models import Proposal, Round
from quanze.org.models import Division, User

TITLE = "巩义赋权事项质效评估(情景012)"
MATTER = "流动摊贩占道经营(情景012)"
SATISFIED, UNSATISFIED = 3, 7
DOCUMENT = "巩政发〔2026〕12号"  # the executive meeting's decision of the adjustment
LAW_DOCUMENT = "情景012修正决定"


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


def _tie_matter(county, office, power, primary) -> object:
    """A list version from today whose new matter relies on `power` (关联职权), with
    `primary` (another department than the item's) as its primary unit."""
    listed = territorial.list_for_county(by=office, county=county)
    draft = territorial.version_draft(by=office, responsibility_list=listed)
    row = ItemData(
        matter_name=MATTER,
        primary_department=primary,
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


def _events(office, clerks, township_clerk, matter) -> None:
    """The matter's events, each handled by the unit that leads on it: the department the
    list names, or the township's own team where the township holds the matter's power
    (权随事转), through the township's clerk."""
    township = township_clerk.township
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
        lead = event.primary_department
        clerk = township_clerk if is_township_team(lead, event) else clerks[lead.pk]
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
    # The matter's primary unit is another department (the one with the lowest id that has
    # a clerk): its handling leaves the public unhappy, so the round proposes moving the
    # matter to the item's own department (调整主责单位).
    primary = min(d for d in clerks if d != busiest.department_id)
    matter = _tie_matter(county, office, busiest, clerks[primary].department)
    _events(office, clerks, township_clerk, matter)
    round_ = services.round_create(
        by=office, title=TITLE, start=START, end=timezone.localdate(), powers=entrusted
    )
    round_ = services.round_open(by=office, round_=round_)
    held = {p.pk for p in selectors.township_held(round_, township.pk)}
    # An item of the county's published guiding catalog the township lacks (an item in no
    # published catalog cannot be delegated: the adjustment would refuse it).
    listed = CatalogVersion.objects.filter(
        status=CatalogVersion.Status.PUBLISHED,
        catalog__owner_id__in=[county.pk, county.parent_id, county.parent.parent_id],
    ).exclude(catalog__kind=Catalog.Kind.TOWNSHIP_LIST).values("entries__power_id")  # fmt: skip
    wanted = (
        Power.objects.filter(owner=county, pk__in=listed).exclude(pk__in=held)
        .exclude(pk__in=[p.pk for p in entrusted]).order_by("code").first()
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


def _users(county):
    office = User.objects.get(username="office")
    reviewer = User.objects.filter(
        role=User.Role.JUSTICE_REVIEWER, county=county, is_active=True
    ).first()
    return office, reviewer


def adjust(round_: Round, stdout) -> AdjustmentProject:
    """The adjustment of the round's accepted proposals, through review, the meeting's
    decision and publication. An item the review cannot pass (a grant above the county's
    bar) is rejected and taken out of its batch: that change stays undone."""
    office, reviewer = _users(round_.county)
    project = services.adjustment_open(by=office, round_=round_)
    project = adjustment.project_start(by=office, project=project)
    for batch in Batch.objects.filter(project__in=project.delegation_projects.all()):
        for item in batch.items.select_related("item__power"):
            try:
                with transaction.atomic():
                    review.review_save(
                        by=reviewer, batch_item=item, mode=batch.mode, verdict="pass",
                        legal_route="《中华人民共和国行政处罚法》第二十四条",
                    )  # fmt: skip
            except ValidationError as refused:
                review.review_save(
                    by=reviewer, batch_item=item, mode=batch.mode, legal_route="",
                    verdict="reject", comment=";".join(refused.messages)[:500],
                )  # fmt: skip
        review.batch_review_complete(by=reviewer, batch=batch)
        rejected = LegalityReview.objects.filter(batch_item__batch=batch, verdict="reject")
        for found in rejected.select_related("batch_item"):
            review.batch_remove_item(
                by=office, batch_item=found.batch_item, reason="合法性审核不通过,本次不调整"
            )
    today = timezone.localdate()
    return adjustment.project_complete(
        by=office, project=AdjustmentProject.objects.get(pk=project.pk), meeting_date=today,
        document_number=DOCUMENT, effective_date=today,
    )  # fmt: skip


def _most_cited(powers) -> tuple[Citation, str] | None:
    """The act the items cite most and, of it, the article cited most."""
    cited = Citation.objects.filter(power__in=powers).exclude(article="")
    top = cited.values("act_title").annotate(n=Count("id")).order_by("-n", "act_title").first()
    if top is None:
        return None
    rows = cited.filter(act_title=top["act_title"])
    articles = [a for a in rows.values_list("article", flat=True) if a.isdigit()]
    if not articles:
        return None
    article = Counter(articles).most_common(1)[0][0]
    return rows.filter(article=article).first(), article


def amend_law(county, entrusted, stdout) -> LawChange | None:
    """The justice bureau registers the most cited act (articles up to the highest cited,
    text left out) and records an amendment of its most cited article from next month."""
    _office, reviewer = _users(county)
    found = _most_cited(entrusted)
    if found is None or reviewer is None:
        return None
    citation, article = found
    title = normalise_title(citation.act_title)
    act = LegalAct.objects.filter(title=title).first()
    if act is None:
        cited = Citation.objects.filter(act_title=citation.act_title).values_list(
            "article", flat=True
        )
        last = max(int(a) for a in cited if a.isdigit())
        years = [y for y in Citation.objects.filter(act_title=citation.act_title)
                 .values_list("revision_year", flat=True) if y]  # fmt: skip
        text = "\n".join(
            f"第{chinese_numeral(n)}条 (情景012登记,条文从略)" for n in range(1, last + 1)
        )
        act = law.act_create(
            by=reviewer, title=title, rank=citation.rank if citation.rank in RANKS else "法律",
            effective_date=date(max(years), 1, 1) if years else date(2000, 1, 1), text=text,
        )  # fmt: skip
    return law.change_record_save(
        by=reviewer, act=act, kind="amend", articles=[article],
        effective_from=timezone.localdate() + timedelta(days=30),
        document_number=LAW_DOCUMENT, summary="情景012:修改第" + article + "条",
    )  # fmt: skip


def adjustment_report(project: AdjustmentProject) -> dict:
    """The adjustment's figures, read back through its own selectors."""
    diff = adjustment_selectors.project_diff(project)
    return {
        "project": project,
        "diff": diff,
        "after": Counter(row["after"].split(":")[0] for row in diff),
        "lists": sorted({row["list"] for row in diff}),
        "batches": adjustment_selectors.project_progress(project),
        "outcomes": Counter(project.changes.values_list("outcome", flat=True)),
    }


def law_report(change: LawChange) -> dict:
    """The amendment's impact, read back through the law-change selectors."""
    office, _reviewer = _users(Division.objects.get(code=COUNTY[0]))
    rows = law_selectors.change_impact(office, change)
    every = law_selectors.impact_rows(law_selectors.change_scope(change))
    return {
        "change": change,
        "rows": rows,
        "kinds": law_selectors.kind_counts(rows),
        "powers": sorted({r["code"] for r in rows if r["kind"] == "power"}),
        "units": law_selectors.units_to_notify(every),
        "specs": law_selectors.change_specs(change, office),
    }


def print_adjustment(figures: dict, stdout) -> None:
    project = figures["project"]
    stdout.write(
        f"动态调整「{project.title}」{project.get_status_display()}({project.document_number},"
        f"{project.effective_date:%Y-%m-%d}起施行):{project.changes.count()}项调整,"
        f"合法性审核批次 {len(figures['batches'])} 个"
    )
    stdout.write(
        "清单变化:"
        + ";".join(f"{k} {n} 条" for k, n in sorted(figures["after"].items()))
        + f";涉及清单 {len(figures['lists'])} 个"
    )
    for outcome, n in sorted(figures["outcomes"].items()):
        stdout.write(f"  {n} 项:{outcome}")


def print_law(figures: dict, stdout) -> None:
    change, units = figures["change"], figures["units"]
    stdout.write(
        f"法规修改:{change}第{'、'.join(change.articles)}条({change.document_number}),"
        f"本县受影响条目 {len(figures['rows'])} 个:"
        + "、".join(f"{label} {n}" for _k, label, n in figures["kinds"])
    )
    stdout.write(f"引用该条的权力事项:{'、'.join(figures['powers'][:10])}"
                 + (" 等" if len(figures["powers"]) > 10 else ""))  # fmt: skip
    stdout.write(
        f"全省应通知单位 {len(units)} 个(部门 {len(units.departments)}、乡镇(街道) "
        f"{len(units.townships)}、县(市、区) {len(units.counties)});"
        f"可发起依据变更 {len(figures['specs'])} 项"
    )


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
    project = adjustment_selectors.projects_from(services.round_origin(round_)).first()
    if project is None:
        with transaction.atomic():
            project = adjust(round_, stdout)
    print_adjustment(adjustment_report(project), stdout)
    change = LawChange.objects.filter(document_number=LAW_DOCUMENT).first()
    if change is None:
        entrusted = Power.objects.filter(pk__in=decision.items.values("item__power_id"))
        with transaction.atomic():
            change = amend_law(county, entrusted, stdout)
    if change is None:
        stdout.write("(事项未引用可登记的法规条文,法规修改部分未载入)")
        return
    print_law(law_report(change), stdout)
