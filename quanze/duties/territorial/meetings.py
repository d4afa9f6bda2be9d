"""The claiming meeting (事项认领会): which unit confirmed which matters of a version."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from quanze.core.errors import refuses_control_chars
from quanze.core.history import model_state, record_change
from quanze.duties.rules import require_office
from quanze.duties.territorial.models import ClaimConfirmation, ClaimMeeting
from quanze.duties.territorial.services import OFFICE_ONLY
from quanze.org.models import Department


@transaction.atomic
@refuses_control_chars(place="地点", attendees="参会单位与人员", note="会议纪要")
def meeting_record(
    *, by, version, held_on: date, place="", attendees="", note="", confirmations=()
) -> ClaimMeeting:
    """Record a claiming meeting: `confirmations` are (item, unit, confirmed, note)."""
    county = version.responsibility_list.county
    require_office(by, county.pk, OFFICE_ONLY)
    if held_on is None:
        raise ValidationError({"held_on": "会议日期:不能为空"})
    meeting = ClaimMeeting.objects.create(
        version=version,
        held_on=held_on,
        place=place,
        attendees=attendees,
        note=note,
        recorded_by=by if by is not None and by.is_authenticated else None,
    )
    rows = []
    for item, unit, confirmed, text in confirmations:
        if item.version_id != version.pk:
            raise ValidationError(f"事项「{item.matter}」不在{version}中")
        is_dept = isinstance(unit, Department)
        if (unit.division_id if is_dept else unit.parent_id) != county.pk:
            raise ValidationError(f"「{unit}」不是本县单位")
        rows.append(
            ClaimConfirmation(
                meeting=meeting,
                item=item,
                department=unit if is_dept else None,
                township=None if is_dept else unit,
                confirmed=confirmed,
                note=text,
            )
        )
    ClaimConfirmation.objects.bulk_create(rows)
    record_change(
        meeting,
        action="create",
        actor=by,
        after={**model_state(meeting), "confirmations": len(rows)},
    )
    return meeting
