"""Batches and their legality review (issue 3 item 4).

States: draft → in_review (office sends it) → reviewed (justice bureau completes
it, every item reviewed). Submitting a reviewed batch to the executive meeting
and the decision are in `decisions/services.py`. A power above county level
cannot pass (`rules.above_county_reason`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from quanze.core.errors import Conflict, Forbidden, refuses_control_chars
from quanze.core.history import diff_states, model_state, record_change
from quanze.delegation import notices
from quanze.delegation.eventlog.services import log
from quanze.delegation.permissions import require_office
from quanze.delegation.projects.models import ItemClass
from quanze.delegation.review import rules
from quanze.delegation.review.models import Batch, BatchItem, LegalityReview, Mode
from quanze.delegation.review.selectors import batch_counts
from quanze.org.roles import is_reviewer

Status = Batch.Status
Verdict = LegalityReview.Verdict
REVIEW_FIELDS = ["mode", "legal_route", "conditions", "verdict", "comment"]
BATCHABLE = {ItemClass.BATCH1, ItemClass.BATCH2}


def _names(items, n: int = 3) -> str:
    shown = "、".join(f"“{i.power}”" for i in items[:n])
    return shown + (f"等{len(items)}项" if len(items) > n else "")


def _check_items(project, items, *, batch=None, withdraw: bool = False) -> None:
    foreign = [i for i in items if i.project_id != project.pk]
    if foreign:
        raise ValidationError({"items": f"事项:{_names(foreign)}不属于本项目"})
    # Items returned to the county were delegated already: their class does not matter.
    unfit = [] if withdraw else [i for i in items if i.final_class not in BATCHABLE]
    if unfit:
        raise ValidationError(
            {"items": f"事项:{_names(unfit)}的分类不是第一批或第二批承接,不能列入批次"}
        )
    # An item goes down in one batch and comes back in one batch of its project at most.
    direction = Batch.Direction.WITHDRAW if withdraw else Batch.Direction.GRANT
    taken = BatchItem.objects.filter(
        batch__project=project, item__in=items, batch__direction=direction
    )
    if batch is not None:
        taken = taken.exclude(batch=batch)
    taken = list(taken.select_related("item__power", "batch"))
    if taken:
        raise ValidationError(
            {"items": f"事项:{_names([t.item for t in taken])}已列入{taken[0].batch}"}
        )


@transaction.atomic
@refuses_control_chars(title="名称")
def batch_create(
    *, by, project, title: str, mode: str, items, direction: str = Batch.Direction.GRANT
) -> Batch:
    """A draft batch; `direction` 收回 takes its items off the townships' lists when published."""
    require_office(by, project)
    items = list(items)
    errors = {}
    if not title.strip():
        errors["title"] = "名称:不能为空"
    if mode not in Mode.values:
        errors["mode"] = "赋权方式:请选择委托、交办或赋权"
    if not items:
        errors["items"] = "事项:至少选择一项"
    if direction not in Batch.Direction.values:
        errors["direction"] = "调整方向:只能是下放或收回"
    if errors:
        raise ValidationError(errors)
    _check_items(project, items, withdraw=direction == Batch.Direction.WITHDRAW)
    number = (project.batches.aggregate(n=Max("number"))["n"] or 0) + 1
    batch = Batch.objects.create(
        project=project,
        number=number,
        title=title.strip(),
        mode=mode,
        direction=direction,
        created_by=by if by is not None else project.owner,
    )
    items.sort(key=lambda i: i.position)
    BatchItem.objects.bulk_create(
        BatchItem(batch=batch, item=item, position=n) for n, item in enumerate(items, start=1)
    )
    record_change(
        batch, action="create", actor=by, after=model_state(batch) | {"items": len(items)}
    )
    log(batch, project=project, by=by, from_state="", to_state=Status.DRAFT, reason=batch.title)
    return batch


def _lock(batch, expected_row_version=None) -> Batch:
    batch = Batch.objects.select_for_update().select_related("project").get(pk=batch.pk)
    if expected_row_version is not None and batch.row_version != expected_row_version:
        raise Conflict("该批次已被他人修改,请刷新后重试")
    return batch


def _move(batch, *, by, to: str, reason: str) -> Batch:
    before = batch.status
    batch.status = to
    batch.row_version += 1
    batch.save(update_fields=["status", "row_version"])
    record_change(
        batch,
        action="update",
        actor=by,
        before={"status": before},
        after={"status": to},
        reason=reason,
    )
    log(batch, project=batch.project, by=by, from_state=before, to_state=to, reason=reason)
    return batch


def _refuse(batch, wanted: str) -> None:
    raise ValidationError(f"{batch}当前为“{batch.get_status_display()}”,{wanted}")


@transaction.atomic
@refuses_control_chars(reason="理由")
def batch_send_for_review(
    *, by, batch: Batch, expected_row_version=None, reason: str = ""
) -> Batch:
    batch = _lock(batch, expected_row_version)
    require_office(by, batch.project)
    if batch.status != Status.DRAFT:
        _refuse(batch, "只有草稿批次可以提交合法性审核")
    if not batch.items.exists():
        raise ValidationError(f"{batch}没有事项,不能提交审核")
    batch = _move(batch, by=by, to=Status.IN_REVIEW, reason=reason or "提交司法局合法性审核")
    notices.batch_sent_for_review(batch)
    return batch


@transaction.atomic
@refuses_control_chars(reason="理由")
def batch_remove_item(
    *, by, batch_item: BatchItem, reason: str, expected_row_version=None
) -> Batch:
    """Take an item out: freely in a draft (not its last one); under or after review only a
    rejected one, so a batch with an item the justice bureau rejected can still go to the
    executive meeting without it. A rejected item may be the batch's last: the batch is
    then empty and closed (it cannot be submitted and waits on no one). The item stays
    assessed and may join a later batch."""
    batch = _lock(batch_item.batch, expected_row_version)
    require_office(by, batch.project)
    batch_item = BatchItem.objects.select_related("item__power").get(pk=batch_item.pk)
    review = LegalityReview.objects.filter(batch_item=batch_item).first()
    rejected = review is not None and review.verdict == Verdict.REJECT
    if batch.status != Status.DRAFT and not (
        rejected and batch.status in (Status.IN_REVIEW, Status.REVIEWED)
    ):
        if batch.status in (Status.SUBMITTED, Status.APPROVED):
            _refuse(batch, "不能再移出事项")
        _refuse(batch, "只能移出审核不通过的事项")
    if not (reason or "").strip():
        raise ValidationError({"reason": "理由:移出事项必须说明理由"})
    last = batch.items.count() == 1
    if last and batch.status == Status.DRAFT:
        raise ValidationError(f"{batch}只剩这一项,不能移出;请另建批次")
    power = batch_item.item.power
    record_change(
        batch,
        action="update",
        actor=by,
        before={"items": str(batch_item.item)},
        after={"items": ""},
        reason=reason.strip(),
    )
    log(
        batch,
        project=batch.project,
        by=by,
        from_state=batch.status,
        to_state=batch.status,
        reason=f"移出事项“{power}”:{reason.strip()}"
        + (";批次已无事项,不再提请常务会审议" if last else ""),
    )
    batch_item.delete()
    batch.row_version += 1
    batch.save(update_fields=["row_version"])
    notices.batch_item_removed(batch, power, reason)
    return batch


@transaction.atomic
@refuses_control_chars(conditions="附加条件", comment="审查意见")
def review_save(
    *,
    by,
    batch_item: BatchItem,
    mode: str,
    legal_route: str,
    verdict: str,
    conditions: str = "",
    comment: str = "",
    expected_row_version: int = 0,
    at=None,
) -> LegalityReview:
    """The justice bureau's review of one item; editable while the batch is under review."""
    batch = _lock(batch_item.batch)
    batch_item = BatchItem.objects.select_related("item__power").get(pk=batch_item.pk)
    if by is not None and not (is_reviewer(by) and by.county_id == batch.project.county_id):
        raise Forbidden("只有本县(市、区)司法局可以进行合法性审核")
    if batch.status != Status.IN_REVIEW:
        _refuse(batch, "只有审核中的批次可以填写审核意见")
    current = LegalityReview.objects.select_for_update().filter(batch_item=batch_item).first()
    if (current.row_version if current else 0) != expected_row_version:
        raise Conflict(f"事项“{batch_item.item.power}”的审核意见已被他人修改,请刷新后重试")
    power = batch_item.item.power
    errors = {}
    if mode not in Mode.values:
        errors["mode"] = "赋权方式:请选择委托、交办或赋权"
    if verdict != Verdict.REJECT and not legal_route.strip():
        # A rejected item has no route to follow; the reason goes in the comment.
        errors["legal_route"] = "法律路径:通过或附条件通过时必须写明法律路径"
    if verdict not in Verdict.values:
        errors["verdict"] = "审核结论:请选择通过、附条件通过或不通过"
    elif verdict == Verdict.PASS_WITH_CONDITIONS and not conditions.strip():
        errors["conditions"] = "条件:附条件通过时必须写明条件"
    elif verdict == Verdict.REJECT and not comment.strip():
        errors["comment"] = "审核意见:不通过时必须说明理由"
    elif verdict != Verdict.REJECT and batch.direction == Batch.Direction.GRANT:
        # The county-level bar limits what goes down; returning to the county is not bound.
        above = rules.above_county_reason(
            exercise_level=power.exercise_level,
            basis_texts=[power.legal_basis, *power.citations.values_list("text", flat=True)],
        )
        if above:
            errors["verdict"] = f"审核结论:“{power}”{above},只能审核为不通过"
    if errors:
        raise ValidationError(errors)
    target = current or LegalityReview(batch_item=batch_item)
    before = model_state(target, REVIEW_FIELDS) if current else {}
    old_verdict = current.verdict if current else ""
    target.mode, target.legal_route, target.verdict = mode, legal_route.strip(), verdict
    target.conditions, target.comment = conditions.strip(), comment.strip()
    target.reviewer = by if by is not None else batch.created_by
    target.reviewed_at = at or timezone.now()
    if current:
        target.row_version += 1
    target.save()
    old, new = diff_states(before, model_state(target, REVIEW_FIELDS))
    record_change(target, action="update" if current else "create", actor=by, before=old, after=new)
    if verdict != old_verdict:
        log(
            target,
            project=batch.project,
            by=by,
            from_state=old_verdict,
            to_state=verdict,
            reason=comment or conditions,
        )
    return target


@transaction.atomic
@refuses_control_chars(reason="理由")
def batch_review_complete(*, by, batch: Batch, reason: str = "") -> Batch:
    """in_review → reviewed, once every item has a verdict."""
    batch = _lock(batch)
    if by is not None and not (is_reviewer(by) and by.county_id == batch.project.county_id):
        raise Forbidden("只有本县(市、区)司法局可以完成合法性审核")
    if batch.status != Status.IN_REVIEW:
        _refuse(batch, "只有审核中的批次可以完成审核")
    unreviewed = list(batch.items.filter(review__isnull=True).select_related("item__power"))
    if unreviewed:
        raise ValidationError(
            f"{batch}还有{len(unreviewed)}项未审核:{_names([u.item for u in unreviewed])}"
        )
    batch = _move(batch, by=by, to=Status.REVIEWED, reason=reason or "合法性审核完成")
    notices.batch_review_completed(batch, batch_counts(batch))
    return batch


def above_county(power) -> str:
    """The county-level bar's finding for one power (shown to the reviewer)."""
    return rules.above_county_reason(
        exercise_level=power.exercise_level,
        basis_texts=[power.legal_basis, *(c.text for c in power.citations.all())],
    )
