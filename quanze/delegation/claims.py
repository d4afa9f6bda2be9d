"""Claims (认领, issue 3 item 6): the office opens a window over a catalog version with
basic and optional sets; each township claims the whole basic set and what fits of
the optional set, with a reason for each optional claim and refusal, and submits;
the office accepts or returns with comments. Nothing changes after the deadline.

A township's claims are one row per catalog entry; the township's state (draft,
submitted, returned, accepted) is held on its rows and changes for all of them
at once, with one Event per row (the item timeline reads them).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.catalog.models import CatalogEntry, CatalogVersion
from quanze.core import bulk
from quanze.core.errors import Conflict, Forbidden
from quanze.core.history import change_record, record_change, record_changes
from quanze.delegation import notices
from quanze.delegation.eventlog import event, log, log_many
from quanze.delegation.models import Claim, ClaimWindow
from quanze.org.models import Division
from quanze.org.roles import is_office, is_township_clerk

Status = Claim.Status
BASIC, OPTIONAL = CatalogEntry.SetKind.BASIC, CatalogEntry.SetKind.OPTIONAL
EDITABLE = (Status.DRAFT, Status.RETURNED)


@dataclass(frozen=True)
class Choice:
    """A township's answer on one claim row: claimed (True/False/None) and why."""

    claimed: bool | None
    reason: str = ""


def _require_office(by, county_id) -> None:
    if by is not None and not (is_office(by) and by.county_id == county_id):
        raise Forbidden("只有本县(市、区)编办可以管理认领")


def _require_clerk(by, township: Division) -> None:
    if by is not None and not (is_township_clerk(by) and by.township_id == township.pk):
        raise Forbidden("只有本乡镇(街道)经办人可以填写和提交认领")


def _require_open(window: ClaimWindow, now) -> None:
    if window.status != ClaimWindow.Status.OPEN:
        raise ValidationError(f"「{window.title}」已截止,不能再修改或提交认领")
    if now > window.deadline:
        local = timezone.localtime(window.deadline)
        raise ValidationError(f"认领已于{local:%Y年%-m月%-d日 %H:%M}截止,不能再修改或提交认领")


def _label(claim: Claim) -> str:
    power = claim.entry.power
    return f"第{claim.entry.position}项「{power}」"


@transaction.atomic
def window_open(
    *,
    by,
    county: Division,
    catalog_version: CatalogVersion,
    title: str,
    deadline,
    townships: list[Division],
    project=None,
) -> ClaimWindow:
    """Open claiming: one row per township and entry; basic items start claimed."""
    _require_office(by, county.pk)
    now = timezone.now()
    if catalog_version.status != CatalogVersion.Status.PUBLISHED:
        raise ValidationError({"catalog_version": "目录版本:只能对已发布的目录版本开展认领"})
    entries = list(catalog_version.entries.values_list("id", "set_kind"))
    if not any(kind == BASIC for _, kind in entries) and not any(
        kind == OPTIONAL for _, kind in entries
    ):
        raise ValidationError({"catalog_version": "目录版本:没有划分基本盘和自选盘,无法认领"})
    unsorted = sum(1 for _, kind in entries if kind not in (BASIC, OPTIONAL))
    if unsorted:
        raise ValidationError({"catalog_version": f"目录版本:有{unsorted}项未划分基本盘或自选盘"})
    if deadline <= now:
        raise ValidationError({"deadline": "认领截止时间:应晚于当前时间"})
    if not (title or "").strip():
        raise ValidationError({"title": "名称:不能为空"})
    if not townships:
        raise ValidationError({"townships": "认领乡镇(街道):至少选择一个"})
    outside = [t.name for t in townships if not t.is_township or t.parent_id != county.pk]
    if outside:
        raise ValidationError(
            {"townships": f"认领乡镇(街道):{'、'.join(outside)}不属于{county.name}"}
        )
    window = ClaimWindow.objects.create(
        project=project,
        catalog_version=catalog_version,
        county=county,
        title=title.strip(),
        deadline=deadline,
        opened_by=by,
        opened_at=now,
    )
    window.townships.set(townships)
    rows = [
        Claim(
            window_id=window.pk,
            township_id=t.pk,
            entry_id=entry_id,
            claimed=True if kind == BASIC else None,
            status=Status.DRAFT,
            row_version=1,
        )
        for t in townships
        for entry_id, kind in entries
    ]
    bulk.insert(
        Claim,
        rows,
        [
            "window",
            "township",
            "entry",
            "claimed",
            "reason",
            "status",
            "office_comment",
            "row_version",
        ],
    )
    log(
        window,
        by=by,
        from_state="",
        to_state=ClaimWindow.Status.OPEN,
        project=project,
        reason=f"{len(townships)}个乡镇(街道),{len(entries)}项,截止{timezone.localtime(deadline):%Y-%m-%d %H:%M}",
    )
    record_change(
        window,
        action="create",
        actor=by,
        after={
            "title": window.title,
            "catalog_version": str(catalog_version),
            "deadline": deadline.isoformat(),
            "townships": len(townships),
            "entries": len(entries),
        },
    )
    return window


def _rows(window: ClaimWindow, township: Division):
    return (
        Claim.objects.select_for_update(of=("self",))
        .filter(window=window, township=township)
        .select_related("entry__power")
        .order_by("entry__position")
    )


def _status_of(rows: list[Claim]) -> str:
    return rows[0].status if rows else Status.DRAFT


@transaction.atomic
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
    _require_clerk(by, township)
    window = ClaimWindow.objects.select_for_update().get(pk=window.pk)
    now = timezone.now()
    _require_open(window, now)
    rows = list(_rows(window, township))
    if _status_of(rows) not in EDITABLE:
        raise ValidationError(f"认领已{Status(_status_of(rows)).label},不能再修改")
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
            f"{_label(stale[0])}等{len(stale)}项已被他人修改,本次保存未生效;请刷新后重新填写"
            if len(stale) > 1
            else f"{_label(stale[0])}已被他人修改,本次保存未生效;请刷新后重新填写"
        )
    changed, records = [], []
    errors = []
    for pk, choice in choices.items():
        claim = by_id[pk]
        reason = (choice.reason or "").strip()[:500]
        if claim.entry.set_kind == BASIC and choice.claimed is not True:
            errors.append(f"{_label(claim)}属于基本盘,必须认领")
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
        if c.entry.set_kind == OPTIONAL and c.claimed is not None and not c.reason.strip()
    ]
    basic_left = [c for c in rows if c.entry.set_kind == BASIC and c.claimed is not True]
    for what, found in (
        ("基本盘事项必须认领", basic_left),
        ("自选盘事项尚未选择认领或不认领", undecided),
        ("自选盘事项须说明认领或不认领的理由", unexplained),
    ):
        if found:
            shown = "、".join(_label(c) for c in found[:5])
            problems.append(f"{what}:{shown}{f'等{len(found)}项' if len(found) > 5 else ''}")
    return problems


def _move(rows: list[Claim], *, by, to: str, reason: str, now, project, comments=None) -> None:
    events = []
    for claim in rows:
        events.append(
            event(
                claim,
                by=by,
                from_state=claim.status,
                to_state=to,
                reason=reason,
                project=project,
                at=now,
            )
        )
        claim.status = to
        claim.row_version += 1
        if comments is not None:
            claim.office_comment = comments.get(claim.pk, "")
    fields = ["status", "row_version"] + (["office_comment"] if comments is not None else [])
    Claim.objects.bulk_update(rows, fields, batch_size=1000)
    log_many(events)


@transaction.atomic
def claims_submit(*, by, window: ClaimWindow, township: Division) -> int:
    _require_clerk(by, township)
    window = ClaimWindow.objects.select_for_update().get(pk=window.pk)
    now = timezone.now()
    _require_open(window, now)
    rows = list(_rows(window, township))
    if _status_of(rows) not in EDITABLE:
        raise ValidationError(f"认领已{Status(_status_of(rows)).label},不能重复提交")
    problems = missing_answers(rows)
    if problems:
        raise ValidationError(problems)
    _move(
        rows,
        by=by,
        to=Status.SUBMITTED,
        reason=f"{township.name}提交认领",
        now=now,
        project=window.project,
    )
    return sum(1 for c in rows if c.claimed)


@transaction.atomic
def claims_review(
    *,
    by,
    window: ClaimWindow,
    township: Division,
    accept: bool,
    comment: str = "",
    item_comments: dict[int, str] | None = None,
) -> None:
    """The office accepts a submitted claim, or returns it with comments (overall and per item)."""
    _require_office(by, window.county_id)
    rows = list(_rows(window, township))
    if _status_of(rows) != Status.SUBMITTED:
        raise ValidationError(
            f"{township.name}的认领当前为「{Status(_status_of(rows)).label}」,只能审核已提交的认领"
        )
    comment = (comment or "").strip()
    comments = {pk: (text or "").strip()[:500] for pk, text in (item_comments or {}).items()}
    if not accept and not comment and not any(comments.values()):
        raise ValidationError({"comment": "退回意见:退回时须写明意见"})
    now = timezone.now()
    to = Status.ACCEPTED if accept else Status.RETURNED
    _move(
        rows,
        by=by,
        to=to,
        reason=comment or ("确认认领" if accept else "退回修改"),
        now=now,
        project=window.project,
        comments=None if accept else comments,
    )
    notices.claims_reviewed(window=window, township=township, accepted=accept, comment=comment)


@transaction.atomic
def window_close(*, by, window: ClaimWindow, reason: str = "") -> ClaimWindow:
    _require_office(by, window.county_id)
    window = ClaimWindow.objects.select_for_update().get(pk=window.pk)
    if window.status != ClaimWindow.Status.OPEN:
        raise ValidationError("认领已截止,不能重复截止")
    window.status = ClaimWindow.Status.CLOSED
    window.save(update_fields=["status"])
    log(
        window,
        by=by,
        from_state=ClaimWindow.Status.OPEN,
        to_state=ClaimWindow.Status.CLOSED,
        reason=reason or "截止认领",
        project=window.project,
    )
    return window
