"""谁来管: from a visitor's words and place to the units responsible, by the services the
dispatch desk uses: the gazetteer (`dispatch.intake.places`) finds the township, the matter
suggestion index (`dispatch.suggestion.selectors`) the matter, and the territorial routing
table (`duties.territorial.routing`) who answers for it there, under the published list in
force today and with the sentence saying why (list, version, row)."""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils import timezone

from quanze.dispatch.intake.places import gazetteer, resolve
from quanze.dispatch.suggestion.selectors import index_version, suggestions_for
from quanze.duties.territorial import routing
from quanze.duties.territorial.models import ResponsibilityVersion
from quanze.org.models import Division
from quanze.portal.contacts import contacts_for

SUGGESTIONS = 3
CACHE_SECONDS = 3600  # keys name all an answer depends on; the time only bounds memory


def counties() -> list[Division]:
    """The counties with a published territorial list: where 谁来管 has answers."""
    published = ResponsibilityVersion.objects.filter(
        responsibility_list__county=OuterRef("pk"), published_at__isnull=False
    ).exclude(status="draft")
    return list(Division.objects.filter(Exists(published)).order_by("code"))


def counties_at(generation: str) -> list[Division]:
    """`counties()`, kept per process under the public generation (a territorial list's
    publication is a recorded change, so it moves the generation)."""
    key = f"portal:lookup:counties:{generation}"
    found = cache.get(key)
    if found is None:
        found = counties()
        cache.set(key, found, CACHE_SECONDS)
    return found


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


def normalised(value) -> str:
    """The words as the lookup reads them: runs of white space are one space, none at
    either end (the matcher and the gazetteer see no difference)."""
    return " ".join(str(value or "").split())


def answer_stamp(county, generation: str) -> tuple:
    """What a county's answers depend on besides the question: the public generation
    (places, townships, contacts, territorial publications and vocabulary are recorded
    changes), the suggestion index in use (it also learns from confirmed events), the
    routing table in force (its version) and today (the version in force by date)."""
    version = routing.version_in_force(county=county)
    return (
        generation,
        index_version(county),
        version.pk if version else None,
        timezone.localdate().isoformat(),
    )


def cached_lookup(county, *, text: str, place: str = "", township_id=None, stamp: tuple) -> Answer:
    """`lookup` for a normalised (text, place, township, county), kept per process under
    `answer_stamp`: the same question again costs no suggestion, gazetteer nor routing."""
    text, place = normalised(text), normalised(place)
    parts = (county.pk, text, place, township_id or "", *stamp)
    key = "portal:lookup:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    answer = cache.get(key)
    if answer is None:
        answer = lookup(county, text=text, place=place, township_id=township_id)
        cache.set(key, answer, CACHE_SECONDS)
    return answer
