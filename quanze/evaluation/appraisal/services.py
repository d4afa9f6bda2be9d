"""Writes of the two-way appraisal: validated, authorised, recorded in history, atomic.

The establishment office runs a round (create, edit and set its criteria while a draft,
open, close); opening it gives every township a sheet per county department and every
department a sheet per township and tells each unit; a unit fills only its own sheets
while the round is open; closing it tells every unit its results are out.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Forbidden, refuses_control_chars, validate_model
from quanze.core.history import diff_states, model_state, record_change
from quanze.core.notices import Kind, notify, unit_users
from quanze.evaluation.appraisal import rules
from quanze.evaluation.appraisal.defaults import DEFAULT_CRITERIA
from quanze.evaluation.appraisal.facts import FACTS
from quanze.evaluation.appraisal.models import AppraisalRound, Criterion, Direction, Score, Sheet
from quanze.org.models import Department, Division
from quanze.org.roles import is_department_clerk, is_office, is_township_clerk

ROUND_FIELDS = [
    "name",
    "period_start",
    "period_end",
    "due_on",
    "township_weight",
    "anonymous",
    "threshold",
]
OFFICE_ONLY = "只有本县(市、区)编办可以组织双向互评"
DRAFT_ONLY = "互评已开始评分,不能再修改设置和指标"
SCORER_ONLY = "只能以本单位身份填写本单位的互评表"
Status = AppraisalRound.Status


def require_office(by, round: AppraisalRound | None = None) -> None:
    if not is_office(by) or (round is not None and round.county_id != by.county_id):
        raise Forbidden(OFFICE_ONLY)


def require_draft(round: AppraisalRound) -> None:
    if round.status != Status.DRAFT:
        raise ValidationError({"status": f"状态:{DRAFT_ONLY}"})


def lock(round: AppraisalRound) -> AppraisalRound:
    return AppraisalRound.objects.select_for_update().get(pk=round.pk)


@transaction.atomic
@refuses_control_chars(AppraisalRound)
def round_create(*, by, **fields) -> AppraisalRound:
    """A draft round of the office's county with the default criteria."""
    require_office(by)
    round = AppraisalRound(county_id=by.county_id, created_by=by, **fields)
    round.name = (round.name or "").strip()
    validate_model(round)
    round.save()
    Criterion.objects.bulk_create(
        Criterion(
            round=round,
            direction=direction,
            name=name,
            fact=fact,
            power=power,
            weight=Decimal(weight),
            position=position,
        )
        for position, (direction, name, fact, power, weight) in enumerate(DEFAULT_CRITERIA)
    )
    record_change(round, action="create", actor=by, after=model_state(round, ROUND_FIELDS))
    return round


@transaction.atomic
@refuses_control_chars(AppraisalRound)
def round_update(*, by, round: AppraisalRound, **fields) -> AppraisalRound:
    require_office(by, round)
    round = lock(round)
    require_draft(round)
    before = model_state(round, ROUND_FIELDS)
    for name, value in fields.items():
        if name not in ROUND_FIELDS:
            raise ValidationError({name: f"{name}:不能修改"})
        setattr(round, name, value.strip() if isinstance(value, str) else value)
    validate_model(round)
    round.save()
    old, new = diff_states(before, model_state(round, ROUND_FIELDS))
    if new:
        record_change(round, action="update", actor=by, before=old, after=new)
    return round


@transaction.atomic
@refuses_control_chars(Criterion)
def criterion_add(*, by, round: AppraisalRound, direction: str, name: str, weight, fact="",
                  power="") -> Criterion:  # fmt: skip
    require_office(by, round)
    round = lock(round)
    require_draft(round)
    if direction not in Direction.values:
        raise ValidationError({"direction": "评价方向:请选择乡镇评部门或部门评乡镇"})
    if fact and (fact not in FACTS or FACTS[fact].direction != direction):
        raise ValidationError({"fact": "数据指标:该评价方向没有这项数据指标"})
    position = round.criteria.count()
    criterion = Criterion(
        round=round,
        direction=direction,
        name=(name or "").strip(),
        fact=fact or "",
        power=power or "",
        weight=weight,
        position=position,
    )
    validate_model(criterion)
    criterion.save()
    record_change(
        round,
        action="update",
        actor=by,
        after={"criterion_added": criterion.name, "weight": str(criterion.weight)},
    )
    return criterion


@transaction.atomic
def criterion_remove(*, by, criterion: Criterion) -> None:
    round = criterion.round
    require_office(by, round)
    round = lock(round)
    require_draft(round)
    record_change(
        round,
        action="update",
        actor=by,
        before={"criterion_removed": criterion.name, "weight": str(criterion.weight)},
    )
    criterion.delete()


def townships_of(county_id):
    return Division.objects.filter(parent_id=county_id, level=Division.Level.TOWNSHIP)


def departments_of(county_id):
    return Department.objects.filter(division_id=county_id)


@transaction.atomic
def round_open(*, by, round: AppraisalRound) -> AppraisalRound:
    """Every township gets a sheet per department and every department one per township;
    each unit that must score is told."""
    require_office(by, round)
    round = lock(round)
    require_draft(round)
    directions = set(round.criteria.values_list("direction", flat=True))
    for direction in Direction:
        if direction not in directions:
            raise ValidationError({"criteria": f"指标:“{direction.label}”至少要有一项指标"})
    townships = list(townships_of(round.county_id))
    departments = list(departments_of(round.county_id))
    if not townships or not departments:
        raise ValidationError({"county": "县(市、区):没有乡镇(街道)或部门,无法开展互评"})
    Sheet.objects.bulk_create(
        Sheet(round=round, direction=direction, township=township, department=department)
        for direction in Direction
        for township in townships
        for department in departments
    )
    round.status, round.opened_at = Status.OPEN, timezone.now()
    round.save(update_fields=["status", "opened_at"])
    record_change(
        round, action="update", actor=by, before={"status": "草稿"}, after={"status": "评分中"}
    )
    due = f",请于{round.due_on:%Y年%m月%d日}前提交" if round.due_on else ""
    notify(
        unit_users(departments=departments, townships=townships),
        kind=Kind.APPRAISAL_OPENED,
        title=f"{round.name}开始评分",
        body=f"请以本单位身份填写互评表{due}。",
        link=round.get_absolute_url(),
    )
    return round


@transaction.atomic
def round_close(*, by, round: AppraisalRound) -> AppraisalRound:
    require_office(by, round)
    round = lock(round)
    if round.status != Status.OPEN:
        raise ValidationError({"status": "状态:只有评分中的互评可以结束"})
    round.status, round.closed_at = Status.CLOSED, timezone.now()
    round.save(update_fields=["status", "closed_at"])
    pending = round.sheets.filter(submitted_at__isnull=True).count()
    record_change(
        round,
        action="update",
        actor=by,
        before={"status": "评分中"},
        after={"status": "已结束", "unsubmitted_sheets": pending},
    )
    notify(
        unit_users(
            departments=departments_of(round.county_id), townships=townships_of(round.county_id)
        ),
        kind=Kind.APPRAISAL_CLOSED,
        title=f"{round.name}结果已发布",
        body="可查看本单位得分、排名和各项指标明细。",
        link=round.get_absolute_url(),
    )
    return round


def require_scorer(by, sheet: Sheet) -> None:
    if sheet.direction == Direction.TOWNSHIP_SCORES:
        own = is_township_clerk(by) and by.township_id == sheet.township_id
    else:
        own = is_department_clerk(by) and by.department_id == sheet.department_id
    if not own:
        raise Forbidden(SCORER_ONLY)


@transaction.atomic
@refuses_control_chars(others="评语")
def sheet_submit(*, by, sheet: Sheet, scores: dict) -> Sheet:
    """Submit (or, while the round is open, resubmit) the sheet's form scores.

    `scores` maps each form criterion's id to {"score": …, "comment": …}; every form
    criterion needs a score 0–100. Nothing is saved when one is wrong."""
    require_scorer(by, sheet)
    sheet = Sheet.objects.select_for_update().select_related("round").get(pk=sheet.pk)
    if sheet.round.status != Status.OPEN:
        raise ValidationError({"status": "状态:互评不在评分中,不能填写"})
    criteria = list(sheet.round.criteria.filter(direction=sheet.direction, fact=""))
    unknown = set(map(str, scores)) - {str(c.pk) for c in criteria}
    errors, values = {}, {}
    if unknown:
        errors["scores"] = ["指标:有不属于本表的指标"]
    for criterion in criteria:
        given = scores.get(criterion.pk) or scores.get(str(criterion.pk)) or {}
        value, message = rules.score_error(criterion.name, given.get("score"))
        comment = str(given.get("comment") or "").strip()
        if message:
            errors[f"score_{criterion.pk}"] = [message]
        elif len(comment) > 500:
            errors[f"comment_{criterion.pk}"] = [f"「{criterion.name}」评语:最多500字"]
        else:
            values[criterion] = (value, comment)
    if errors:
        raise ValidationError(errors)
    before = {s.criterion.name: str(s.score) for s in sheet.scores.select_related("criterion")}
    sheet.scores.all().delete()
    Score.objects.bulk_create(
        Score(sheet=sheet, criterion=c, score=value, comment=comment)
        for c, (value, comment) in values.items()
    )
    sheet.submitted_at, sheet.submitted_by = timezone.now(), by
    sheet.save(update_fields=["submitted_at", "submitted_by"])
    after = {c.name: str(value) for c, (value, _) in values.items()}
    old, new = diff_states(before, after)
    record_change(sheet, action="update" if before else "create", actor=by, before=old, after=new)
    return sheet
