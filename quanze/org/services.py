"""Writes to divisions and departments: validated, authorised, recorded."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from quanze.core.errors import Forbidden, validate_model
from quanze.core.history import diff_states, model_state, record_change
from quanze.core.spreadsheets import code_text
from quanze.org.models import Department, Division
from quanze.org.roles import divisions_managed, is_office
from quanze.org.validators import (
    normalise_division_code,
    validate_contact,
    validate_credit_code,
    validate_division_code,
)

CONTACT_FIELDS = list(Division.CONTACT_FIELDS)
DIVISION_FIELDS = [
    "code",
    "name",
    "level",
    "parent",
    "kind",
    "economically_developed",
    "pilot",
    "publish_exercise_figures",
    *CONTACT_FIELDS,
]
DEPARTMENT_FIELDS = ["division", "name", "short_name", "credit_code", *CONTACT_FIELDS]
DIVISION_EDITABLE = (
    "name",
    "kind",
    "economically_developed",
    "pilot",
    "publish_exercise_figures",
    *CONTACT_FIELDS,
)
DEPARTMENT_EDITABLE = ("name", "short_name", "credit_code", *CONTACT_FIELDS)


def _only_contact(values: dict, unit: str) -> None:
    for name in values:
        if name not in CONTACT_FIELDS:
            raise Forbidden(f"{unit}的{name}不可设置")


def _require_managed(by, division: Division | None) -> None:
    if by is None:  # system jobs (demo loader, generator) act without a user
        return
    if (
        division is None
        or not Division.objects.filter(divisions_managed(by), pk=division.pk).exists()
    ):
        raise Forbidden("无权修改本县(市、区)以外的区划或部门")


def _clean_division(division: Division) -> None:
    division.code = normalise_division_code(division.code)
    division.name = (division.name or "").strip()
    validate_division_code(division.code, division.level, division.parent)
    if division.level != Division.Level.TOWNSHIP:
        division.kind = ""
        division.economically_developed = False
    if division.level != Division.Level.COUNTY:
        division.publish_exercise_figures = False  # the switch is the county office's
    validate_contact(division)
    validate_model(division)


@transaction.atomic
def division_create(
    *,
    by,
    code: str,
    name: str,
    level: str,
    parent: Division | None,
    kind: str = "",
    economically_developed: bool = False,
    pilot: bool = False,
    **contact,
) -> Division:
    _require_managed(by, parent)
    _only_contact(contact, "区划")
    division = Division(
        code=code,
        name=name,
        level=level,
        parent=parent,
        kind=kind,
        economically_developed=economically_developed,
        pilot=pilot,
        **contact,
    )
    _clean_division(division)
    division.save()
    record_change(division, action="create", actor=by, after=model_state(division, DIVISION_FIELDS))
    return division


@transaction.atomic
def division_update(*, by, division: Division, reason: str = "", **changes) -> Division:
    _require_managed(by, division)
    before = model_state(division, DIVISION_FIELDS)
    for name, value in changes.items():
        if name not in DIVISION_EDITABLE:
            raise Forbidden(f"区划的{name}不可修改")
        setattr(division, name, value)
    _clean_division(division)
    division.save()
    old, new = diff_states(before, model_state(division, DIVISION_FIELDS))
    if new:
        record_change(division, action="update", actor=by, before=old, after=new, reason=reason)
    return division


def _clean_department(department: Department) -> None:
    department.name = (department.name or "").strip()
    department.short_name = (department.short_name or "").strip()
    department.credit_code = code_text(department.credit_code or "").upper()
    validate_credit_code(department.credit_code)
    validate_contact(department)
    validate_model(department)


@transaction.atomic
def department_create(
    *, by, division: Division, name: str, short_name: str = "", credit_code: str = "", **contact
) -> Department:
    _require_managed(by, division)
    _only_contact(contact, "部门")
    department = Department(
        division=division, name=name, short_name=short_name, credit_code=credit_code, **contact
    )
    _clean_department(department)
    department.save()
    record_change(
        department, action="create", actor=by, after=model_state(department, DEPARTMENT_FIELDS)
    )
    return department


@transaction.atomic
def department_update(*, by, department: Department, reason: str = "", **changes) -> Department:
    if not is_office(by):
        raise Forbidden("只有编办可以修改部门信息")
    _require_managed(by, department.division)
    before = model_state(department, DEPARTMENT_FIELDS)
    for name, value in changes.items():
        if name not in DEPARTMENT_EDITABLE:
            raise Forbidden(f"部门的{name}不可修改")
        setattr(department, name, value)
    _clean_department(department)
    department.save()
    old, new = diff_states(before, model_state(department, DEPARTMENT_FIELDS))
    if new:
        record_change(department, action="update", actor=by, before=old, after=new, reason=reason)
    return department


TEAM_SUFFIX = "综合行政执法队"


def township_team(township: Division, *, by=None) -> Department:
    """The township's own acting unit for the matters it leads (its integrated enforcement
    team, 综合行政执法队伍): the department of the township's own division, created with
    the township's name the first time the township must lead on something. A county office
    may rename it like any department; it stays the township's unit."""
    if not township.is_township:
        raise ValueError(f"{township} is not a township")
    team = _team_of(township)
    if team is not None:
        return team
    name = township.name[: 100 - len(TEAM_SUFFIX)] + TEAM_SUFFIX
    team = Department(division=township, name=name)
    try:
        # Inside the try: another dispatch may have committed the team since the read above,
        # and the uniqueness check then refuses the name before the insert could.
        _clean_department(team)
        with transaction.atomic():
            team.save()
            record_change(
                team,
                action="create",
                actor=by,
                after=model_state(team, DEPARTMENT_FIELDS),
                reason="乡镇(街道)承担主体责任的事项首次派发,设立其综合行政执法队伍",
            )
    except (IntegrityError, ValidationError):  # another dispatch created it a moment ago
        found = _team_of(township)
        if found is None:
            raise
        return found
    return team


def _team_of(township: Division) -> Department | None:
    """The township's team among its departments: the one whose name says enforcement
    (执法), else the oldest; a township rarely keeps more than one."""
    units = list(Department.objects.filter(division=township).order_by("pk"))
    return next((d for d in units if "执法" in d.name), units[0] if units else None)
