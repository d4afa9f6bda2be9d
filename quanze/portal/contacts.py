"""Units' public contact details (org's Contact fields: phone, address, office hours,
website) as the portal shows them: read fresh from the database by id, so an edit by the
office shows at once even where the unit object came from a per-process cache (the
territorial routing table keeps its departments)."""

from dataclasses import dataclass

from quanze.org.models import Department, Division

FIELDS = list(Division.CONTACT_FIELDS)


@dataclass(frozen=True)
class UnitContact:
    """One unit's name and contact, for the `portal/_contact.html` include."""

    role: str
    name: str
    key: tuple = ()  # ("Department" | "Division", pk)
    contact_phone: str = ""
    contact_address: str = ""
    office_hours: str = ""
    website: str = ""

    @property
    def has_contact(self) -> bool:
        return any(getattr(self, name) for name in FIELDS)


def _rows(model, ids) -> dict[int, dict]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return {r["pk"]: r for r in model.objects.filter(pk__in=ids).values("pk", "name", *FIELDS)}


def contacts_for(units: list[tuple[str, object]]) -> list[UnitContact]:
    """(role, unit) pairs, a unit being a Department or a Division (or None, skipped), as
    UnitContact rows in the order given, each unit once (its first role). Two queries."""
    departments = _rows(Department, [u.pk for _, u in units if isinstance(u, Department)])
    divisions = _rows(Division, [u.pk for _, u in units if isinstance(u, Division)])
    seen, out = set(), []
    for role, unit in units:
        if unit is None:
            continue
        key = (type(unit).__name__, unit.pk)
        row = (departments if isinstance(unit, Department) else divisions).get(unit.pk)
        if key in seen or row is None:
            continue
        seen.add(key)
        fields = {k: v for k, v in row.items() if k != "pk"}
        out.append(UnitContact(role=role, key=key, **fields))
    return out


def contact_of(role: str, unit) -> UnitContact:
    """A unit already loaded (with its contact fields) as a UnitContact: no query."""
    fields = {name: getattr(unit, name) for name in FIELDS}
    return UnitContact(role=role, name=unit.name, key=(type(unit).__name__, unit.pk), **fields)
