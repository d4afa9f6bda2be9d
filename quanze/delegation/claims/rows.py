"""What the claim services share: who may act, a township's rows and their state, and
moving a township's rows to a new state with one Event and one ChangeRecord per row."""

from django.utils import timezone

from quanze.catalog.models import CatalogEntry
from quanze.core.errors import Forbidden
from quanze.core.history import change_record, record_changes
from quanze.delegation.claims.models import Claim, ClaimWindow
from quanze.delegation.eventlog.services import event, log_many
from quanze.org.models import Division
from quanze.org.roles import is_township_clerk

Status = Claim.Status
BASIC, OPTIONAL = CatalogEntry.SetKind.BASIC, CatalogEntry.SetKind.OPTIONAL
EDITABLE = (Status.DRAFT, Status.RETURNED)


OFFICE_ONLY = "只有本县(市、区)编办可以管理认领"


def aware(moment):
    """A deadline without a time zone (an API client's `2099-06-01T08:00:00`) is local time;
    comparing it with the aware clock would be a server error instead of a clear refusal."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def require_clerk(by, township: Division) -> None:
    if by is not None and not (is_township_clerk(by) and by.township_id == township.pk):
        raise Forbidden("只有本乡镇(街道)经办人可以填写和提交认领")


def label(claim: Claim) -> str:
    power = claim.entry.power
    return f"第{claim.entry.position}项「{power}」"


def locked_rows(window: ClaimWindow, township: Division):
    return (
        Claim.objects.select_for_update(of=("self",))
        .filter(window=window, township=township)
        .select_related("entry__power", "township")
        .order_by("entry__position")
    )


def status_of(rows: list[Claim]) -> str:
    return rows[0].status if rows else Status.DRAFT


def move(rows: list[Claim], *, by, to: str, reason: str, now, project, comments=None) -> None:
    """Move every row to `to`: one UPDATE, one INSERT of events and one of change records
    (with the office's item comment in before/after when it changes), however many rows."""
    events, records = [], []
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
        before, after = {"status": claim.status}, {"status": to}
        if comments is not None and claim.office_comment != comments.get(claim.pk, ""):
            before["office_comment"] = claim.office_comment
            after["office_comment"] = comments.get(claim.pk, "")
        records.append(
            change_record(
                claim, action="update", actor=by, before=before, after=after, reason=reason, at=now
            )
        )
        claim.status = to
        claim.row_version += 1
        if comments is not None:
            claim.office_comment = comments.get(claim.pk, "")
    fields = ["status", "row_version"] + (["office_comment"] if comments is not None else [])
    Claim.objects.bulk_update(rows, fields, batch_size=1000)
    log_many(events)
    record_changes(records)
