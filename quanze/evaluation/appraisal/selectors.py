"""Reads of the two-way appraisal and their access choke points.

Who sees what: the county's office and justice bureau everything of the county's rounds;
a department or township clerk the rounds once open, the sheets its unit fills (never the
sheets about it), and, once a round is closed, the ranking and its own unit's breakdown.
In an anonymous round the breakdown a department reads hides who scored it
(`rules.hides_scorers`): this module is the only way to the scores, so the pages, the API,
the export and the CLI cannot show more.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Q

from quanze.core.errors import Forbidden, NotFound
from quanze.evaluation.appraisal import facts, rules
from quanze.evaluation.appraisal.models import AppraisalRound, Criterion, Direction, Score, Sheet
from quanze.org.models import Department, Division
from quanze.org.roles import is_county_wide, is_department_clerk, is_township_clerk

Status = AppraisalRound.Status
T2D, D2T = Direction.TOWNSHIP_SCORES, Direction.DEPARTMENT_SCORES
KINDS = {"department": T2D, "township": D2T}  # the unit scored → the direction scoring it
RESULTS_AFTER_CLOSE = "互评结束后才能查看结果"


def is_clerk(user) -> bool:
    return is_department_clerk(user) or is_township_clerk(user)


def rounds_visible(user):
    if is_county_wide(user):
        return AppraisalRound.objects.filter(county_id=user.county_id)
    if is_clerk(user):
        return AppraisalRound.objects.filter(county_id=user.county_id).exclude(status=Status.DRAFT)
    return AppraisalRound.objects.none()


def access_round(user, pk: int) -> AppraisalRound:
    round = rounds_visible(user).filter(pk=pk).first()
    if round is None:
        raise NotFound("双向互评")
    return round


def access_criterion(user, pk: int) -> Criterion:
    criterion = (
        Criterion.objects.filter(pk=pk, round__in=rounds_visible(user))
        .select_related("round")
        .first()
    )
    if criterion is None:
        raise NotFound("互评指标")
    return criterion


def sheets_visible(user):
    """The office and the bureau: the county's sheets; a clerk: the sheets its unit fills."""
    if is_county_wide(user):
        return Sheet.objects.filter(round__county_id=user.county_id)
    if is_township_clerk(user):
        return Sheet.objects.filter(direction=T2D, township_id=user.township_id)
    if is_department_clerk(user):
        return Sheet.objects.filter(direction=D2T, department_id=user.department_id)
    return Sheet.objects.none()


def access_sheet(user, pk: int) -> Sheet:
    sheet = (
        sheets_visible(user)
        .select_related("round", "township", "department", "submitted_by")
        .filter(pk=pk)
        .first()
    )
    if sheet is None:
        raise NotFound("互评表")
    return sheet


def round_rows(user) -> list[dict]:
    """The rounds as rows for `core.listing` (sorted and filtered there)."""
    rounds = rounds_visible(user).annotate(
        sheet_count=Count("sheets"),
        submitted=Count("sheets", filter=Q(sheets__submitted_at__isnull=False)),
    )
    return [
        {
            "id": r.pk,
            "name": r.name,
            "period": f"{r.period_start:%Y-%m-%d} 至 {r.period_end:%Y-%m-%d}",
            "period_end": r.period_end.isoformat(),
            "status": r.get_status_display(),
            "status_code": r.status,
            "township_weight": r.township_weight,
            "anonymous": "是" if r.anonymous else "否",
            "progress": f"{r.submitted}/{r.sheet_count}" if r.sheet_count else "",
            "url": r.get_absolute_url(),
        }
        for r in rounds
    ]


def sheet_rows(user, *, round: AppraisalRound | None = None) -> list[dict]:
    sheets = sheets_visible(user).select_related("round", "township", "department")
    sheets = sheets.exclude(round__status=Status.DRAFT)
    if round is not None:
        sheets = sheets.filter(round=round)
    return [
        {
            "id": s.pk,
            "round": s.round.name,
            "scorer": str(s.scorer),
            "target": str(s.target),
            "direction": s.get_direction_display(),
            "state": "已提交" if s.submitted_at else "待填写",
            "round_state": s.round.get_status_display(),
            "submitted_at": s.submitted_at.strftime("%Y-%m-%d %H:%M") if s.submitted_at else "",
            "url": s.get_absolute_url(),
        }
        for s in sheets
    ]


def criteria_rows(round: AppraisalRound) -> list[dict]:
    """The round's criteria with their share of a unit's total and a fact's definition."""
    rows = []
    for direction in Direction:
        criteria = list(round.criteria.filter(direction=direction))
        share = unit_shares(round, criteria, direction)
        rows += [
            {
                "criterion": c,
                "share": share[c],
                "kind": "数据指标" if c.fact else "表单评分",
                "definition": facts.FACTS[c.fact].definition if c.fact else "",
            }
            for c in criteria
        ]
    return rows


def can_fill(user, sheet: Sheet) -> bool:
    if sheet.round.status != Status.OPEN:
        return False
    if sheet.direction == T2D:
        return is_township_clerk(user) and user.township_id == sheet.township_id
    return is_department_clerk(user) and user.department_id == sheet.department_id


def sheet_form_rows(sheet: Sheet, data=None) -> list[dict]:
    """The sheet's form criteria with the scores given (or just posted in `data`)."""
    given = {s.criterion_id: s for s in sheet.scores.all()}
    rows = []
    for c in sheet.round.criteria.filter(direction=sheet.direction, fact=""):
        saved = given.get(c.pk)
        if data is not None:
            score, comment = data.get(f"score_{c.pk}", ""), data.get(f"comment_{c.pk}", "")
        else:
            score = saved.score if saved else ""
            comment = saved.comment if saved else ""
        rows.append({"criterion": c, "score": score, "comment": comment})
    return rows


def pending_sheets(user):
    """The sheets the user's unit still has to submit in open rounds (the workbench)."""
    if not is_clerk(user):
        return Sheet.objects.none()
    return sheets_visible(user).filter(round__status=Status.OPEN, submitted_at__isnull=True)


# ---- results -------------------------------------------------------------------------------


@dataclass
class CriterionResult:
    criterion: Criterion
    share: Decimal  # % of the unit's total
    score: Decimal | None
    count: int = 0  # form scores submitted
    source: str = ""  # a fact's numbers

    @property
    def definition(self) -> str:
        return facts.FACTS[self.criterion.fact].definition if self.criterion.fact else ""


@dataclass
class UnitResult:
    kind: str  # "department" | "township"
    unit_id: int
    name: str
    total: Decimal | None = None
    rank: int | None = None
    form_part: Decimal | None = None
    fact_part: Decimal | None = None
    criteria: list[CriterionResult] = field(default_factory=list)


def form_means(round: AppraisalRound, direction: str) -> dict[tuple[int, int], tuple]:
    """{(criterion id, target id): (mean, count)} of the submitted form scores, one query."""
    target = "sheet__department_id" if direction == T2D else "sheet__township_id"
    rows = (
        Score.objects.filter(
            sheet__round=round, sheet__direction=direction, sheet__submitted_at__isnull=False
        )
        .values("criterion_id", target)
        .annotate(avg=Avg("score"), n=Count("id"))
    )
    return {(r["criterion_id"], r[target]): (Decimal(str(r["avg"])), r["n"]) for r in rows}


def unit_shares(round: AppraisalRound, criteria: list[Criterion], direction: str) -> dict:
    if direction == D2T:
        return dict(zip(criteria, rules.shares([c.weight for c in criteria]), strict=True))
    forms = [c for c in criteria if not c.fact]
    fact_rows = [c for c in criteria if c.fact]
    form_shares, fact_shares = rules.department_shares(
        [c.weight for c in forms], [c.weight for c in fact_rows], round.township_weight
    )
    return dict(zip(forms + fact_rows, form_shares + fact_shares, strict=True))


def results(round: AppraisalRound, direction: str) -> list[UnitResult]:
    """Every unit scored in `direction`, ranked: a fixed number of queries whatever the size
    (the criteria, one per fact, one for the form means, the units)."""
    criteria = list(round.criteria.filter(direction=direction))
    figures = facts.figures(round, criteria)
    means = form_means(round, direction)
    share = unit_shares(round, criteria, direction)
    if direction == T2D:
        units = Department.objects.filter(division_id=round.county_id).order_by("name")
        kind = "department"
    else:
        units = Division.objects.filter(
            parent_id=round.county_id, level=Division.Level.TOWNSHIP
        ).order_by("code")
        kind = "township"
    out = []
    for unit in units:
        result = UnitResult(kind, unit.pk, unit.name)
        for c in criteria:
            if c.fact:
                figure = figures[c.pk].get(unit.pk)
                row = CriterionResult(
                    c, share[c], figure and figure.score, source=figure.source if figure else ""
                )
            else:
                mean, count = means.get((c.pk, unit.pk), (None, 0))
                row = CriterionResult(c, share[c], mean, count)
            result.criteria.append(row)
        forms = [(r.criterion.weight, r.score) for r in result.criteria if not r.criterion.fact]
        fact_pairs = [(r.criterion.weight, r.score) for r in result.criteria if r.criterion.fact]
        result.form_part = rules.weighted_mean(forms)
        result.fact_part = rules.weighted_mean(fact_pairs)
        if direction == T2D:
            result.total = rules.department_total(
                result.form_part, result.fact_part, round.township_weight
            )
        else:
            result.total = rules.weighted_mean(forms + fact_pairs)
        out.append(result)
    for result, rank in zip(out, rules.ranks([r.total for r in out]), strict=True):
        result.rank = rank
    return sorted(out, key=lambda r: (r.rank is None, r.rank or 0, r.name))


def require_results(user, round: AppraisalRound) -> None:
    """The office and the bureau follow the results as they come; units once closed."""
    if is_county_wide(user) and user.county_id == round.county_id:
        return
    if is_clerk(user) and round.status == Status.CLOSED:
        return
    raise Forbidden(RESULTS_AFTER_CLOSE)


def round_results(user, round: AppraisalRound) -> dict[str, list[UnitResult]]:
    """{"department": ranked results, "township": ranked results}."""
    require_results(user, round)
    return {kind: results(round, direction) for kind, direction in KINDS.items()}


def own_unit(user, kind: str, unit_id: int) -> bool:
    if kind == "department":
        return is_department_clerk(user) and user.department_id == unit_id
    return is_township_clerk(user) and user.township_id == unit_id


def unit_result(user, round: AppraisalRound, kind: str, unit_id: int) -> dict:
    """One unit's breakdown: its result and the form scores given to it, through the
    anonymity rule. A clerk reads only its own unit's."""
    if kind not in KINDS or not (is_county_wide(user) or own_unit(user, kind, unit_id)):
        raise NotFound("互评结果")
    require_results(user, round)
    direction = KINDS[kind]
    found = next((r for r in results(round, direction) if r.unit_id == unit_id), None)
    if found is None:
        raise NotFound("互评结果")
    return {"result": found, "scores": scores_given(user, round, direction, unit_id)}


def scores_given(user, round: AppraisalRound, direction: str, unit_id: int) -> list[dict]:
    """The submitted form scores given to one unit, as rows without ids. When the reader is
    the department scored in an anonymous round with a score below the threshold, no row
    carries its scorer and the rows are ordered by criterion, score and comment only, so
    they read the same whichever township gave which score."""
    target = (
        {"sheet__department_id": unit_id} if direction == T2D else {"sheet__township_id": unit_id}
    )
    scores = list(
        Score.objects.filter(
            sheet__round=round,
            sheet__direction=direction,
            sheet__submitted_at__isnull=False,
            **target,
        ).select_related("criterion", "sheet__township", "sheet__department")
    )
    hide = (
        direction == T2D
        and not is_county_wide(user)
        and rules.hides_scorers(
            [s.score for s in scores], anonymous=round.anonymous, threshold=round.threshold
        )
    )
    rows = [
        {
            "position": s.criterion.position,
            "criterion": s.criterion.name,
            "score": s.score,
            "comment": s.comment,
            "scorer": None if hide else str(s.sheet.scorer),
        }
        for s in scores
    ]
    return sorted(rows, key=lambda r: (r["position"], r["score"], r["comment"], r["scorer"] or ""))
