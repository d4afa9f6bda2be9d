"""Writes of evaluation rounds: create and edit (the office), open for input (notices to
townships and departments), the units' forms, compute (indicators and proposals; notice
to the office), decide proposals, close. Each validated (Chinese errors naming the field),
authorised, recorded in history, in one transaction."""

from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from quanze.catalog.models import Power
from quanze.core import bulk
from quanze.core.errors import Forbidden
from quanze.core.history import diff_states, model_state, record_change
from quanze.core.models import Notice
from quanze.core.notices import notify, unit_users
from quanze.evaluation.adjustment import notices as adjustment_notices
from quanze.evaluation.adjustment import services as adjustment
from quanze.evaluation.adjustment.models import AdjustmentProject
from quanze.evaluation.adjustment.selectors import projects_from
from quanze.evaluation.adjustment.validation import (
    catalogued,
    guiding_version,
    list_holdings,
    township_list_holders,
)
from quanze.evaluation.rounds import indicators, rules
from quanze.evaluation.rounds.definitions import (
    DEFAULT_THRESHOLDS,
    DEFAULT_WEIGHTS,
    clean_thresholds,
    clean_weights,
)
from quanze.evaluation.rounds.models import (
    Indicator,
    Opinion,
    Proposal,
    PublicRating,
    Round,
    SelfAssessment,
)
from quanze.evaluation.rounds.selectors import (
    accepted_change_specs,
    department_items,
    matter_primaries,
    round_townships,
    township_held,
)
from quanze.org.models import Department, Division, User
from quanze.org.roles import (
    ancestor_codes,
    code_prefix,
    county_users,
    is_department_clerk,
    is_office,
    is_township_clerk,
)

S = Round.Status
FIELDS = ("title", "start", "end", "weights", "thresholds", "status")


def require_office(by, round_: Round | None = None) -> None:
    """The establishment office of the round's county runs it (by=None: the command line)."""
    if by is None:
        return
    if not is_office(by) or (round_ is not None and round_.county_id != by.county_id):
        raise Forbidden("只有本县编办可以组织评估")


def _require_status(round_: Round, *allowed: str, doing: str) -> None:
    if round_.status not in allowed:
        raise ValidationError(
            {"status": f"状态:评估处于“{round_.get_status_display()}”,不能{doing}"}
        )


def _text(value, *, label: str, field: str, limit: int, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: f"{label}:不能为空"})
    if len(text) > limit:
        raise ValidationError({field: f"{label}:不能超过{limit}个字"})
    if any(ord(c) < 32 and c not in "\n\t" for c in text):
        raise ValidationError({field: f"{label}:含有控制字符"})
    return text


def _period(start, end) -> None:
    if not isinstance(start, date) or not isinstance(end, date):
        raise ValidationError({"start": "评估期:应为日期"})
    if end < start:
        raise ValidationError({"end": "评估期至:不能早于评估期自"})
    if (end - start).days > 366 * 3:
        raise ValidationError({"end": "评估期至:评估期不能超过3年"})


def _settings(weights, thresholds) -> tuple[dict, dict]:
    try:
        weights = clean_weights(DEFAULT_WEIGHTS if weights is None else weights)
    except ValueError as error:
        raise ValidationError({"weights": str(error)}) from None
    try:
        thresholds = clean_thresholds(DEFAULT_THRESHOLDS if thresholds is None else thresholds)
    except ValueError as error:
        raise ValidationError({"thresholds": str(error)}) from None
    return weights, thresholds


def _scope(county: Division, townships, powers) -> tuple[list[Division], list[Power]]:
    prefix = code_prefix(county)
    townships, powers = list(townships or ()), list(powers or ())
    for township in townships:
        if township.level != Division.Level.TOWNSHIP or not township.code.startswith(prefix):
            raise ValidationError({"townships": f"评估乡镇(街道):{township.name}不属于本县"})
    reach = {*ancestor_codes(county), county.code}
    for power in powers:
        if not (power.owner.code.startswith(prefix) or power.owner.code in reach):
            raise ValidationError({"powers": f"评估事项:{power.code} 不是本县可评估的事项"})
    return townships, powers


@transaction.atomic
def round_create(
    *,
    by,
    title: str,
    start: date,
    end: date,
    county: Division | None = None,
    townships=(),
    powers=(),
    weights: dict | None = None,
    thresholds: dict | None = None,
) -> Round:
    """A draft round of the office's county (the command line names the county)."""
    require_office(by)
    county = by.county if by is not None else county
    if county is None:
        raise ValidationError({"county": "县(市、区):不能为空"})
    title = _text(title, label="评估名称", field="title", limit=200)
    _period(start, end)
    weights, thresholds = _settings(weights, thresholds)
    townships, powers = _scope(county, townships, powers)
    round_ = Round.objects.create(
        county=county,
        title=title,
        start=start,
        end=end,
        weights=weights,
        thresholds=thresholds,
        created_by=by,
    )
    round_.townships.set(townships)
    round_.powers.set(powers)
    after = model_state(round_, FIELDS)
    after["scope"] = _scope_text(townships, powers)
    record_change(round_, action="create", actor=by, after=after)
    return round_


def _scope_text(townships, powers) -> str:
    towns = "、".join(t.name for t in townships) or "全部乡镇(街道)"
    items = "、".join(p.code for p in powers) or "承接的全部事项"
    return f"{towns};{items}"


@transaction.atomic
def round_update(
    *,
    by,
    round_: Round,
    title: str,
    start: date,
    end: date,
    townships=(),
    powers=(),
    weights: dict | None = None,
    thresholds: dict | None = None,
) -> Round:
    """Change a round's name, period, scope, weights and thresholds while it is a draft
    (the weights and thresholds also while collecting inputs)."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    require_office(by, round_)
    _require_status(round_, S.DRAFT, S.COLLECTING, doing="修改")
    title = _text(title, label="评估名称", field="title", limit=200)
    _period(start, end)
    weights, thresholds = _settings(weights, thresholds)
    townships, powers = _scope(round_.county, townships, powers)
    old_scope = _scope_text(round_.townships.all(), round_.powers.all())
    new_scope = _scope_text(townships, powers)
    if round_.status != S.DRAFT and (
        (title, start, end, new_scope) != (round_.title, round_.start, round_.end, old_scope)
    ):
        raise ValidationError({"status": "状态:征集意见后只能修改指标权重和建议规则阈值"})
    before = model_state(round_, FIELDS)
    before["scope"] = old_scope
    round_.title, round_.start, round_.end = title, start, end
    round_.weights, round_.thresholds = weights, thresholds
    round_.save()
    round_.townships.set(townships)
    round_.powers.set(powers)
    after = model_state(round_, FIELDS)
    after["scope"] = new_scope
    before, after = diff_states(before, after)
    if after:
        record_change(round_, action="update", actor=by, before=before, after=after)
    return round_


def _set_status(round_: Round, status: str, *, by, action: str, reason: str = "") -> None:
    before = round_.status
    round_.status = status
    round_.save(update_fields=["status", "computed_at", "skipped"])
    record_change(
        round_,
        action=action,
        actor=by,
        before={"status": before},
        after={"status": status},
        reason=reason,
    )


def _link(round_: Round) -> str:
    return reverse("evaluation:round_detail", args=[round_.pk])


@transaction.atomic
def round_open(*, by, round_: Round) -> Round:
    """Open the round for input: the townships of its scope fill their self-assessment and
    the county's departments their opinion (each told by a notice)."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    require_office(by, round_)
    _require_status(round_, S.DRAFT, doing="开始征集")
    _set_status(round_, S.COLLECTING, by=by, action="open")
    townships = list(round_townships(round_).values_list("pk", flat=True))
    departments = Department.objects.filter(division_id=round_.county_id).values_list(
        "pk", flat=True
    )
    notify(
        unit_users(townships=townships, departments=list(departments)),
        kind=Notice.Kind.EVALUATION_INPUT,
        title=f"请填报评估意见:{round_.title}",
        body=(
            f"评估期 {round_.start:%Y-%m-%d} 至 {round_.end:%Y-%m-%d}。乡镇(街道)请填报所承接事项的"
            "承接能力自评(可申请退回或新增事项);县直部门请填报本部门事项的意见。"
        ),
        link=_link(round_),
    )
    return round_


def _collecting(round_: Round) -> None:
    _require_status(round_, S.COLLECTING, doing="填报")


def _level(value, *, label: str, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValidationError({field: f"{label}:应为1至5的整数"})
    return value


def _record_form(obj, created: bool, before: dict, *, by, fields) -> None:
    after = model_state(obj, fields)
    if created:
        record_change(obj, action="create", actor=by, after=after)
        return
    before, after = diff_states(before, after)
    if after:
        record_change(obj, action="update", actor=by, before=before, after=after)


ASSESSMENT_FIELDS = ("staff", "equipment", "difficulty", "need", "ask_return", "ask_add", "note")


@transaction.atomic
def assessment_save(
    *,
    by,
    round_: Round,
    power: Power,
    staff: int,
    equipment: int,
    difficulty: int,
    need: int,
    ask_return: bool = False,
    ask_add: bool = False,
    note: str = "",
) -> SelfAssessment:
    """A township clerk's self-assessment of one item for their own township: an item it
    holds (it may ask to return it) or one it lacks (then it requests it: ask_add)."""
    if not is_township_clerk(by):
        raise Forbidden("只有乡镇(街道)经办人可以填报承接能力自评")
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_townships(round_).filter(pk=by.township_id).exists():
        raise Forbidden("本乡镇(街道)不在该评估范围内")
    _collecting(round_)
    if isinstance(staff, bool) or not isinstance(staff, int) or not 0 <= staff <= 1000:
        raise ValidationError({"staff": "承办人员数:应为0至1000的整数"})
    equipment = _level(equipment, label="装备条件", field="equipment")
    difficulty = _level(difficulty, label="承接难度", field="difficulty")
    need = _level(need, label="基层需要程度", field="need")
    note = _text(note, label="说明", field="note", limit=500, required=False)
    held = power.pk in {p.pk for p in township_held(round_, by.township_id)}
    if ask_return and ask_add:
        raise ValidationError({"ask_add": "申请新增赋权:不能同时申请退回和新增"})
    if held and ask_add:
        raise ValidationError({"ask_add": f"申请新增赋权:本乡镇已承接 {power.code}"})
    if not held:
        county = round_.county
        owner = power.owner.code
        if not (owner.startswith(code_prefix(county)) or owner in ancestor_codes(county)):
            raise ValidationError({"power": "事项:不是本县可赋权的事项"})
        if not ask_add:
            raise ValidationError(
                {"power": f"事项:本乡镇在评估期内未承接 {power.code},只能申请新增赋权"}
            )
    if (ask_add or ask_return) and not note:
        raise ValidationError({"note": "说明:申请退回或新增时应说明理由"})
    row, created = SelfAssessment.objects.get_or_create(
        round=round_, township_id=by.township_id, power=power
    )
    before = model_state(row, ASSESSMENT_FIELDS)
    row.staff, row.equipment, row.difficulty, row.need = staff, equipment, difficulty, need
    row.ask_return, row.ask_add, row.note = bool(ask_return), bool(ask_add), note
    row.updated_by, row.updated_at = by, timezone.now()
    row.save()
    _record_form(row, created, before, by=by, fields=ASSESSMENT_FIELDS)
    return row


OPINION_FIELDS = ("rating", "suggestion", "note")


@transaction.atomic
def opinion_save(
    *, by, round_: Round, power: Power, rating: int, suggestion: str, note: str = ""
) -> Opinion:
    """A department clerk's opinion on one of the department's items in the round."""
    if not is_department_clerk(by):
        raise Forbidden("只有县直部门经办人可以填报部门意见")
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if power.department_id != by.department_id:
        raise Forbidden("只能对本部门的事项填报意见")
    _collecting(round_)
    if power.pk not in {p.pk for p in department_items(round_, by.department_id)}:
        raise ValidationError({"power": f"事项:{power.code} 不在本轮评估范围内"})
    rating = _level(rating, label="乡镇承接效果评价", field="rating")
    if suggestion not in Opinion.Suggestion.values:
        raise ValidationError({"suggestion": "处理意见:应为保留、调整主责单位或收回县级"})
    note = _text(note, label="说明", field="note", limit=500, required=False)
    if suggestion != Opinion.Suggestion.KEEP and not note:
        raise ValidationError({"note": "说明:建议调整或收回时应说明理由"})
    row, created = Opinion.objects.get_or_create(
        round=round_, power=power, defaults={"department_id": by.department_id}
    )
    before = model_state(row, OPINION_FIELDS)
    row.rating, row.suggestion, row.note = rating, suggestion, note
    row.updated_by, row.updated_at = by, timezone.now()
    row.save()
    _record_form(row, created, before, by=by, fields=OPINION_FIELDS)
    return row


@transaction.atomic
def rating_save(
    *, by, round_: Round, township: Division, power: Power, score, respondents: int
) -> PublicRating:
    """The office records the public rating of an item in a township (a survey's result)."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    require_office(by, round_)
    _require_status(round_, S.COLLECTING, doing="录入群众评价")
    if not round_townships(round_).filter(pk=township.pk).exists():
        raise ValidationError({"township": f"乡镇(街道):{township.name}不在评估范围内"})
    try:
        score = Decimal(str(score)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"score": "满意度得分:应为0至100的数"}) from None
    if not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
        raise ValidationError({"score": "满意度得分:应为0至100的数"})
    if isinstance(respondents, bool) or not isinstance(respondents, int) or respondents < 1:
        raise ValidationError({"respondents": "参评人数:应为正整数"})
    if power.pk not in {p.pk for p in township_held(round_, township.pk)}:
        raise ValidationError({"power": f"事项:{township.name}在评估期内未承接 {power.code}"})
    row, created = PublicRating.objects.get_or_create(
        round=round_,
        township=township,
        power=power,
        defaults={"score": score, "respondents": respondents},
    )
    before = model_state(row, ("score", "respondents"))
    row.score, row.respondents = score, respondents
    row.save()
    _record_form(row, created, before, by=by, fields=("score", "respondents"))
    return row


@transaction.atomic
def ratings_import(*, by, round_: Round, path, file_name: str, warnings: list | None = None) -> int:
    """Public ratings from a sheet (`ratings_import.py`), all or nothing: every row must name
    a township of the round's scope and an item it holds in the period; any problem refuses
    the whole file (ValidationError listing each, naming row and column) and writes nothing.
    Each row then goes through `rating_save` (history as for the form). Returns the rows."""
    from quanze.evaluation.rounds import ratings_import as sheet

    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    require_office(by, round_)
    _require_status(round_, S.COLLECTING, doing="导入群众评价")
    try:
        rows = sheet.parse(sheet.read_rows(path, file_name, warnings))
    except sheet.RatingsRejected as rejected:
        raise ValidationError(rejected.problems) from None
    townships = {t.name: t for t in round_townships(round_)}
    held: dict[int, dict[str, Power]] = {}
    problems, checked = [], []
    for row in rows:
        town = townships.get(row.township)
        if town is None:
            problems.append(
                f"第{row.number}行第{row.where['township']}列「乡镇(街道)」:"
                f"{row.township}不在评估范围内"
            )
            continue
        if town.pk not in held:
            held[town.pk] = {p.code: p for p in township_held(round_, town.pk)}
        power = held[town.pk].get(row.code)
        if power is None:
            problems.append(
                f"第{row.number}行第{row.where['code']}列「事项编码」:"
                f"{town.name}在评估期内未承接 {row.code}"
            )
            continue
        checked.append((row, town, power))
    if problems:
        raise ValidationError(problems)
    for row, town, power in checked:
        rating_save(
            by=by, round_=round_, township=town, power=power, score=row.score,
            respondents=row.respondents,
        )  # fmt: skip
    return len(checked)


def _months(round_: Round) -> int:
    days = (round_.end - round_.start).days + 1
    return max(1, round(days / 30.44))


def _item_facts(m: indicators.Measured, round_: Round) -> list[rules.ItemFacts]:
    by_item: dict[int, list[indicators.Pair]] = defaultdict(list)
    for pair in m.pairs.values():
        by_item[pair.power_id].append(pair)
    worst: dict[int, rules.Matter] = {}
    primaries = matter_primaries(round_.county, {matter_id for _p, matter_id in m.matters})
    for (power_id, matter_id), (rated, satisfied, name) in m.matters.items():
        if not rated:
            continue
        current = worst.get(power_id)
        if current is None or satisfied * current.rated < current.satisfied * rated:
            primary = primaries.get(matter_id)
            worst[power_id] = rules.Matter(matter_id, name, rated, satisfied, primary)
    prefix = code_prefix(round_.county)
    owners = dict(
        Division.objects.filter(
            pk__in={info["owner_id"] for info in m.powers.values()}
        ).values_list("pk", "code")
    )
    # a return is only of a township whose published list holds the item now
    holding = list_holdings(list({t for t, _p in m.pairs}), list(by_item))
    in_catalog = catalogued(round_.county, by_item)
    out = []
    for power_id, pairs in sorted(by_item.items(), key=lambda kv: m.powers[kv[0]]["code"]):
        info = m.powers[power_id]
        out.append(
            rules.ItemFacts(
                power_id=power_id,
                name=info["name"],
                county_owned=owners[info["owner_id"]].startswith(prefix),
                department_id=info["department_id"],
                held=len(pairs),
                exercised=sum(p.exercised for p in pairs),
                holding=frozenset(
                    p.township_id for p in pairs if (p.township_id, power_id) in holding
                ),
                in_catalog=power_id in in_catalog,
                cases=sum(p.cases for p in pairs),
                rated=sum(p.rated for p in pairs),
                satisfied=sum(p.satisfied for p in pairs),
                worst_matter=worst.get(power_id),
                asked_return=tuple(
                    (p.township_id, m.townships.get(p.township_id, ""), p.exercised)
                    for p in pairs
                    if p.asked_return
                ),
                declined=sum(p.declined for p in pairs),
                opinion=m.opinions.get(power_id, ""),
            )
        )
    return out


def proposals_for(m: indicators.Measured, round_: Round) -> tuple[list[rules.Draft], list[str]]:
    """The rules applied to every item of the round and to the add requests: the proposals
    and the lines of the requests not proposed. The catalog and list facts an add needs are
    read as the adjustment's validation reads them (`guiding_version`,
    `township_list_holders`), so a proposal is one opening accepts."""
    months = _months(round_)
    partial = round_.townships.exists()
    drafts, skipped = [], []
    for item in _item_facts(m, round_):
        drafts += rules.item_proposals(item, round_.thresholds, months=months, partial=partial)
    county = round_.county
    powers = Power.objects.in_bulk(m.add_requests)
    for power_id, townships in sorted(m.add_requests.items()):
        info, power = m.powers[power_id], powers[power_id]
        request = rules.AddRequest(
            power_id,
            f"{info['code']}「{info['name']}」",
            info["department_id"],
            tuple(townships),
            in_catalog=guiding_version(county, power) is not None,
            holding=frozenset(t.pk for t in township_list_holders(county, power)),
        )
        added, not_added = rules.add_proposals(request, round_.thresholds)
        drafts += added
        skipped += not_added
    return drafts, skipped


INDICATOR_FIELDS = [
    "round", "township", "power", "held", "exercised", "cases", "dispatched", "in_time",
    "resolved", "rated", "satisfied", "sent_back", "disputes", "disputes_lost", "corrected",
    "close_hours", "declined", "certified", "capacity", "asked_return", "opinion", "public",
    "score",
]  # fmt: skip


@transaction.atomic
def round_compute(*, by, round_: Round) -> Round:
    """Measure every indicator, score the pairs, reach the proposals; the office is told.
    Computing again replaces the indicators and proposals, while none is decided."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    require_office(by, round_)
    _require_status(round_, S.COLLECTING, S.COMPUTED, doing="测算")
    if round_.proposals.exclude(status=Proposal.Status.PROPOSED).exists():
        raise ValidationError({"status": "状态:已有建议审定,不能重新测算"})
    m = indicators.measure(round_)
    weights = round_.weights or DEFAULT_WEIGHTS
    Indicator.objects.filter(round=round_).delete()
    # Plain rows through core.bulk (COPY on PostgreSQL): a province round writes hundreds
    # of thousands, and bulk_create's per-value compiling cost more than the rest of the
    # compute together (about 90% of it at 46,000 rows).
    bulk.insert_rows(
        Indicator,
        [
            [round_.pk, p.township_id, p.power_id, True, p.exercised, p.cases, p.dispatched,
             p.in_time, p.resolved, p.rated, p.satisfied, p.sent_back, p.disputes,
             p.disputes_lost, p.corrected, p.close_hours, p.declined, p.certified, p.capacity,
             p.asked_return, p.opinion, p.public, indicators.score(p, weights)]
            for p in m.pairs.values()
        ],
        INDICATOR_FIELDS,
    )  # fmt: skip
    round_.proposals.all().delete()
    drafts, round_.skipped = proposals_for(m, round_)
    Proposal.objects.bulk_create(
        Proposal(
            round=round_,
            kind=d.kind.value,
            power_id=d.power_id,
            township_id=d.township_id,
            unit_id=d.unit_id,
            matter_id=d.matter_id,
            reason=d.reason[:300],
            facts=d.facts,
        )
        for d in drafts
    )
    round_.computed_at = timezone.now()
    counts = defaultdict(int)
    for d in drafts:
        counts[Proposal.KIND_LABELS[d.kind]] += 1
    summary = ";".join(f"{k} {n} 条" for k, n in counts.items())
    if round_.skipped:
        summary = f"{summary or '无'};未提出 {len(round_.skipped)} 条(见评估页)"
    _set_status(
        round_,
        S.COMPUTED,
        by=by,
        action="compute",
        reason=f"{len(m.pairs)} 个乡镇×事项;建议:{summary or '无'}",
    )
    notify(
        county_users(round_.county_id, User.Role.ESTABLISHMENT_OFFICE),
        kind=Notice.Kind.EVALUATION_COMPUTED,
        title=f"评估测算完成:{round_.title}",
        body=f"共测算 {len(m.pairs)} 个乡镇×事项;建议:{summary or '无'}。请审定建议。",
        link=_link(round_),
    )
    return round_


@transaction.atomic
def proposal_decide(*, by, proposal: Proposal, accept: bool, reason: str) -> Proposal:
    """The office accepts or rejects a proposal with a reason; the units concerned are told."""
    proposal = (
        Proposal.objects.select_for_update().select_related("round", "power").get(pk=proposal.pk)
    )
    round_ = proposal.round
    require_office(by, round_)
    _require_status(round_, S.COMPUTED, doing="审定建议")
    reason = _text(reason, label="审定意见", field="reason", limit=500)
    if proposal.status != Proposal.Status.PROPOSED:
        raise ValidationError({"status": "状态:该建议已审定"})
    proposal.status = Proposal.Status.ACCEPTED if accept else Proposal.Status.REJECTED
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    proposal.decision_reason = reason
    proposal.save()
    record_change(
        proposal,
        action="accept" if accept else "reject",
        actor=by,
        before={"status": Proposal.Status.PROPOSED.value},
        after={"status": proposal.status},
        reason=reason,
    )
    townships = (
        [proposal.township_id]
        if proposal.township_id
        else list(
            round_.indicators.filter(power_id=proposal.power_id).values_list(
                "township_id", flat=True
            )
        )
    )
    departments = [d for d in (proposal.power.department_id, proposal.unit_id) if d]
    notify(
        unit_users(townships=townships, departments=departments),
        kind=Notice.Kind.EVALUATION_DECIDED,
        title=f"评估建议{proposal.get_status_display()}:{proposal.get_kind_display()} "
        f"{proposal.power.code}",
        body=f"{proposal.facts}\n审定意见:{reason}",
        link=_link(round_),
    )
    return proposal


@transaction.atomic
def round_close(*, by, round_: Round) -> Round:
    """Close a computed round once every proposal is decided."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    require_office(by, round_)
    _require_status(round_, S.COMPUTED, doing="结束")
    waiting = round_.proposals.filter(status=Proposal.Status.PROPOSED).count()
    if waiting:
        raise ValidationError({"status": f"状态:尚有 {waiting} 条建议未审定"})
    _set_status(round_, S.CLOSED, by=by, action="close")
    return round_


def round_origin(round_: Round) -> str:
    """How an adjustment project names the round it came from."""
    return f"evaluation.round:{round_.pk}"


@transaction.atomic
def adjustment_open(*, by, round_: Round, title: str = "") -> AdjustmentProject:
    """Open the adjustment project (动态调整立项) of the round's accepted proposals (keep
    excluded) through `adjustment.services.project_open`, and tell the units concerned.
    Refused, with nothing written, when the round has no accepted change or already has a
    project that is not cancelled."""
    round_ = Round.objects.select_for_update().select_related("county").get(pk=round_.pk)
    require_office(by, round_)
    _require_status(round_, S.COMPUTED, S.CLOSED, doing="发起动态调整")
    title = _text(title, label="项目名称", field="title", limit=200, required=False)
    existing = projects_from(round_origin(round_), round_.county_id).first()
    if existing is not None:
        raise ValidationError(
            {"round": f"评估:已据本评估发起动态调整项目「{existing.title}」,不能重复立项"}
        )
    specs = accepted_change_specs(round_)
    if not specs:
        raise ValidationError(
            {"round": f"评估:「{round_.title}」没有已采纳的调整建议(保留除外),无需发起动态调整"}
        )
    project = adjustment.project_open(
        actor=by,
        county=round_.county,
        title=title or f"{round_.title}动态调整",
        origin=round_origin(round_),
        changes=specs,
    )
    record_change(
        round_,
        action="adjustment_open",
        actor=by,
        after={"adjustment": project.pk, "changes": len(specs)},
        reason=project.title,
    )
    adjustment_notices.opened(project)
    return project
