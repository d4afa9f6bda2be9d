"""Delegation projects and the assessment of their items (issue 3 items 1-2)."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.catalog.models import CatalogEntry, CatalogVersion
from quanze.core.errors import Conflict, refuses_control_chars, validate_model
from quanze.core.history import (
    change_record,
    diff_states,
    model_state,
    record_change,
    record_changes,
)
from quanze.delegation.eventlog.services import event, log, log_many
from quanze.delegation.permissions import require_office
from quanze.delegation.projects import rules
from quanze.delegation.projects.models import (
    AssessmentCriterion,
    AssessmentRule,
    DelegationProject,
    ItemAssessment,
    ItemClass,
)
from quanze.org.models import Division, User
from quanze.org.roles import code_prefix

Stage = DelegationProject.Stage
STAGE_ORDER = list(Stage.values)
DEFAULT_CRITERIA = [
    ("difficulty", "专业技术要求", "需要专门技术、检测设备或专业资格的程度", Decimal("2")),
    ("difficulty", "办案程序复杂程度", "调查取证、听证、强制措施等程序的复杂程度", Decimal("1")),
    ("difficulty", "人员装备要求", "乡镇现有执法力量和装备能否满足", Decimal("1")),
    ("necessity", "基层发生频次", "该类事项在乡镇(街道)发生的频繁程度", Decimal("1")),
    ("necessity", "属地管理便利性", "由乡镇就近处置对群众和管理的便利程度", Decimal("1")),
]
RULE_FIELDS = [
    "flags_exclude",
    "not_recommended_below",
    "batch1_min_necessity",
    "batch1_max_difficulty",
    "batch2_min_necessity",
    "batch2_max_difficulty",
]
ITEM_FIELDS = [
    "scores",
    "difficulty",
    "necessity",
    "technical",
    "technical_reason",
    "dispute_prone",
    "dispute_prone_reason",
    "risk_shifting",
    "risk_shifting_reason",
    "proposed_class",
    "final_class",
    "override_reason",
    "note",
]


@transaction.atomic
@refuses_control_chars(name="项目名称", note="说明")
def project_create(
    *,
    by,
    county: Division,
    name: str,
    catalog_version: CatalogVersion,
    townships,
    started_on: date,
    due_on: date | None = None,
    note: str = "",
) -> DelegationProject:
    """Open a project over a published catalog version: one assessment row per entry."""
    require_office(by, county.pk)
    townships = list(townships)
    errors = {}
    if catalog_version.status != CatalogVersion.Status.PUBLISHED:
        errors["catalog_version"] = "目录版本:只能对已发布的目录版本开展赋权"
    prefix = code_prefix(county)
    outside = [t.name for t in townships if not (t.is_township and t.code.startswith(prefix))]
    if outside:
        errors["townships"] = f"涉及乡镇(街道):{'、'.join(outside)}不是本县的乡镇(街道)"
    if not townships:
        errors["townships"] = "涉及乡镇(街道):至少选择一个乡镇(街道)"
    if not name.strip():
        errors["name"] = "项目名称:不能为空"
    elif DelegationProject.objects.filter(county=county, name=name.strip()).exists():
        errors["name"] = "项目名称:本县已有同名赋权项目"
    if due_on and due_on < started_on:
        errors["due_on"] = "计划完成日期:不能早于开始日期"
    if errors:
        raise ValidationError(errors)
    project = DelegationProject.objects.create(
        county=county,
        name=name.strip(),
        catalog_version=catalog_version,
        owner=by if by is not None else _system_owner(county),
        started_on=started_on,
        due_on=due_on,
        note=note,
    )
    project.townships.set(townships)
    AssessmentRule.objects.create(project=project, updated_by=by)
    AssessmentCriterion.objects.bulk_create(
        AssessmentCriterion(project=project, axis=a, name=n, guidance=g, weight=w, position=i)
        for i, (a, n, g, w) in enumerate(DEFAULT_CRITERIA)
    )
    entries = CatalogEntry.objects.filter(version=catalog_version).order_by("position")
    ItemAssessment.objects.bulk_create(
        [
            ItemAssessment(
                project=project,
                entry_id=e.pk,
                power_id=e.power_id,
                position=e.position,
                proposed_class=ItemClass.PENDING,
                final_class=ItemClass.PENDING,
            )
            for e in entries.only("pk", "power_id", "position")
        ],
        batch_size=1000,
    )
    after = model_state(project) | {"townships": len(townships)}
    record_change(project, action="create", actor=by, after=after)
    log(
        project,
        project=project,
        by=by,
        from_state="",
        to_state=project.stage,
        reason="新建赋权项目",
    )
    return project


def _system_owner(county):
    owner = User.objects.filter(county=county, role=User.Role.ESTABLISHMENT_OFFICE).first()
    if owner is None:
        raise ValidationError("负责人:本县还没有编办用户")
    return owner


@transaction.atomic
def next_stage(stage: str) -> str | None:
    """The stage after `stage` (None after the last): the only one a project may move to."""
    position = STAGE_ORDER.index(stage) + 1
    return STAGE_ORDER[position] if position < len(STAGE_ORDER) else None


@refuses_control_chars(reason="理由")
def project_advance(*, by, project: DelegationProject, to: str, reason: str = ""):
    """Move the project to the next stage; stages never go back and none is skipped."""
    require_office(by, project)
    project = DelegationProject.objects.select_for_update().get(pk=project.pk)
    if to not in STAGE_ORDER:
        raise ValidationError(f"阶段:没有“{to}”这个阶段")
    if STAGE_ORDER.index(to) <= STAGE_ORDER.index(project.stage):
        raise ValidationError(
            f"项目当前处于“{project.get_stage_display()}”阶段,不能改为“{Stage(to).label}”"
        )
    following = next_stage(project.stage)
    if to != following:
        raise ValidationError(
            f"阶段:项目当前处于“{project.get_stage_display()}”阶段,"
            f"只能推进到下一阶段“{Stage(following).label}”,不能跳过"
        )
    before = project.stage
    project.stage = to
    fields = ["stage", "row_version"]
    if to == Stage.CLOSED:
        project.closed_on = timezone.localdate()
        fields.append("closed_on")
    project.row_version += 1
    project.save(update_fields=fields)
    record_change(project, action="update", actor=by, before={"stage": before}, after={"stage": to})
    log(project, project=project, by=by, from_state=before, to_state=to, reason=reason)
    return project


def parse_score(value, label: str) -> Decimal | None:
    """A 0-5 score from a form or API value (None when empty); the error names `label`."""
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError(f"{label}:“{value}”不是数字") from None
    if not Decimal("0") <= number <= Decimal("5"):
        raise ValidationError(f"{label}:应在 0 到 5 分之间,现为 {number}")
    return number


@transaction.atomic
@refuses_control_chars(name="评分项", guidance="评分说明")
def criterion_save(
    *, by, project, axis: str, name: str, weight, guidance: str = "", criterion=None
) -> AssessmentCriterion:
    """Add or change one scoring criterion; every item's indices follow its new weight."""
    require_office(by, project)
    target = criterion or AssessmentCriterion(project=project, position=project.criteria.count())
    before = model_state(target) if criterion else {}
    target.axis, target.name, target.guidance = axis, name.strip(), guidance
    try:
        target.weight = Decimal(str(weight))
    except InvalidOperation:
        raise ValidationError({"weight": f"权重:“{weight}”不是数字"}) from None
    validate_model(target, exclude=["project"])
    target.save()
    record_change(
        target,
        action="update" if criterion else "create",
        actor=by,
        before=before,
        after=model_state(target),
    )
    _recompute(project, by=by, reason=f"评估标准调整:{target}")
    return target


@transaction.atomic
@refuses_control_chars(reason="调整理由")
def rule_update(*, by, project, expected_row_version: int, reason: str = "", **values):
    """Adjust the class-proposal rule; every item not overridden follows the new proposal."""
    require_office(by, project)
    rule = AssessmentRule.objects.select_for_update().get(project=project)
    if rule.row_version != expected_row_version:
        raise Conflict("分类规则已被他人修改,请刷新后重试")
    before = model_state(rule, RULE_FIELDS)
    for name in RULE_FIELDS[1:]:
        if name in values:
            label = str(AssessmentRule._meta.get_field(name).verbose_name)
            setattr(rule, name, parse_score(values[name], label))
    if "flags_exclude" in values:
        rule.flags_exclude = bool(values["flags_exclude"])
    errors = {}
    for name in RULE_FIELDS[1:]:
        if getattr(rule, name) is None:
            errors[name] = f"{AssessmentRule._meta.get_field(name).verbose_name}:不能为空"
    if not errors and rule.batch1_min_necessity < rule.batch2_min_necessity:
        errors["batch1_min_necessity"] = "第一批:必要性门槛不应低于第二批"
    if not errors and rule.batch1_max_difficulty > rule.batch2_max_difficulty:
        errors["batch1_max_difficulty"] = "第一批:难度上限不应高于第二批"
    if errors:
        raise ValidationError(errors)
    rule.updated_by = by if by is not None and by.is_authenticated else None
    rule.row_version += 1
    rule.save()
    old, new = diff_states(before, model_state(rule, RULE_FIELDS))
    record_change(rule, action="update", actor=by, before=old, after=new, reason=reason)
    _recompute(project, by=by, reason=reason or "分类规则调整")
    return rule


def _recompute(project, *, by, reason: str) -> int:
    """Recompute indices and proposals of every item; returns how many changed class."""
    rule = AssessmentRule.objects.get(project=project)
    weights = criterion_weights(project)
    items = list(ItemAssessment.objects.filter(project=project))
    changed, records, events = [], [], []
    for item in items:
        before = model_state(item, ITEM_FIELDS)
        old_class = item.final_class
        compute_indices(item, weights)
        classify(item, rule)
        old, new = diff_states(before, model_state(item, ITEM_FIELDS))
        if new:
            item.row_version += 1
            changed.append(item)
            records.append(
                change_record(item, action="update", actor=by, before=old, after=new, reason=reason)
            )
        if item.final_class != old_class:
            events.append(
                event(
                    item,
                    project=project,
                    by=by,
                    from_state=old_class,
                    to_state=item.final_class,
                    reason=reason,
                )
            )
    fields = ["difficulty", "necessity", "proposed_class", "final_class", "row_version"]
    ItemAssessment.objects.bulk_update(changed, fields, batch_size=500)
    record_changes(records)
    log_many(events)
    return len(events)


def criterion_weights(project) -> dict[str, dict[int, Decimal]]:
    """Each axis's criteria of the project, criterion id -> weight."""
    weights = {"difficulty": {}, "necessity": {}}
    for c in project.criteria.all():
        weights[c.axis][c.pk] = c.weight
    return weights


def compute_indices(item, weights) -> None:
    """Indices from the criterion scores when the item has any; else kept as entered."""
    scores = {int(k): v for k, v in (item.scores or {}).items()}
    for axis in ("difficulty", "necessity"):
        axis_scores = {k: v for k, v in scores.items() if k in weights[axis]}
        if axis_scores:
            setattr(item, axis, rules.weighted_index(axis_scores, weights[axis]))


def classify(item, rule) -> None:
    """Propose the item's class by the rule; an item not overridden follows the proposal."""
    following = item.final_class == item.proposed_class or not item.override_reason
    item.proposed_class = rules.propose_class(
        rule, difficulty=item.difficulty, necessity=item.necessity, flags=rules.flags_of(item)
    )
    if following:
        item.final_class = item.proposed_class
        item.override_reason = ""
