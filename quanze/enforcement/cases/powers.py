"""Which power a unit holds on a date, and in whose name it acts under it.

A township holds a power on day D when the power is an entry of the version of one of its
township lists (目录类别 乡镇权责清单) in force on D: the published (or since superseded)
version with the latest effective date on or before D. This is the point-in-time lookup
routing already does for responsibility lists (`duties.routing.version_in_force`), here
over catalog versions, which keep their superseded versions and entries.

The mode comes from the delegation decisions published for the township, in force on D,
that name the power (the latest wins, as `catalog/documents/modes.py` reads them for a
list's 方式 column): 委托 and 交办 act in the department's name, 赋权 in the township's.
A listed power without such a decision is the township's own: its own name.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q

from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion, Power
from quanze.delegation.models import Decision, Mode
from quanze.enforcement.cases.models import Case


@dataclass(frozen=True)
class Holding:
    """The answer of `holding_for`: under which list, by which decision, in whose name."""

    mode: str
    acting_name: str
    acting_department: object = None
    basis: dict = field(default_factory=dict)


def versions_in_force(township, on: date) -> list[CatalogVersion]:
    """The township's lists' versions in force on `on`, one per list."""
    versions = (
        CatalogVersion.objects.filter(
            catalog__owner=township,
            catalog__kind=Catalog.Kind.TOWNSHIP_LIST,
            published_at__isnull=False,
            effective_date__lte=on,
        )
        .select_related("catalog")
        .order_by("catalog_id", "-effective_date", "-number")
    )
    latest = {}
    for version in versions:
        latest.setdefault(version.catalog_id, version)
    return list(latest.values())


def decision_for(township, power: Power, on: date):
    """The latest published decision in force on `on` that gives `power` to `township`."""
    return (
        Decision.objects.filter(
            status=Decision.Status.PUBLISHED,
            townships=township,
            effective_date__lte=on,
            items__item__power=power,
        )
        .order_by("-effective_date", "-pk")
        .first()
    )


def _list_text(version: CatalogVersion) -> str:
    return f"「{version.catalog.name}」第{version.number}版(自{version.effective_date:%Y年%m月%d日}起施行)"


def township_holding(township, power: Power, on: date) -> Holding:
    versions = versions_in_force(township, on)
    if not versions:
        raise ValidationError(
            {
                "power": f"执法事项:{township.name}在{on:%Y年%m月%d日}没有已发布施行的乡镇权责清单,不能立案"
            }
        )
    held = set(
        CatalogEntry.objects.filter(version__in=versions, power=power).values_list(
            "version_id", flat=True
        )
    )
    if not held:
        checked = "、".join(_list_text(v) for v in versions)
        raise ValidationError(
            {
                "power": f"执法事项:「{power}」不在{township.name}{on:%Y年%m月%d日}施行的清单"
                f"{checked}中,乡镇无权以此立案"
            }
        )
    version = next(v for v in versions if v.pk in held)
    basis = {
        "list": version.catalog.name,
        "version_id": version.pk,
        "version": version.number,
        "effective_date": version.effective_date.isoformat(),
        "document_number": version.document_number,
        "checked_on": on.isoformat(),
    }
    decision = decision_for(township, power, on)
    if decision is None:
        return Holding(Case.Mode.TOWNSHIP, township.name, None, basis)
    basis |= {"decision": decision.document_number, "decision_mode": decision.get_mode_display()}
    department = power.department
    if decision.mode == Mode.GRANT or department is None:
        return Holding(Case.Mode.GRANTED, township.name, None, basis)
    mode = Case.Mode.ENTRUSTED if decision.mode == Mode.ENTRUSTMENT else Case.Mode.ASSIGNED
    return Holding(mode, department.name, department, basis)


def department_holding(department, power: Power, on: date) -> Holding:
    """A county department acts under its own powers: those it implements in its county."""
    if power.department_id != department.pk or power.owner_id != department.division_id:
        raise ValidationError(
            {
                "power": f"执法事项:「{power}」不是{department.name}实施的本级职权(核对日期{on:%Y年%m月%d日})"
            }
        )
    return Holding(
        Case.Mode.OWN,
        department.name,
        department,
        {"own_power": power.code, "checked_on": on.isoformat()},
    )


def holding_for(*, township=None, department=None, power: Power, on: date) -> Holding:
    if township is not None:
        return township_holding(township, power, on)
    return department_holding(department, power, on)


def powers_held(township, on: date):
    """The powers on the township's lists in force on `on` (for the case form's choices)."""
    versions = versions_in_force(township, on)
    return Power.objects.filter(Q(entries__version__in=versions)).distinct().order_by("code")
