"""Claiming (认领, issue 3 item 6): each township claims the whole basic set of a claim
window and what fits of the optional set, with a reason for each optional item it does not
claim (claiming needs none; issue 14), and submits. Nothing changes after the township's deadline (the window's, or
the later one the office gave it: `deadlines.py`) or once the window is closed.

A township's claims are one row per catalog entry; the township's state (draft,
submitted, returned, accepted) is held on its rows and changes for all of them
at once, with one Event per row (the item timeline reads them). Opening and closing
windows are in `claim_windows`, the office's review in `claim_review`.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Conflict, refuses_control_chars
from quanze.core.history import change_record, record_changes
from quanze.delegation import notices
from quanze.delegation.claims.deadlines import deadline_for
from quanze.delegation.claims.models import Claim, ClaimWindow
from quanze.delegation.claims.rows import (
    BASIC,
    EDITABLE,
    OPTIONAL,
    Status,
    label,
    locked_rows,
    move,
    require_clerk,
    status_of,
)
from quanze.org.models import Division

__all__ = ["EDITABLE", "Choice", "claims_save", "claims_submit", "missing_answers"]


@dataclass(frozen=True)
class Choice:
    """A township's answer on one claim row: claimed (True/False/None) and why."""

    claimed: bool | None
    reason: str = ""


def _require_open(window: ClaimWindow, township: Division, now) -> None:
    if window.status != ClaimWindow.Status.OPEN:
        raise ValidationError(f"「{window.title}」已截止,不能再修改或提交认领")
    deadline = deadline_for(window, township)
    if now > deadline:
        local = timezone.localtime(deadline)
        raise ValidationError(f"认领已于{local:%Y年%-m月%-d日 %H:%M}截止,不能再修改或提交认领")


@transaction.atomic
@refuses_control_chars(choices="认领内容")
def claims_save(
    *,
    by,
    window: ClaimWindow,
    township: Division,
    choices: dict[int, Choice],
    row_versions: dict[int, int],
) -> int:
    """Save a township's draft answers (claim id -> Choice); returns how many rows changed.

    `row_versions` holds the row_version of every row the person saw: if any row changed
    since, nothing is saved and Conflict names it (two people on the same claim).
    """
    require_clerk(by, township)
    window = ClaimWindow.objects.select_for_update().get(pk=window.pk)
    now = timezone.now()
    _require_open(window, township, now)
    rows = list(locked_rows(window, township))
    if status_of(rows) not in EDITABLE:
        raise ValidationError(f"认领已{Status(status_of(rows)).label},不能再修改")
    by_id = {c.pk: c for c in rows}
    unknown = set(choices) - set(by_id)
    if unknown:
        raise ValidationError("提交的事项不属于本乡镇(街道)的认领")
    stale = [
        by_id[pk]
        for pk, seen in row_versions.items()
        if pk in by_id and by_id[pk].row_version != seen
    ]
    if stale:
        raise Conflict(
            f"{label(stale[0])}等{len(stale)}项已被他人修改,本次保存未生效;请刷新后重新填写"
            if len(stale) > 1
            else f"{label(stale[0])}已被他人修改,本次保存未生效;请刷新后重新填写"
        )
    changed, records = [], []
    errors = []
    for pk, choice in choices.items():
        claim = by_id[pk]
        reason = (choice.reason or "").strip()[:500]
        if claim.entry.set_kind == BASIC and choice.claimed is not True:
            errors.append(f"{label(claim)}属于基本盘,必须认领")
            continue
        if (claim.claimed, claim.reason) == (choice.claimed, reason):
            continue
        records.append(
            change_record(
                claim,
                action="update",
                actor=by,
                at=now,
                before={"claimed": claim.claimed, "reason": claim.reason},
                after={"claimed": choice.claimed, "reason": reason},
            )
        )
        claim.claimed, claim.reason = choice.claimed, reason
        claim.updated_by, claim.updated_at = by, now
        claim.row_version += 1
        changed.append(claim)
    if errors:
        raise ValidationError(errors)
    Claim.objects.bulk_update(
        changed, ["claimed", "reason", "updated_by", "updated_at", "row_version"], batch_size=1000
    )
    record_changes(records)
    return len(changed)


def missing_answers(rows: list[Claim]) -> list[str]:
    """Why a township's claims cannot be submitted yet, one message per problem."""
    problems = []
    undecided = [c for c in rows if c.entry.set_kind == OPTIONAL and c.claimed is None]
    unexplained = [
        c
        for c in rows
        if c.entry.set_kind == OPTIONAL and c.claimed is False and not c.reason.strip()
    ]
    basic_left = [c for c in rows if c.entry.set_kind == BASIC and c.claimed is not True]
    for what, found in (
        ("基本盘事项必须认领", basic_left),
        ("自选盘事项尚未选择认领或不认领", undecided),
        ("不认领的自选盘事项须说明理由", unexplained),
    ):
        if found:
            shown = "、".join(label(c) for c in found[:5])
            problems.append(f"{what}:{shown}{f'等{len(found)}项' if len(found) > 5 else ''}")
    return problems


@transaction.atomic
def claims_submit(*, by, window: ClaimWindow, township: Division) -> int:
    require_clerk(by, township)
    window = ClaimWindow.objects.select_for_update().get(pk=window.pk)
    now = timezone.now()
    _require_open(window, township, now)
    rows = list(locked_rows(window, township))
    if status_of(rows) not in EDITABLE:
        raise ValidationError(f"认领已{Status(status_of(rows)).label},不能重复提交")
    problems = missing_answers(rows)
    if problems:
        raise ValidationError(problems)
    move(
        rows,
        by=by,
        to=Status.SUBMITTED,
        reason=f"{township.name}提交认领",
        now=now,
        project=window.project,
    )
    notices.claims_submitted(window=window, township=township)
    return sum(1 for c in rows if c.claimed)
