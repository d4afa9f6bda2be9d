"""Claim deadlines: when a township's claiming ends, and the office extending it (认领延期)
for one township or for the whole window, with a reason.

A township's deadline is the later of the window's and the one the office gave that
township (`ClaimDeadline`). An extension must end later than the deadline it replaces
and than now; the window must still be open (a window the office closed stays closed).
Each extension writes one Event (from the old deadline to the new, why) and a
ChangeRecord, on the window for the whole window, on the township's extension otherwise.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import refuses_control_chars
from quanze.core.history import record_change
from quanze.delegation.claims.models import ClaimDeadline, ClaimWindow
from quanze.delegation.claims.rows import OFFICE_ONLY, aware
from quanze.delegation.eventlog.services import log
from quanze.delegation.permissions import require_office
from quanze.org.models import Division


def _text(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def deadline_for(window: ClaimWindow, township: Division | None):
    """The deadline that applies to this township (the window's for None)."""
    if township is None:
        return window.deadline
    own = (
        ClaimDeadline.objects.filter(window_id=window.pk, township_id=township.pk)
        .values_list("deadline", flat=True)
        .first()
    )
    return max(window.deadline, own) if own else window.deadline


def township_deadlines(window: ClaimWindow) -> dict[int, object]:
    """Township id -> its extended deadline, for the townships given one later than the window's."""
    return {
        tid: deadline
        for tid, deadline in window.extensions.values_list("township_id", "deadline")
        if deadline > window.deadline
    }


@transaction.atomic
@refuses_control_chars(reason="理由")
def deadline_extend(
    *, by, window: ClaimWindow, deadline, reason: str, township: Division | None = None
):
    """Extend the claim deadline of one township, or of the whole window when township is None."""
    require_office(by, window.county_id, OFFICE_ONLY)
    window = ClaimWindow.objects.select_for_update().get(pk=window.pk)
    if window.status != ClaimWindow.Status.OPEN:
        raise ValidationError(f"「{window.title}」已由编办截止,不能再延期")
    if township is not None and not window.townships.filter(pk=township.pk).exists():
        raise ValidationError({"township": f"乡镇(街道):{township.name}不在本次认领范围内"})
    reason = (reason or "").strip()[:500]
    if not reason:
        raise ValidationError({"reason": "延期理由:不能为空"})
    now, deadline = timezone.now(), aware(deadline)
    current = deadline_for(window, township)
    if deadline <= current:
        raise ValidationError(
            {"deadline": f"新的截止时间:应晚于当前截止时间 {_text(current)},只能延后不能提前"}
        )
    if deadline <= now:
        raise ValidationError({"deadline": "新的截止时间:应晚于当前时间"})
    if township is None:
        target = window
        window.deadline = deadline
        window.save(update_fields=["deadline"])
        why = f"认领截止时间延至{_text(deadline)}:{reason}"
    else:
        target, _ = ClaimDeadline.objects.update_or_create(
            window=window,
            township=township,
            defaults={"deadline": deadline, "reason": reason, "granted_by": by, "granted_at": now},
        )
        why = f"{township.name}认领截止时间延至{_text(deadline)}:{reason}"
    log(target, by=by, from_state=_text(current), to_state=_text(deadline), reason=why,
        project=window.project, at=now)  # fmt: skip
    record_change(
        target,
        action="update",
        actor=by,
        at=now,
        before={"deadline": current.isoformat()},
        after={"deadline": deadline.isoformat(), "township": township.name if township else ""},
        reason=reason,
    )
    return target
