"""Writes of the statistics process: recording an exercise that is not a case."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Forbidden, validate_model
from quanze.core.history import model_state, record_change
from quanze.enforcement.cases.powers import township_holding
from quanze.enforcement.statistics.models import Exercise
from quanze.org.roles import is_township_clerk


@transaction.atomic
def exercise_record(*, by, power, on: date, kind: str, count: int = 1, note: str = "") -> Exercise:
    """A township team records inspections or licences under a power it holds on `on`."""
    if not is_township_clerk(by):
        raise Forbidden("只有乡镇(街道)可以登记本乡镇的行权记录")
    if on is None:
        raise ValidationError({"on": "日期:必填"})
    if on > timezone.localdate():
        raise ValidationError({"on": "日期:不能晚于今天"})
    if count is None or count < 1:
        raise ValidationError({"count": "次数(件数):至少为1"})
    township = by.township
    holding = township_holding(township, power, on)
    row = Exercise(
        county_id=township.parent_id,
        township=township,
        power=power,
        kind=kind,
        on=on,
        count=count,
        note=(note or "").strip(),
        basis=holding.basis,
        recorded_by=by,
    )
    validate_model(row)
    row.save()
    record_change(
        row,
        action="create",
        actor=by,
        after=model_state(row, ["township", "power", "kind", "on", "count", "note"]),
    )
    return row
