"""Handing over a clue (a case registered, not yet filed) when its item moves to another
body (an adjustment project, 动态调整): the rule is that filed cases stay with the body that
filed them and clues not yet filed go with the item. The case keeps its number; the body,
the mode and the name it acts in are those the new holder has on the effective date."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quanze.core.errors import Forbidden, refuses_control_chars
from quanze.core.history import diff_states, model_state, record_change
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.models import Case, CaseStep
from quanze.enforcement.cases.powers import holding_for
from quanze.org.roles import is_office

MOVED = ["township", "department", "mode", "acting_department", "acting_name", "basis"]


def clues_of(*, power, township=None, department=None):
    """The clues (registered, not filed) of `power` held by a township or a department."""
    rows = Case.objects.filter(power=power, state=m.REGISTERED)
    if township is not None:
        return rows.filter(township=township)
    return rows.filter(department=department, township__isnull=True)


@transaction.atomic
@refuses_control_chars(reason="理由")
def clue_hand_over(
    *, by, case: Case, on: date, reason: str, township=None, department=None
) -> Case:
    """Move a clue to the township or the department that holds its power on `on`."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if by is not None and not (is_office(by) and by.county_id == case.county_id):
        raise Forbidden("只有本县编办可以移交执法线索")
    if case.state != m.REGISTERED:
        raise ValidationError(
            {"state": f"案件{case.number}已{m.STATES[case.state]},已立案的案件由原机关继续办理"}
        )
    if (township is None) == (department is None):
        raise ValidationError({"to": "移交对象:须指定一个乡镇(街道)或一个部门"})
    holding = holding_for(township=township, department=department, power=case.power, on=on)
    before = model_state(case, MOVED)
    old_holder = case.acting_name
    case.township, case.department = township, department
    case.mode, case.acting_department = holding.mode, holding.acting_department
    case.acting_name, case.basis = holding.acting_name, holding.basis
    case.row_version += 1
    case.save(update_fields=[*MOVED, "row_version"])
    CaseStep.objects.create(
        case=case,
        action="hand_over",
        from_state=case.state,
        to_state=case.state,
        at=timezone.now(),
        on=on,
        actor=by if by is not None and by.is_authenticated else None,
        summary=f"由「{old_holder}」移交「{case.acting_name}」:{reason}"[:500],
    )
    old, new = diff_states(before, model_state(case, MOVED))
    record_change(case, action="update", actor=by, before=old, after=new, reason=reason)
    return case
