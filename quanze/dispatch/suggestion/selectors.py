"""Matter suggestion for events: the county's matters, the shipped and the county's own
vocabulary, and its confirmed past events feed a `MatterIndex`, kept in memory per
county. A confirmation or correction made here teaches the cached index at once
(`taught`); other processes see it when their periodic check finds the county's
confirmations or vocabulary changed and rebuild."""

import time
from threading import Lock

from django.db.models import Count, Max, Q

from quanze.dispatch.events.models import Event
from quanze.dispatch.events.selectors import county_matters
from quanze.dispatch.suggestion.matcher import MatterIndex, confident
from quanze.dispatch.suggestion.models import VocabularyTerm
from quanze.dispatch.suggestion.units import (
    COOPERATING,
    PRIMARY,
    TERRITORIAL,
    UnitMemory,
    rank_units,
    rural_text,
)
from quanze.dispatch.suggestion.vocabulary import for_matters
from quanze.org.models import Division

EXAMPLES_PER_MATTER = 200  # the newest confirmed events of each matter
UNIT_EXAMPLES = 5000  # the newest routed events the unit memory learns from
TOWNSHIP = "township"  # the unit key of the event's own township
CHECK_SECONDS = 30  # how long an index is used before its freshness is checked again
_cache: dict[int, tuple[tuple, float, MatterIndex]] = {}
_lock = Lock()


def _synonyms(matter) -> str:
    return f"{matter.synonyms} {matter.field.name if matter.field_id else ''}"


def _stamp(county) -> tuple:
    matters = county_matters(county).order_by().aggregate(n=Count("pk"), top=Max("pk"))
    confirmed = Event.objects.filter(county=county, matter_confirmed_by__isnull=False).aggregate(
        n=Count("pk"), top=Max("row_version")
    )
    terms = VocabularyTerm.objects.filter(county=county).aggregate(n=Count("pk"), top=Max("pk"))
    return (
        matters["n"],
        matters["top"],
        confirmed["n"],
        confirmed["top"],
        terms["n"],
        terms["top"],
    )


def _build(county) -> MatterIndex:
    matters = list(county_matters(county))
    labels = [(m.pk, m.name, _synonyms(m)) for m in matters]
    examples = []
    rows = (
        Event.objects.filter(county=county, matter_confirmed_by__isnull=False, matter__isnull=False)
        .order_by("matter_id", "-id")
        .values_list("matter_id", "description")
    )
    counts: dict[int, int] = {}
    for matter_id, description in rows.iterator(chunk_size=5000):
        if counts.get(matter_id, 0) < EXAMPLES_PER_MATTER:
            counts[matter_id] = counts.get(matter_id, 0) + 1
            examples.append((matter_id, description))
    index = MatterIndex(labels, examples)
    for matter_id, words, source in for_matters({m.name: m.pk for m in matters}):
        index.add_terms(matter_id, words, source)
    for matter_id, words in VocabularyTerm.objects.filter(county=county).values_list(
        "matter_id", "words"
    ):
        index.add_terms(matter_id, words, "本县词表")
    index.unit_memory = _unit_memory(county)
    return index


def _unit_memory(county) -> UnitMemory:
    """Which unit acted on the county's routed events: the township where the route made
    it lead (by the list or 权随事转), else the primary department."""
    routed = (
        Event.objects.filter(
            county=county, matter_confirmed_by__isnull=False, primary_department__isnull=False
        )
        .order_by("-id")
        .values_list("routing", "primary_department_id", "description")[:UNIT_EXAMPLES]
    )
    return UnitMemory(
        (TOWNSHIP if (routing or {}).get("township_primary") else department, text)
        for routing, department, text in routed.iterator(chunk_size=2000)
    )


def matter_index(county) -> MatterIndex:
    now = time.monotonic()
    cached = _cache.get(county.pk)
    if cached and now - cached[1] < CHECK_SECONDS:
        return cached[2]
    stamp = _stamp(county)
    if cached and cached[0] == stamp:
        _cache[county.pk] = (stamp, now, cached[2])
        return cached[2]
    with _lock:
        index = _build(county)
        _cache[county.pk] = (stamp, now, index)
    return index


def index_version(county) -> tuple:
    """Which index answers for the county now: what it was built from (its stamp, renewed
    when this process teaches it) and the index itself. A cache of answers computed from
    the index (the portal's 谁来管) is exact under this key."""
    index = matter_index(county)
    cached = _cache.get(county.pk)
    return (cached[0] if cached else None, id(index))


def taught(*, county, matter_id: int, text: str = "", words: str = "") -> None:
    """A confirmation (`text`) or a vocabulary word (`words`) committed in this process:
    put it into the cached index now, and take the county's new stamp so the next check
    does not rebuild for it. Called after commit."""
    cached = _cache.get(county.pk)
    if cached is None:
        return
    with _lock:
        if text:
            cached[2].learn(matter_id, text)
        if words:
            cached[2].add_terms(matter_id, words, "本县词表")
        _cache[county.pk] = (_stamp(county), time.monotonic(), cached[2])


def forget(county=None) -> None:
    """Drop cached indexes (tests, after bulk changes, after a vocabulary word is removed)."""
    if county is None:
        _cache.clear()
    else:
        _cache.pop(county.pk, None)


def suggestions_from(index: MatterIndex, text: str, k: int = 3) -> list[dict]:
    ranked = index.suggest(text, k)
    sure = confident(ranked)
    return [
        {
            "matter_id": s.matter_id,
            "score": s.score,
            "reasons": list(s.reasons),
            "confident": sure and n == 0,
        }
        for n, s in enumerate(ranked)
    ]


def suggestions_for(*, county, text: str, k: int = 3) -> list[dict]:
    index = matter_index(county)
    return [
        {**s, "name": index.names.get(s["matter_id"], "")} for s in suggestions_from(index, text, k)
    ]


def suggestions_at_intake(user, text: str) -> list[dict]:
    """The matters a description suggests in the user's county, for the intake form's
    推荐事项 (the event is not registered yet); none without a county or a text."""
    county = Division.objects.filter(pk=user.county_id).first() if user.county_id else None
    if county is None or not (text or "").strip():
        return []
    return [
        {**s, "strength": match_strength(s["score"])}
        for s in suggestions_for(county=county, text=text)
        if s["name"]
    ]


def suggested_matters(event) -> list[dict]:
    """The stored suggestions of an event whose matter is not confirmed yet, with names
    and the reasons each was suggested; `confident` on the first one only when it is
    clear enough (otherwise the clerk chooses among them)."""
    if event.matter_id or not event.suggestions:
        return []
    names = dict(
        county_matters(event.county)
        .filter(pk__in=[s["matter_id"] for s in event.suggestions])
        .values_list("pk", "name")
    )
    return [
        {
            "reasons": [],
            "confident": False,
            **s,
            "name": names.get(s["matter_id"], ""),
            "strength": match_strength(s["score"]),
        }
        for s in event.suggestions
        if s["matter_id"] in names
    ]


def place_is_rural(event) -> bool:
    """A village (村) or a town's or township's countryside: there the township's own
    squad acts on most complaints (docs/dispatch.md). A community (社区) or a
    subdistrict's streets is not; a town with no village given: the text says."""
    if event.village_id:
        return event.village.name.endswith("村")
    if event.township_id and event.township.kind == Division.Kind.SUBDISTRICT:
        return False
    return rural_text(event.description)


def suggested_units(event) -> list[dict]:
    """The units that should most likely act on an event whose matter is not confirmed
    yet, best first, each with its reasons: the stored matter suggestions lend their
    scores to the units the list in force names for them in the event's township
    (primary, cooperating, the township itself), plus the county's routed events
    (units.rank_units). Empty without suggestions, a township or a list in force."""
    if event.matter_id or not event.suggestions or not event.township_id:
        return []
    from quanze.dispatch.routing.selectors import local_day
    from quanze.dispatch.suggestion.matcher import Suggestion
    from quanze.duties.territorial.routing import responsibility_for

    on = local_day(event.occurred_at)
    names, roles, departments = {}, {}, {}
    for s in event.suggestions:
        r = responsibility_for(matter=s["matter_id"], township=event.township, on=on)
        if r is None:
            continue
        names[s["matter_id"]] = r.matter.name
        pairs = []
        if r.township_primary:
            pairs.append((TOWNSHIP, PRIMARY))
        if r.primary_department is not None:
            departments[r.primary_department.pk] = str(r.primary_department)
            pairs.append((r.primary_department.pk, COOPERATING if r.township_primary else PRIMARY))
        for c in r.cooperating:
            if c.department is not None:
                departments[c.department.pk] = str(c.department)
                pairs.append((c.department.pk, COOPERATING))
        pairs.append((TOWNSHIP, TERRITORIAL))
        roles[s["matter_id"]] = pairs
    if not roles:
        return []
    index = matter_index(event.county)
    ranked = rank_units(
        [
            Suggestion(s["matter_id"], s["score"])
            for s in event.suggestions
            if s["matter_id"] in roles
        ],
        lambda matter_id: roles[matter_id],
        names=names,
        memory=getattr(index, "unit_memory", None),
        text=event.description,
        rural=place_is_rural(event),
    )
    missing = [u.unit for u in ranked if u.unit != TOWNSHIP and u.unit not in departments]
    if missing:
        from quanze.org.models import Department

        departments.update(
            (pk, name)
            for pk, name in Department.objects.filter(
                pk__in=missing, division=event.county
            ).values_list("pk", "name")
        )
    return [
        {
            "unit": str(event.township) if u.unit == TOWNSHIP else departments.get(u.unit, ""),
            "township": u.unit == TOWNSHIP,
            "score": u.score,
            "reasons": list(u.reasons),
        }
        for u in ranked
        if u.unit == TOWNSHIP or u.unit in departments
    ]


def vocabulary_list(*, county, q: str = "", sort: str = "words"):
    """The county's vocabulary page: filter by words or matter name, sort by a column."""
    rows = VocabularyTerm.objects.filter(county=county).select_related("matter", "created_by")
    if q:
        rows = rows.filter(Q(words__icontains=q) | Q(matter__name__icontains=q))
    order = {
        "words": ("words", "pk"),
        "matter": ("matter__name", "words"),
        "newest": ("-created_at", "-pk"),
    }.get(sort, ("words", "pk"))
    return rows.order_by(*order)


def vocabulary_changes(*, county):
    """The history of the county's vocabulary, newest first: who added or removed which
    words when (the records keep the county's name, so removed words stay listed)."""
    from django.contrib.contenttypes.models import ContentType

    from quanze.core.models import ChangeRecord

    kind = ContentType.objects.get_for_model(VocabularyTerm)
    name = str(county)
    return (
        ChangeRecord.objects.filter(content_type=kind)
        .filter(Q(after__county=name) | Q(before__county=name))
        .select_related("actor")
        .order_by("-at", "-pk")
    )


def shipped_for_county(county) -> list[dict]:
    """The shipped vocabulary rows that apply to the county's matters (read-only list)."""
    matters = {m.name: m for m in county_matters(county)}
    return [
        {"words": words, "matter": matters[name], "source": source}
        for name, words, source in _shipped_rows()
        if name in matters
    ]


def _shipped_rows():
    from quanze.dispatch.suggestion.vocabulary import shipped

    return shipped()


def match_strength(score: float) -> str:
    """A suggestion's score as a person reads it. A matter whose name matches best scores
    1.0, its examples add up to 0.5 more: 0.75 and up is 高, 0.3 and up 中, below 低."""
    if score >= 0.75:
        return "高"
    if score >= 0.3:
        return "中"
    return "低"
