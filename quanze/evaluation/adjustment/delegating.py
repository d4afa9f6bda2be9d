"""Items returned to the county (收回) or newly delegated (新增赋权) go the delegation way:
a delegation project over the catalog that lists them, one batch per direction and set of
townships, the justice bureau's legality review, the executive meeting's decision and the
publication of the township lists (`quanze.delegation`, no second publication path)."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils import timezone

from quanze.delegation.assessment.services import assessment_update
from quanze.delegation.decisions.services import batch_submit, decision_publish, decision_record
from quanze.delegation.projects.models import ItemAssessment, ItemClass
from quanze.delegation.projects.services import project_advance, project_create
from quanze.delegation.review.models import Batch
from quanze.delegation.review.services import batch_create, batch_send_for_review
from quanze.evaluation.adjustment.specs import ChangeKind
from quanze.evaluation.adjustment.validation import guiding_version
from quanze.org.models import User

K = ChangeKind
Direction = Batch.Direction
DIRECTIONS = {K.RETURN: Direction.WITHDRAW, K.ADD: Direction.GRANT}


def system_owner(county):
    owner = User.objects.filter(county=county, role=User.Role.ESTABLISHMENT_OFFICE).first()
    if owner is None:
        raise ValidationError("立项人:本县还没有编办用户")
    return owner


def _delegated(project):
    return (
        project.changes.filter(kind__in=[K.RETURN, K.ADD])
        .select_related("power")
        .prefetch_related("townships")
    )


def needs_review(project) -> bool:
    return _delegated(project).exists()


def batches_open(*, by, project, mode: str) -> list[Batch]:
    """Create and send for review the batches of the project's returns and additions."""
    by_version = defaultdict(list)
    for change in _delegated(project):
        version = guiding_version(project.county, change.power)
        if version is None:
            raise ValidationError(
                {"changes": f"第{change.position}项:「{change.power}」不在已发布的目录中"}
            )
        by_version[version].append(change)
    batches = []
    for version, changes in by_version.items():
        townships = {t for c in changes for t in c.townships.all()}
        suffix = f"({version.catalog.name})" if len(by_version) > 1 else ""
        dp = project_create(
            by=by,
            county=project.county,
            name=f"动态调整{project.pk}:{project.title}{suffix}"[:200],
            catalog_version=version,
            townships=sorted(townships, key=lambda t: t.code),
            started_on=timezone.localdate(),
            note=f"动态调整项目「{project.title}」({project.origin})",
        )
        project.delegation_projects.add(dp)
        for stage in ("consultation", "review"):
            project_advance(by=by, project=dp, to=stage, reason="动态调整:依评估结果直接审核")
        batches += _batches(by=by, project=project, dp=dp, changes=changes, mode=mode)
    return batches


def _batches(*, by, project, dp, changes, mode) -> list[Batch]:
    items = {i.power_id: i for i in ItemAssessment.objects.filter(project=dp)}
    groups = defaultdict(list)
    for change in changes:
        towns = frozenset(t.pk for t in change.townships.all())
        groups[(DIRECTIONS[K(change.kind)], towns)].append(change)
    made = []
    for (direction, _), group in groups.items():
        chosen = []
        for change in group:
            item = items[change.power_id]
            if direction == Direction.GRANT:
                item = assessment_update(
                    by=by,
                    item=item,
                    expected_row_version=item.row_version,
                    final_class=ItemClass.BATCH1,
                    override_reason=f"动态调整新增赋权:{change.reason}"[:500],
                )
            chosen.append((change, item))
        label = Direction(direction).label
        batch = batch_create(
            by=by,
            project=dp,
            title=f"动态调整{label}:{project.title}"[:200],
            mode=mode,
            items=[i for _, i in chosen],
            direction=direction,
        )
        by_item = {bi.item_id: bi for bi in batch.items.all()}
        for change, item in chosen:
            change.batch_item = by_item[item.pk]
            change.in_batch = True
            change.save(update_fields=["batch_item", "in_batch"])
        batch_send_for_review(by=by, batch=batch, reason=f"动态调整项目「{project.title}」")
        made.append(batch)
    return made


def batches_decide(*, by, project, fine_return_share) -> dict[int, str]:
    """Submit, decide and publish every batch of the project; change id -> outcome."""
    changes = list(
        project.changes.filter(in_batch=True).select_related("batch_item__batch", "power")
    )
    batches = {c.batch_item.batch for c in changes if c.batch_item is not None}
    waiting = [b for b in batches if b.status != Batch.Status.REVIEWED]
    if waiting:
        names = "、".join(f"{b}(当前{b.get_status_display()})" for b in waiting)
        raise ValidationError(f"以下批次尚未完成合法性审核:{names}")
    outcomes = {}
    for batch in sorted(batches, key=lambda b: (b.project_id, b.number)):
        mine = [c for c in changes if c.batch_item is not None and c.batch_item.batch == batch]
        townships = sorted({t for c in mine for t in c.townships.all()}, key=lambda t: t.code)
        batch_submit(by=by, batch=batch, reason=f"动态调整项目「{project.title}」")
        decision = decision_record(
            by=by,
            batch=batch,
            meeting_date=project.meeting_date,
            document_number=project.document_number,
            townships=townships,
            mode=batch.mode,
            effective_date=project.effective_date,
            fine_return_share=fine_return_share,
        )
        decision_publish(by=by, decision=decision)
        verb = "收回" if batch.direction == Direction.WITHDRAW else "下放"
        for c in mine:
            outcomes[c.pk] = (
                f"经{project.document_number}{verb},"
                f"{len(townships)}个乡镇(街道)清单已发布新版本({batch})"
            )
    for c in changes:
        if c.batch_item is None:
            outcomes[c.pk] = "合法性审核不通过,已移出批次,未实施"
    for dp in project.delegation_projects.all():
        project_advance(by=by, project=dp, to="approval", reason="常务会审议通过")
    return outcomes
