"""Writes to the power register: validated, authorised, recorded."""

from django.core.exceptions import ValidationError
from django.db import transaction

from quanze.catalog.powers.citations import parse_citations
from quanze.catalog.powers.models import Citation, Power
from quanze.catalog.powers.search_index import index_powers, search_text_of
from quanze.core.errors import Conflict, Forbidden, validate_model
from quanze.core.history import diff_states, model_state, record_change
from quanze.core.spreadsheets import code_text
from quanze.core.textsafety import formula_warning
from quanze.org.models import Division
from quanze.org.roles import divisions_managed, is_department_clerk, is_office
from quanze.org.selectors import county_of

POWER_EDITABLE = [
    "name",
    "sub_name",
    "parent",
    "power_type",
    "field",
    "department",
    "exercise_level",
    "legal_basis",
    "duties",
    "duties_basis",
    "accountability",
    "accountability_scope",
    "undertaking_unit",
    "notes",
    "extra",
]
POWER_FIELDS = ["owner", "code", *POWER_EDITABLE]


def citations_for(power: Power) -> list[Citation]:
    return [
        Citation(power=power, position=i, **parsed.__dict__)
        for i, parsed in enumerate(parse_citations(power.legal_basis), start=1)
    ]


def refresh_citations(powers: list[Power]) -> None:
    """Replace the parsed citations of these powers (after their basis changed)."""
    Citation.objects.filter(power__in=powers).delete()
    Citation.objects.bulk_create([c for p in powers for c in citations_for(p)], batch_size=2000)


def clean_power(power: Power) -> None:
    """Normalise text fields (codes to half-width, NFKC) and validate; raises
    ValidationError naming the field."""
    # ＦＷ０００００１ is FW000001: the same function the importer uses, so a code typed
    # full-width on a page or sent so through the API never makes a second power.
    power.code = code_text(power.code or "")
    for name in (
        "name",
        "sub_name",
        "exercise_level",
        "accountability_scope",
        "undertaking_unit",
    ):
        setattr(power, name, (getattr(power, name) or "").strip())
    if not power.code:
        raise ValidationError({"code": "事项编码:不能为空"})
    if not power.name:
        raise ValidationError({"name": "事项名称:不能为空"})
    if (
        power.department_id
        and power.department.division_id != power.owner_id
        and power.department.division_id != county_of(power.owner).pk
    ):
        raise ValidationError({"department": "实施部门:不属于本区划"})
    power.search_text = search_text_of(power)
    validate_model(power, exclude=["search_text"])


def _require_power_write(by, owner: Division, department=None) -> None:
    """The office writes powers of its county; a department clerk only its own department's."""
    if by is None:  # system jobs (demo loader, generator) act without a user
        return
    if is_office(by) and Division.objects.filter(divisions_managed(by), pk=owner.pk).exists():
        return
    if is_department_clerk(by) and department is not None and department.pk == by.department_id:
        return
    raise Forbidden("无权新建或修改该权力事项")


@transaction.atomic
def power_create(*, by, owner: Division, code: str, name: str, power_type, **fields) -> Power:
    _require_power_write(by, owner, fields.get("department"))
    power = Power(owner=owner, code=code, name=name, power_type=power_type, **fields)
    clean_power(power)
    power.save()
    index_powers([power.pk])
    refresh_citations([power])
    record_change(power, action="create", actor=by, after=model_state(power, POWER_FIELDS))
    return power


@transaction.atomic
def power_update(
    *, by, power: Power, expected_updated_at=None, reason: str = "", **changes
) -> Power:
    """Change a power's working copy. `expected_updated_at` guards against lost updates."""
    power = (
        Power.objects.select_for_update(of=("self",))
        .select_related("department", "owner")
        .get(pk=power.pk)
    )
    if expected_updated_at is not None and power.updated_at != expected_updated_at:
        raise Conflict("该事项已被他人修改,请刷新后重试")
    _require_power_write(by, power.owner, power.department)
    before = model_state(power, POWER_FIELDS)
    for name, value in changes.items():
        if name not in POWER_EDITABLE:
            raise Forbidden(f"权力事项的{name}不可修改")
        setattr(power, name, value)
    if "department" in changes:
        _require_power_write(by, power.owner, power.department)
    clean_power(power)
    old, new = diff_states(before, model_state(power, POWER_FIELDS))
    if not new:
        return power
    power.save()
    index_powers([power.pk])
    if "legal_basis" in new:
        refresh_citations([power])
    record_change(power, action="update", actor=by, before=old, after=new, reason=reason)
    return power


def power_formula_warnings(power: Power) -> list[str]:
    """Notes for the person who typed text a spreadsheet would run as a formula
    (=HYPERLINK(…), +1+1, @SUM(…)): it is stored as typed, and every export writes it
    behind an "'" (core.textsafety), so the person knows why it shows so."""
    notes = []
    for field in Power._meta.concrete_fields:
        if field.name == "search_text" or field.is_relation:
            continue
        value = getattr(power, field.attname)
        values = value.items() if isinstance(value, dict) else [(field.verbose_name, value)]
        for label, text in values:
            if isinstance(text, str) and (note := formula_warning(text)):
                notes.append(f"{label}:{note}")
    return notes
