"""Approval and publication (issue 3 item 5): submit a reviewed batch to the executive
meeting, record its decision, publish the township lists (`publishing.py`; the web page
and the API run this in a background job, see `delegation/publication/`).

Each transition checks the current state, writes one Event row and a ChangeRecord,
and saves only the changed fields, in one transaction.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Conflict, refuses_control_chars
from quanze.core.history import model_state, record_change
from quanze.delegation.decisions.models import Decision
from quanze.delegation.decisions.publishing import township_lists_publish
from quanze.delegation.decisions.selectors import decision_powers, share_text
from quanze.delegation.eventlog.services import log
from quanze.delegation.permissions import require_office
from quanze.delegation.review.models import Batch, BatchItem, LegalityReview, Mode

DECISION_FIELDS = [
    "meeting_date",
    "document_number",
    "mode",
    "effective_date",
    "fine_return_share",
    "status",
]
Verdict = LegalityReview.Verdict
OFFICE_ONLY = "只有本县(市、区)编办可以办理常务会审议和发布"


def _lock_batch(batch: Batch, expected_row_version: int | None) -> Batch:
    batch = Batch.objects.select_for_update().select_related("project").get(pk=batch.pk)
    if expected_row_version is not None and batch.row_version != expected_row_version:
        raise Conflict("该批次已被他人修改,请刷新后重试")
    return batch


def _names(items) -> str:
    shown = [str(i.item.power) for i in items[:5]]
    return "、".join(shown) + (f"等{len(items)}项" if len(items) > 5 else "")


def unready_items(batch: Batch, items=None) -> tuple[list[BatchItem], list[BatchItem]]:
    """The batch items without a review, and those the review rejected."""
    rows = list(
        (items if items is not None else batch.items.all()).select_related("review", "item__power")
    )
    unreviewed = [i for i in rows if not hasattr(i, "review")]
    rejected = [i for i in rows if hasattr(i, "review") and i.review.verdict == Verdict.REJECT]
    return unreviewed, rejected


def _require_all_passed(batch: Batch, items=None) -> None:
    unreviewed, rejected = unready_items(batch, items)
    problems = []
    if unreviewed:
        problems.append(f"以下事项尚未经合法性审核:{_names(unreviewed)}")
    if rejected:
        problems.append(f"以下事项合法性审核不通过:{_names(rejected)}")
    if problems:
        raise ValidationError(problems)


def _transition(batch: Batch, *, by, to: str, reason: str) -> None:
    before = batch.status
    batch.status = to
    batch.row_version += 1
    batch.save(update_fields=["status", "row_version"])
    log(batch, by=by, from_state=before, to_state=to, reason=reason, project=batch.project)
    record_change(
        batch,
        action="update",
        actor=by,
        before={"status": before},
        after={"status": to},
        reason=reason,
    )


@transaction.atomic
@refuses_control_chars(reason="理由")
def batch_submit(
    *, by, batch: Batch, expected_row_version: int | None = None, reason: str = ""
) -> Batch:
    """A reviewed batch goes to the executive meeting (审核完成 → 已提请常务会)."""
    batch = _lock_batch(batch, expected_row_version)
    require_office(by, batch.project.county_id, OFFICE_ONLY)
    if batch.status != Batch.Status.REVIEWED:
        raise ValidationError(
            f"批次当前为「{batch.get_status_display()}」,只有合法性审核完成的批次才能提请常务会审议"
        )
    if not batch.items.exists():
        raise ValidationError("批次没有事项,不能提请常务会审议")
    _require_all_passed(batch)
    _transition(batch, by=by, to=Batch.Status.SUBMITTED, reason=reason or "提请政府常务会审议")
    return batch


def _share(value) -> Decimal:
    try:
        share = Decimal(str(value).strip().rstrip("%"))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {"fine_return_share": "罚没款返还比例:应为 0 到 100 之间的数"}
        ) from None
    if not Decimal(0) <= share <= Decimal(100):
        raise ValidationError({"fine_return_share": "罚没款返还比例:应为 0 到 100 之间的数"})
    return share


@transaction.atomic
@refuses_control_chars(document_number="文号")
def decision_record(
    *,
    by,
    batch: Batch,
    meeting_date: date,
    document_number: str,
    townships: list,
    mode: str,
    effective_date: date,
    fine_return_share,
    items: list[BatchItem] | None = None,
    expected_row_version: int | None = None,
) -> Decision:
    """The meeting approved the batch (已提请常务会 → 已审议通过): record its decision."""
    batch = _lock_batch(batch, expected_row_version)
    require_office(by, batch.project.county_id, OFFICE_ONLY)
    if batch.status != Batch.Status.SUBMITTED:
        raise ValidationError(
            f"批次当前为「{batch.get_status_display()}」,只有已提请常务会的批次才能录入审议决定"
        )
    if Decision.objects.filter(batch=batch).exists():
        raise ValidationError("该批次已有常务会决定")
    chosen = (
        batch.items.all() if items is None else batch.items.filter(pk__in=[i.pk for i in items])
    )
    if items is not None and chosen.count() != len({i.pk for i in items}):
        raise ValidationError({"items": "决定事项:只能从本批次的事项中选择"})
    if not chosen.exists():
        raise ValidationError({"items": "决定事项:至少选择一项"})
    _require_all_passed(batch, chosen)
    if mode not in Mode.values:
        raise ValidationError({"mode": "赋权方式:只能是委托、交办或赋权"})
    other_mode = [
        i for i in chosen.select_related("review", "item__power") if i.review.mode != mode
    ]
    if other_mode:
        raise ValidationError(
            {"mode": f"赋权方式:{_names(other_mode)}的合法性审核确定的方式与决定不一致"}
        )
    township_ids = {t.pk for t in townships}
    if not township_ids:
        raise ValidationError({"townships": "承接乡镇(街道):至少选择一个"})
    covered = set(batch.project.townships.filter(pk__in=township_ids).values_list("pk", flat=True))
    outside = [t.name for t in townships if t.pk not in covered]
    if outside:
        raise ValidationError(
            {"townships": f"承接乡镇(街道):{'、'.join(outside)}不在本赋权项目范围内"}
        )
    if not (document_number or "").strip():
        raise ValidationError({"document_number": "文号:不能为空"})
    if effective_date < meeting_date:
        raise ValidationError({"effective_date": "生效日期:不能早于常务会日期"})
    decision = Decision(
        batch=batch,
        meeting_date=meeting_date,
        document_number=document_number.strip(),
        mode=mode,
        effective_date=effective_date,
        fine_return_share=_share(fine_return_share),
        recorded_by=by,
    )
    decision.full_clean(exclude=["recorded_by", "batch"])
    decision.save()
    decision.items.set(chosen)
    decision.townships.set(township_ids)
    _transition(
        batch, by=by, to=Batch.Status.APPROVED, reason=f"常务会审议通过,{decision.document_number}"
    )
    log(
        decision,
        by=by,
        from_state="",
        to_state=Decision.Status.RECORDED,
        project=batch.project,
        reason=f"{meeting_date:%Y年%-m月%-d日}常务会审议通过",
    )
    record_change(
        decision,
        action="create",
        actor=by,
        after={
            **model_state(decision, DECISION_FIELDS),
            "items": chosen.count(),
            "townships": len(township_ids),
        },
    )
    return decision


def lock_for_publication(by, decision: Decision, expected_row_version: int | None) -> Decision:
    """Lock a decision that `by` may publish and that is still only recorded (the checks
    pressing 发布 and the publication itself share)."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("batch__project")
        .get(pk=decision.pk)
    )
    if expected_row_version is not None and decision.row_version != expected_row_version:
        raise Conflict("该决定已被他人修改,请刷新后重试")
    require_office(by, decision.batch.project.county_id, OFFICE_ONLY)
    if decision.status != Decision.Status.RECORDED:
        raise ValidationError("该决定的清单已经发布,不能重复发布")
    return decision


@transaction.atomic
def decision_publish(
    *, by, decision: Decision, expected_row_version: int | None = None, job=None, progress=None
) -> Decision:
    """Publish new versions of every named township's list (已录入 → 已发布), all or nothing.

    The web page and the API run this in a background `PublicationJob` (`job`, told
    `progress(done, total)` in townships); the CLI and scenarios call it directly. Either
    way it is refused while another job of the same decision is queued or running.
    """
    decision = lock_for_publication(by, decision, expected_row_version)
    other = decision.publication_jobs.active().exclude(pk=job.pk if job else None)
    if other.exists():
        raise Conflict("该决定的清单正在后台发布,请等待发布任务完成,不能重复发布")
    townships = list(decision.townships.order_by("code"))
    withdraw = decision.batch.direction == Batch.Direction.WITHDRAW
    powers = decision_powers(decision)
    meeting = f"{decision.batch}经{decision.meeting_date:%Y年%-m月%-d日}政府常务会审议通过,"
    result = township_lists_publish(
        by=by,
        townships=townships,
        powers=[] if withdraw else powers,
        removed=powers if withdraw else [],
        effective_date=decision.effective_date,
        document_number=decision.document_number,
        note=(
            meeting + "收回县级部门行使"
            if withdraw
            else meeting
            + f"以{decision.get_mode_display()}方式下放,罚没款按{share_text(decision.fine_return_share)}返还"
        ),
        progress=progress,
    )
    decision.status = Decision.Status.PUBLISHED
    decision.published_at = timezone.now()
    decision.row_version += 1
    decision.save(update_fields=["status", "published_at", "row_version"])
    reason = f"发布{len(result.versions)}个乡镇(街道)清单," + (
        f"收回条目{result.removed}条" if withdraw else f"新增条目{result.added}条"
    )
    log(
        decision,
        by=by,
        from_state=Decision.Status.RECORDED,
        to_state=Decision.Status.PUBLISHED,
        reason=reason,
        project=decision.batch.project,
        at=decision.published_at,
    )
    record_change(
        decision,
        action="publish",
        actor=by,
        before={"status": "recorded"},
        after={"status": "published"},
        reason=reason,
    )
    return decision
