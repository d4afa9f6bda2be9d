"""谁来管: from a visitor's words and place to the units responsible, by the services the
dispatch desk uses: the gazetteer (`dispatch.intake.places`) finds the township, the matter
suggestion index (`dispatch.suggestion.selectors`) the matter, and the territorial routing
table (`duties.territorial.routing`) who answers for it there, under the published list in
force today and with the sentence saying why (list, version, row)."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef

from quanze.dispatch.intake.places import gazetteer, resolve
from quanze.dispatch.suggestion.selectors import suggestions_for
from quanze.duties.territorial import routing
from quanze.duties.territorial.models import ResponsibilityVersion
from quanze.org.models import Division
from quanze.portal.contacts import contacts_for

SUGGESTIONS = 3


def counties() -> list[Division]:
    """The counties with a published territorial list: where 谁来管 has answers."""
    published = ResponsibilityVersion.objects.filter(
        responsibility_list__county=OuterRef("pk"), published_at__isnull=False
    ).exclude(status="draft")
    return list(Division.objects.filter(Exists(published)).order_by("code"))


def townships_of(county) -> list[Division]:
    return list(
        Division.objects.filter(
            level=Division.Level.TOWNSHIP, code__startswith=county.code[:6]
        ).order_by("code")
    )


@dataclass
class Answer:
    """What the lookup found: the township (or the choices to ask about), the matters."""

    township: Division | None = None
    choices: list = field(default_factory=list)  # townships to choose from
    question: str = ""
    place_names: tuple = ()
    # (suggestion dict, Responsibility or None, the units' contacts: UnitContact list)
    matters: list = field(default_factory=list)


def find_township(county, *, place: str, text: str, township_id=None) -> Answer:
    """The township: chosen by id, or read from the place (or the description) through the
    county's gazetteer. Several candidates, or none, is a question with the choices."""
    towns = townships_of(county)
    if township_id:
        chosen = next((t for t in towns if str(t.pk) == str(township_id)), None)
        if chosen is not None:
            return Answer(township=chosen)
    names = gazetteer(county)
    found = resolve(place, names=names) if place else None
    if (found is None or found.township is None) and not (found and found.ambiguous):
        found = resolve(f"{place} {text}", names=names)
    if found.township is not None:
        return Answer(township=found.township, place_names=found.names)
    if found.ambiguous:
        return Answer(
            choices=list(found.candidates), question=found.question(), place_names=found.names
        )
    return Answer(choices=towns, question="无法从地址判断所在乡镇(街道),请选择")


def lookup(county, *, text: str, place: str = "", township_id=None) -> Answer:
    answer = find_township(county, place=place, text=text, township_id=township_id)
    for suggestion in suggestions_for(county=county, text=text, k=SUGGESTIONS):
        found = None
        if answer.township is not None:
            found = routing.responsibility_for(
                matter=suggestion["matter_id"], township=answer.township
            )
        answer.matters.append((suggestion, found, _contacts(found, answer.township)))
    return answer


def _contacts(found, township) -> list:
    """The contacts of the units an answer names: primary, the township when it acts
    itself, the cooperating units, the fallback."""
    if found is None:
        return []
    units = []
    if found.township_primary:
        units.append(("主体责任单位(属地)", township))
    units.append(
        ("主体责任单位" if not found.township_primary else "业务指导", found.primary_department)
    )
    units += [("配合单位", u.unit) for u in found.cooperating]
    units.append(("兜底牵头", found.fallback_department))
    return contacts_for(units)
