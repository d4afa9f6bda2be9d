"""The office's review of a township's submitted claims: accept, or return with comments."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import refuses_control_chars
from quanze.delegation import notices
from quanze.delegation.claims.models import ClaimWindow
from quanze.delegation.claims.rows import OFFICE_ONLY, Status, locked_rows, move, status_of
from quanze.delegation.permissions import require_office
from quanze.org.models import Division


@transaction.atomic
@refuses_control_chars(comment="意见", item_comments="意见")
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
    require_office(by, window.county_id, OFFICE_ONLY)
    rows = list(locked_rows(window, township))
    if status_of(rows) != Status.SUBMITTED:
        raise ValidationError(
            f"{township.name}的认领当前为「{Status(status_of(rows)).label}」,只能审核已提交的认领"
        )
    comment = (comment or "").strip()
    comments = {pk: (text or "").strip()[:500] for pk, text in (item_comments or {}).items()}
    if not accept and not comment and not any(comments.values()):
        raise ValidationError({"comment": "退回意见:退回时须写明意见"})
    now = timezone.now()
    to = Status.ACCEPTED if accept else Status.RETURNED
    move(
        rows,
        by=by,
        to=to,
        reason=comment or ("确认认领" if accept else "退回修改"),
        now=now,
        project=window.project,
        comments=None if accept else comments,
    )
    notices.claims_reviewed(window=window, township=township, accepted=accept, comment=comment)
