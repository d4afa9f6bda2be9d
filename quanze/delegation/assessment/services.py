"""Scoring, flagging and classing one item (issue 3 item 2)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Conflict, messages_of, refuses_control_chars
from quanze.core.history import diff_states, model_state, record_change
from quanze.delegation.eventlog.services import log
from quanze.delegation.permissions import require_office
from quanze.delegation.projects import rules
from quanze.delegation.projects.models import (
    AssessmentRule,
    DelegationProject,
    ItemAssessment,
    ItemClass,
)
from quanze.delegation.projects.services import (
    ITEM_FIELDS,
    classify,
    compute_indices,
    criterion_weights,
    parse_score,
)

UNSET = object()


def _scores(project, scores: dict) -> dict[str, str]:
    """Criterion scores keyed by criterion id (as text, for JSON), each 0-5."""
    criteria = {c.pk: c for c in project.criteria.all()}
    clean = {}
    for key, value in scores.items():
        try:
            criterion = criteria[int(key)]
        except (KeyError, ValueError, TypeError):
            raise ValidationError({"scores": f"评分明细:评分项{key}不属于本项目"}) from None
        number = parse_score(value, f"评分·{criterion.name}")
        if number is not None:
            clean[str(criterion.pk)] = str(number)
    return clean


@transaction.atomic
@refuses_control_chars(flags="理由", override_reason="调整分类理由", note="备注")
def assessment_update(
    *,
    by,
    item: ItemAssessment,
    expected_row_version: int,
    scores: dict | None = None,
    difficulty=UNSET,
    necessity=UNSET,
    flags: dict[str, str] | None = None,
    final_class: str | None = None,
    override_reason: str = "",
    note=UNSET,
    at=None,
) -> ItemAssessment:
    """Save one item's assessment and class it.

    `flags` maps each raised do-not-delegate flag (technical, dispute_prone,
    risk_shifting) to its reason; flags not named are cleared. `final_class`
    None follows the rule's proposal; another class than proposed is an
    override and needs `override_reason`.
    """
    item = ItemAssessment.objects.select_for_update().select_related("project").get(pk=item.pk)
    project = item.project
    require_office(by, project)
    if project.stage == DelegationProject.Stage.CLOSED:
        raise ValidationError("赋权项目已结束,评估不能再修改")
    if item.row_version != expected_row_version:
        raise Conflict(f"事项“{item.power}”的评估已被他人修改,请刷新后重试")
    before = model_state(item, ITEM_FIELDS)
    old_class = item.final_class
    errors = {}
    if scores is not None:
        item.scores = _scores(project, scores)
    for axis, value in (("difficulty", difficulty), ("necessity", necessity)):
        if value is not UNSET:
            label = str(ItemAssessment._meta.get_field(axis).verbose_name)
            setattr(item, axis, parse_score(value, label))
    if flags is not None:
        for name, label in rules.FLAGS:
            reason = flags.get(name)
            raised = reason is not None
            setattr(item, name, raised)
            setattr(item, f"{name}_reason", (reason or "").strip() if raised else "")
            if raised and not (reason or "").strip():
                errors[f"{name}_reason"] = f"{label}的理由:标记“三不放”时必须写明理由"
    if note is not UNSET:
        item.note = note
    compute_indices(item, criterion_weights(project))
    rule = AssessmentRule.objects.get(project=project)
    item.override_reason = ""
    item.final_class = item.proposed_class
    classify(item, rule)
    if final_class is not None and final_class not in ItemClass.values:
        errors["final_class"] = f"分类:没有“{final_class}”这个分类"
    elif final_class is not None and final_class != item.proposed_class:
        if not override_reason.strip():
            errors["override_reason"] = (
                f"调整分类理由:规则建议“{ItemClass(item.proposed_class).label}”,"
                f"改为“{ItemClass(final_class).label}”须写明理由"
            )
        item.final_class = final_class
        item.override_reason = override_reason.strip()
    if errors:
        raise ValidationError(errors)
    item.assessed_by = by if by is not None and by.is_authenticated else None
    item.assessed_at = at or timezone.now()
    item.row_version += 1
    item.save()
    old, new = diff_states(before, model_state(item, ITEM_FIELDS))
    if new:
        record_change(
            item, action="update", actor=by, before=old, after=new, reason=override_reason
        )
    if item.final_class != old_class:
        reason = item.override_reason or "按分类规则建议"
        log(
            item,
            project=project,
            by=by,
            from_state=old_class,
            to_state=item.final_class,
            reason=reason,
        )
    return item


@transaction.atomic
def assessments_update_many(
    *,
    by,
    project: DelegationProject,
    versions: dict[int, int],
    difficulty=UNSET,
    necessity=UNSET,
    final_class: str | None = None,
    override_reason: str = "",
) -> list[ItemAssessment]:
    """批量评估: give the ticked items (id -> the row_version the page showed) the same
    scores and/or class, each through `assessment_update`, all or none. A class left
    empty keeps each item's own (its override too); an error names the item and nothing
    is saved."""
    require_office(by, project)
    if not versions:
        raise ValidationError("批量评估:请先勾选事项")
    if difficulty is UNSET and necessity is UNSET and final_class is None:
        raise ValidationError("批量评估:请填写难度指数、必要性或分类中的至少一项")
    items = {i.pk: i for i in project.items.select_related("power").filter(pk__in=list(versions))}
    done = []
    for pk, version in versions.items():
        item = items.get(pk)
        if item is None:
            raise ValidationError(f"批量评估:事项{pk}不属于本项目,未保存任何评估")
        keep = final_class is None and bool(item.override_reason)
        try:
            done.append(
                assessment_update(
                    by=by,
                    item=item,
                    expected_row_version=version,
                    difficulty=difficulty,
                    necessity=necessity,
                    final_class=item.final_class if keep else final_class,
                    override_reason=item.override_reason if keep else override_reason,
                )
            )
        except (ValidationError, Conflict) as error:
            text = (
                "；".join(messages_of(error)) if isinstance(error, ValidationError) else str(error)
            )
            raise ValidationError(
                f"批量评估:第{item.position}项“{item.power}”:{text};未保存任何评估"
            ) from None
    return done
